using System.Collections.Concurrent;
using System.Diagnostics;
using FlinkSdk.Runtime.Network;
using FlinkSdk.Runtime.Operators;

namespace FlinkSdk.Runtime.Tasks;

/// <summary>
/// One parallel instance of a chain of operators, run by one thread as a mailbox loop: records, watermarks,
/// timers and control mails are all handled on that thread, so operator state never needs locks.
/// </summary>
internal abstract class StreamTask
{
    private readonly ConcurrentQueue<Action> _mailbox = new();
    private readonly List<ILifecycleOperator> _operators = [];
    private readonly List<IProcessingTimeOperator> _timerOperators = [];
    private readonly List<Action> _flushers = [];
    private readonly List<Func<bool>> _availability = [];
    private readonly long _bufferTimeoutTicks;
    private long _lastFlush;
    private long _wakeUpAt = long.MaxValue;
    private volatile bool _cancelled;

    protected StreamTask(string name, int subtaskIndex, int parallelism, TimeSpan bufferTimeout, TimeProvider clock)
    {
        Name = name;
        SubtaskIndex = subtaskIndex;
        Parallelism = parallelism;
        Clock = clock;
        _bufferTimeoutTicks = bufferTimeout < TimeSpan.Zero ? long.MaxValue : (long)(bufferTimeout.TotalSeconds * Stopwatch.Frequency);
    }

    public string Name { get; }

    public int SubtaskIndex { get; }

    public int Parallelism { get; }

    public TaskSignal Signal { get; } = new();

    public TimeProvider Clock { get; }

    /// <summary>Processing time in Unix milliseconds.</summary>
    public long CurrentProcessingTime => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    protected bool IsCancelled => _cancelled;

    public void Register(ILifecycleOperator op) => _operators.Add(op);

    public void Register(IProcessingTimeOperator op) => _timerOperators.Add(op);

    public void RegisterOutput<T>(RecordWriter<T> writer)
    {
        _flushers.Add(writer.Flush);
        _availability.Add(() => writer.IsAvailable);
    }

    /// <summary>Runs <paramref name="mail"/> on the task's thread, between records.</summary>
    public void Post(Action mail)
    {
        _mailbox.Enqueue(mail);
        Signal.Notify();
    }

    /// <summary>Asks the loop to wake up by <paramref name="unixMillis"/> to fire a processing-time timer.</summary>
    public void WakeUpAt(long unixMillis)
    {
        if (unixMillis < _wakeUpAt)
        {
            _wakeUpAt = unixMillis;
        }
    }

    public void Cancel()
    {
        _cancelled = true;
        Signal.Notify();
    }

    /// <summary>Opens the operators, runs the loop to the end of input, and closes the operators.</summary>
    public void Run()
    {
        Exception? failure = null;
        try
        {
            // Operators are registered from the end of the chain, so each one's downstream is open before it.
            foreach (var op in _operators)
            {
                op.Open();
            }

            _lastFlush = Stopwatch.GetTimestamp();
            RunLoop();
        }
        catch (Exception e)
        {
            failure = e;
        }

        // Close from the head, as Flink does; every operator is closed, also after a failure.
        for (int i = _operators.Count - 1; i >= 0; i--)
        {
            try
            {
                _operators[i].Close();
            }
            catch (Exception e)
            {
                failure ??= e;
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    protected abstract void RunLoop();

    /// <summary>Runs pending mails and due processing-time timers; throws if the job was cancelled.</summary>
    protected void ProcessMailsAndTimers()
    {
        if (_cancelled)
        {
            throw new OperationCanceledException("The job was cancelled.");
        }

        while (_mailbox.TryDequeue(out var mail))
        {
            mail();
        }

        if (_wakeUpAt != long.MaxValue && CurrentProcessingTime >= _wakeUpAt)
        {
            long now = CurrentProcessingTime;
            _wakeUpAt = long.MaxValue;
            foreach (var op in _timerOperators)
            {
                op.FireProcessingTimers(now);
                if (op.NextProcessingTime is { } next)
                {
                    WakeUpAt(next);
                }
            }
        }
    }

    /// <summary>Whether every output can take a record without blocking.</summary>
    protected bool OutputsAvailable()
    {
        foreach (var available in _availability)
        {
            if (!available())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Sends partly filled batches once the buffer timeout has passed since the last flush.</summary>
    protected void FlushIfDue()
    {
        if (_bufferTimeoutTicks != long.MaxValue && Stopwatch.GetTimestamp() - _lastFlush >= _bufferTimeoutTicks)
        {
            Flush();
        }
    }

    protected void Flush()
    {
        foreach (var flush in _flushers)
        {
            flush();
        }

        _lastFlush = Stopwatch.GetTimestamp();
    }

    /// <summary>Waits for input, a recycled buffer, a mail, the next timer or the buffer timeout, whichever is first.</summary>
    protected void WaitForWork(TimeSpan maxWait)
    {
        TimeSpan wait = maxWait;
        if (_wakeUpAt != long.MaxValue)
        {
            var untilTimer = TimeSpan.FromMilliseconds(Math.Max(0, _wakeUpAt - CurrentProcessingTime));
            wait = untilTimer < wait ? untilTimer : wait;
        }

        if (_mailbox.IsEmpty && !_cancelled)
        {
            Signal.Wait(wait);
        }
    }
}
