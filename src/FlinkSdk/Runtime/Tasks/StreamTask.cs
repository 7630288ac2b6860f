using System.Collections.Concurrent;
using System.Diagnostics;
using FlinkSdk.Checkpointing;
using FlinkSdk.Runtime.Network;
using FlinkSdk.Runtime.Operators;

namespace FlinkSdk.Runtime.Tasks;

/// <summary>
/// One parallel instance of a chain of operators, run by one thread as a mailbox loop: records, watermarks,
/// timers and control mails are all handled on that thread, so operator state never needs locks.
/// </summary>
internal abstract class StreamTask : ICheckpointParticipant, IFinishingParticipant
{
    private readonly ConcurrentQueue<Action> _mailbox = new();
    private readonly List<ILifecycleOperator> _operators = [];
    private readonly List<IProcessingTimeOperator> _timerOperators = [];
    private readonly List<Action> _flushers = [];
    private readonly List<Func<bool>> _availability = [];
    private readonly List<Action<StreamEvent>> _broadcasters = [];
    private readonly List<ICheckpointedOperator> _checkpointed = [];
    private volatile bool _finalCheckpointDone;
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
        _broadcasters.Add(writer.BroadcastEvent);
    }

    public void Register(ICheckpointedOperator op) => _checkpointed.Add(op);

    /// <summary>The coordinator, when checkpointing is enabled.</summary>
    public CheckpointCoordinator? Coordinator { get; set; }

    /// <summary>Whether to wait for a checkpoint after the end of input before finishing (FLIP-147).</summary>
    public bool WaitForFinalCheckpoint { get; set; }

    /// <summary>The restored state of each checkpointed operator, by uid.</summary>
    public Func<string, RestoredOperatorState> RestoredState { get; set; } = _ => RestoredOperatorState.Empty;

    public abstract bool IsSource { get; }

    public string Describe() => $"{Name} ({SubtaskIndex + 1}/{Parallelism})";

    public void TriggerCheckpoint(long checkpointId, long timestamp) =>
        Post(() => PerformCheckpoint(new CheckpointBarrierEvent(checkpointId, timestamp), TimeSpan.Zero));

    public void NotifyCheckpointComplete(long checkpointId) => Post(() =>
    {
        foreach (var op in _checkpointed)
        {
            op.NotifyCheckpointComplete(checkpointId);
        }
    });

    /// <summary>The job's final checkpoint completed (after its own notification, which commits sinks): the task may finish.</summary>
    public void NotifyFinalCheckpointComplete() => Post(() => _finalCheckpointDone = true);

    public void NotifyCheckpointAborted(long checkpointId) => Post(() =>
    {
        foreach (var op in _checkpointed)
        {
            op.NotifyCheckpointAborted(checkpointId);
        }
    });

    /// <summary>
    /// Takes checkpoint <paramref name="barrier"/> on the task thread: the synchronous phase copies every
    /// operator's state, then the barrier goes downstream, then serialization and upload run asynchronously
    /// and end with an acknowledgement (or a decline, which counts as a failed checkpoint).
    /// </summary>
    protected void PerformCheckpoint(CheckpointBarrierEvent barrier, TimeSpan alignment)
    {
        var coordinator = Coordinator;
        if (coordinator is null)
        {
            return;
        }

        long id = barrier.CheckpointId;

        // Sync phase: a failure here fails the task (Flink: "Could not perform checkpoint").
        var snapshots = new List<(string Uid, IOperatorSnapshot Snapshot)>(_checkpointed.Count);
        foreach (var op in _checkpointed)
        {
            snapshots.Add((op.Uid, op.SnapshotState(id)));
        }

        foreach (var broadcast in _broadcasters)
        {
            broadcast(barrier);
        }

        long startDelay = Math.Max(0, CurrentProcessingTime - barrier.Timestamp);
        _ = Task.Run(() =>
        {
            try
            {
                var writer = coordinator.WriterFor(id);
                if (writer is null)
                {
                    return; // expired or aborted meanwhile
                }

                var states = new List<OperatorSubtaskState>(snapshots.Count);
                using var buffer = new PooledBufferWriter();
                foreach (var (uid, snapshot) in snapshots)
                {
                    buffer.Clear();
                    snapshot.WriteTo(buffer);
                    states.Add(new OperatorSubtaskState(uid, SubtaskIndex, Parallelism, writer.WriteState(buffer.WrittenSpan)));
                }

                coordinator.Acknowledge(this, id, states, alignment, startDelay);
            }
            catch (Exception e)
            {
                coordinator.Decline(this, id, CheckpointFailureReason.CheckpointAsyncException, $"Asynchronous task checkpoint failed: {e.GetType().Name}: {e.Message}");
            }
        });
    }

    /// <summary>The checkpoint was cancelled on the way here: decline it and tell downstream tasks not to wait for it.</summary>
    protected void AbortCheckpoint(long checkpointId, string reason)
    {
        Coordinator?.Decline(this, checkpointId, CheckpointFailureReason.CheckpointDeclinedOnCancellationBarrier, reason);
        var marker = new CancelCheckpointMarkerEvent(checkpointId);
        foreach (var broadcast in _broadcasters)
        {
            broadcast(marker);
        }
    }

    /// <summary>
    /// After the chain finished: report end of data and keep serving checkpoints until one taken after the
    /// end of input completes, so two-phase-commit sinks commit everything before the job finishes.
    /// </summary>
    protected void AwaitFinalCheckpoint(Func<bool>? pollInput)
    {
        if (Coordinator is null || !WaitForFinalCheckpoint)
        {
            return;
        }

        Coordinator.ReportEndOfData(this);
        while (!_finalCheckpointDone)
        {
            ProcessMailsAndTimers();
            if (pollInput?.Invoke() != true && !_finalCheckpointDone)
            {
                WaitForWork(TimeSpan.FromMilliseconds(50));
            }
        }
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
            foreach (var op in _checkpointed)
            {
                op.InitializeState(RestoredState(op.Uid));
            }

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
