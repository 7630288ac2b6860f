using FlinkSdk.Runtime.Operators;

namespace FlinkSdk.Runtime.Network;

/// <summary>
/// The output of a task towards one downstream edge: partitions records over the edge's channels, filling one
/// batch per channel, and sends a batch when it is full or when the buffer timeout flushes it. Events are
/// broadcast to all channels after the pending records, so order is kept.
/// </summary>
internal sealed class RecordWriter<T> : IRecordHandler<T>
{
    private readonly Channel<T>[] _channels;
    private readonly RecordBatch<T>?[] _current;
    private readonly StreamPartitioner<T> _partitioner;

    public RecordWriter(Channel<T>[] channels, StreamPartitioner<T> partitioner)
    {
        _channels = channels;
        _current = new RecordBatch<T>?[channels.Length];
        _partitioner = partitioner;
    }

    /// <summary>Whether every channel has a free batch, i.e. emitting will not block.</summary>
    public bool IsAvailable
    {
        get
        {
            for (int i = 0; i < _channels.Length; i++)
            {
                if (_current[i] is null && !_channels[i].HasFreeBatch)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public void ProcessRecord(T value, long timestamp)
    {
        if (_partitioner.IsBroadcast)
        {
            for (int i = 0; i < _channels.Length; i++)
            {
                Append(i, value, timestamp);
            }
        }
        else
        {
            Append(_channels.Length == 1 ? 0 : _partitioner.SelectChannel(value), value, timestamp);
        }
    }

    public void ProcessWatermark(long watermark) =>
        BroadcastEvent(watermark == long.MaxValue ? WatermarkEvent.Max : new WatermarkEvent(watermark));

    public void Finish() => BroadcastEvent(EndOfInputEvent.Instance);

    /// <summary>Sends every partly filled batch (the buffer timeout, or before an event).</summary>
    public void Flush()
    {
        for (int i = 0; i < _channels.Length; i++)
        {
            if (_current[i] is { Count: > 0 } batch)
            {
                _current[i] = null;
                _channels[i].Enqueue(batch);
            }
        }
    }

    /// <summary>Sends <paramref name="streamEvent"/> to every channel after the records written so far.</summary>
    public void BroadcastEvent(StreamEvent streamEvent)
    {
        Flush();
        foreach (var channel in _channels)
        {
            channel.Enqueue(streamEvent);
        }
    }

    private void Append(int channel, T value, long timestamp)
    {
        var batch = _current[channel] ??= _channels[channel].AcquireBatch();
        batch.Add(value, timestamp);
        if (batch.IsFull)
        {
            _current[channel] = null;
            _channels[channel].Enqueue(batch);
        }
    }
}
