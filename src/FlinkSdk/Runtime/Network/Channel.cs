using FlinkSdk.Runtime.Tasks;

namespace FlinkSdk.Runtime.Network;

/// <summary>One element of a channel: a batch of records or an event.</summary>
internal readonly record struct ChannelEntry<T>(RecordBatch<T>? Batch, StreamEvent? Event);

/// <summary>
/// The connection from one producer subtask to one consumer subtask. It owns a fixed number of batches (Flink's
/// credits): the producer fills a free batch and enqueues it, the consumer processes it and recycles it. When all
/// batches are in flight the producer waits, so a slow consumer back-pressures its producers and memory stays bounded.
/// </summary>
internal sealed class Channel<T>
{
    private readonly object _lock = new();
    private readonly Stack<RecordBatch<T>> _free;
    private readonly RingDeque<ChannelEntry<T>> _queue;
    private TaskSignal? _consumerSignal;
    private TaskSignal? _producerSignal;
    private bool _cancelled;

    public Channel(int batches, int batchSize)
    {
        _free = new Stack<RecordBatch<T>>(batches);
        for (int i = 0; i < batches; i++)
        {
            _free.Push(new RecordBatch<T>(batchSize));
        }

        Capacity = batches;
        _queue = new RingDeque<ChannelEntry<T>>(batches + 4);
    }

    /// <summary>The number of batches this channel owns.</summary>
    public int Capacity { get; }

    /// <summary>Entries queued and not yet taken by the consumer.</summary>
    public int QueuedCount
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public bool HasFreeBatch
    {
        get
        {
            lock (_lock)
            {
                return _free.Count > 0 || _cancelled;
            }
        }
    }

    public void Connect(TaskSignal producer, TaskSignal consumer)
    {
        _producerSignal = producer;
        _consumerSignal = consumer;
    }

    /// <summary>Takes a free batch, waiting while all are in flight (back-pressure).</summary>
    public RecordBatch<T> AcquireBatch()
    {
        lock (_lock)
        {
            while (_free.Count == 0)
            {
                if (_cancelled)
                {
                    throw new OperationCanceledException("The job was cancelled.");
                }

                Monitor.Wait(_lock);
            }

            return _free.Pop();
        }
    }

    public void Enqueue(RecordBatch<T> batch) => Add(new ChannelEntry<T>(batch, null), priority: false);

    /// <summary>Enqueues an event behind the queued batches, or with <paramref name="priority"/> ahead of them.</summary>
    public void Enqueue(StreamEvent streamEvent, bool priority = false) => Add(new ChannelEntry<T>(null, streamEvent), priority);

    public bool TryDequeue(out ChannelEntry<T> entry)
    {
        lock (_lock)
        {
            return _queue.TryRemoveFirst(out entry);
        }
    }

    /// <summary>Returns a processed batch to the producer.</summary>
    public void Recycle(RecordBatch<T> batch)
    {
        batch.Clear();
        lock (_lock)
        {
            _free.Push(batch);
            Monitor.PulseAll(_lock);
        }

        _producerSignal?.Notify();
    }

    /// <summary>Wakes a producer waiting for a batch; it then fails with <see cref="OperationCanceledException"/>.</summary>
    public void Cancel()
    {
        lock (_lock)
        {
            _cancelled = true;
            Monitor.PulseAll(_lock);
        }
    }

    private void Add(ChannelEntry<T> entry, bool priority)
    {
        lock (_lock)
        {
            if (priority)
            {
                _queue.AddFirst(entry);
            }
            else
            {
                _queue.AddLast(entry);
            }
        }

        _consumerSignal?.Notify();
    }
}
