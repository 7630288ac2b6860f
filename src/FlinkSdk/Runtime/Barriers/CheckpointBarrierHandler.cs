using FlinkSdk.Runtime.Network;

namespace FlinkSdk.Runtime.Barriers;

/// <summary>What a barrier handler asks of its task.</summary>
internal interface IBarrierHandlerTarget
{
    /// <summary>All inputs delivered the barrier (or, at-least-once, counted it): snapshot and forward it.</summary>
    void TriggerCheckpointOnBarrier(CheckpointBarrierEvent barrier, TimeSpan alignmentDuration);

    /// <summary>The checkpoint was cancelled or subsumed by a newer barrier: decline it and tell downstream.</summary>
    void AbortCheckpointOnBarrier(long checkpointId, string reason);
}

/// <summary>Decides when the barriers arriving on a task's input channels complete a checkpoint (Flink's <c>CheckpointBarrierHandler</c>).</summary>
internal abstract class CheckpointBarrierHandler(IBarrierHandlerTarget target)
{
    protected IBarrierHandlerTarget Target { get; } = target;

    /// <summary>Duration of the last (or current) alignment.</summary>
    public TimeSpan LastAlignmentDuration { get; protected set; }

    public abstract void OnBarrier(int channel, CheckpointBarrierEvent barrier);

    public abstract void OnCancellation(CancelCheckpointMarkerEvent marker);

    /// <summary>A channel ended: it no longer holds a pending checkpoint back.</summary>
    public abstract void OnEndOfInput(int channel);

    public static CheckpointBarrierHandler Create<T>(bool exactlyOnce, InputGate<T> gate, IBarrierHandlerTarget target) =>
        exactlyOnce ? new AlignedBarrierHandler<T>(gate, target) : new BarrierTracker<T>(gate, target);
}

/// <summary>
/// Exactly-once alignment (Flink's <c>SingleCheckpointBarrierHandler.aligned</c>): after a channel delivers the
/// barrier of checkpoint N it is blocked, so no record after the barrier is processed before the snapshot;
/// when every open channel has delivered it, the task snapshots, forwards the barrier and unblocks all channels.
/// A newer barrier cancels an unfinished alignment.
/// </summary>
internal sealed class AlignedBarrierHandler<T>(InputGate<T> gate, IBarrierHandlerTarget target) : CheckpointBarrierHandler(target)
{
    private readonly bool[] _aligned = new bool[gate.ChannelCount];
    private long _currentId = -1;
    private bool _pending;
    private CheckpointBarrierEvent? _pendingBarrier;
    private int _alignedCount;
    private long _alignmentStart;

    public override void OnBarrier(int channel, CheckpointBarrierEvent barrier)
    {
        if (barrier.CheckpointId < _currentId || (barrier.CheckpointId == _currentId && !_pending))
        {
            return; // obsolete: cancelled or already completed
        }

        if (barrier.CheckpointId > _currentId)
        {
            if (_pending)
            {
                long subsumed = _currentId;
                Reset();
                Target.AbortCheckpointOnBarrier(subsumed, $"Received checkpoint barrier for checkpoint {barrier.CheckpointId} before completing current checkpoint {subsumed}. Skipping current checkpoint.");
            }

            _currentId = barrier.CheckpointId;
            _pending = true;
            _pendingBarrier = barrier;
            _alignmentStart = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        if (!_aligned[channel])
        {
            _aligned[channel] = true;
            _alignedCount++;
            gate.Block(channel);
        }

        CompleteIfAligned(barrier);
    }

    public override void OnCancellation(CancelCheckpointMarkerEvent marker)
    {
        if (marker.CheckpointId > _currentId || (marker.CheckpointId == _currentId && _pending))
        {
            _currentId = marker.CheckpointId;
            Reset();
            Target.AbortCheckpointOnBarrier(marker.CheckpointId, "Checkpoint was cancelled by an upstream task (cancellation barrier).");
        }
    }

    public override void OnEndOfInput(int channel)
    {
        if (_pending && _pendingBarrier is { } barrier)
        {
            CompleteIfAligned(barrier);
        }
    }

    private void CompleteIfAligned(CheckpointBarrierEvent barrier)
    {
        for (int i = 0; i < _aligned.Length; i++)
        {
            if (!_aligned[i] && !gate.IsEnded(i))
            {
                return;
            }
        }

        LastAlignmentDuration = System.Diagnostics.Stopwatch.GetElapsedTime(_alignmentStart);
        Reset();
        Target.TriggerCheckpointOnBarrier(barrier, LastAlignmentDuration);
    }

    private void Reset()
    {
        Array.Clear(_aligned);
        _alignedCount = 0;
        _pending = false;
        gate.UnblockAll();
    }
}

/// <summary>
/// At-least-once (Flink's <c>CheckpointBarrierTracker</c>): never blocks; counts the barriers of each checkpoint
/// and triggers it when every open channel delivered one. Records after a barrier on one channel may be
/// processed before the snapshot, so they are replayed after recovery: duplicates, never loss.
/// </summary>
internal sealed class BarrierTracker<T>(InputGate<T> gate, IBarrierHandlerTarget target) : CheckpointBarrierHandler(target)
{
    private const int MaxCheckpointsToTrack = 50;
    private readonly SortedDictionary<long, Entry> _counts = [];
    private long _latestTriggered = -1;

    public override void OnBarrier(int channel, CheckpointBarrierEvent barrier)
    {
        long id = barrier.CheckpointId;
        if (id <= _latestTriggered)
        {
            return;
        }

        if (!_counts.TryGetValue(id, out var entry))
        {
            entry = _counts[id] = new Entry(barrier);
            if (_counts.Count > MaxCheckpointsToTrack)
            {
                _counts.Remove(_counts.Keys.First());
            }
        }

        entry.Count++;
        TriggerCompleted();
    }

    public override void OnCancellation(CancelCheckpointMarkerEvent marker)
    {
        long id = marker.CheckpointId;
        if (id <= _latestTriggered)
        {
            return;
        }

        // Abort every older checkpoint still counting and this one; remember this one so its late barriers are ignored.
        foreach (var older in _counts.Where(kv => kv.Key < id && !kv.Value.Aborted).Select(kv => kv.Key).ToList())
        {
            _counts.Remove(older);
            Target.AbortCheckpointOnBarrier(older, "Checkpoint was cancelled by an upstream task (cancellation barrier).");
        }

        if (!_counts.TryGetValue(id, out var entry) || !entry.Aborted)
        {
            _counts[id] = new Entry(null) { Aborted = true };
            Target.AbortCheckpointOnBarrier(id, "Checkpoint was cancelled by an upstream task (cancellation barrier).");
        }
    }

    public override void OnEndOfInput(int channel) => TriggerCompleted();

    private void TriggerCompleted()
    {
        int open = 0;
        for (int i = 0; i < gate.ChannelCount; i++)
        {
            open += gate.IsEnded(i) ? 0 : 1;
        }

        // The newest checkpoint every open channel delivered completes, implicitly subsuming older ones.
        var complete = _counts.LastOrDefault(kv => !kv.Value.Aborted && kv.Value.Count >= Math.Max(open, 1));
        if (complete.Value is not { Barrier: { } barrier })
        {
            return;
        }

        foreach (var done in _counts.Keys.Where(k => k <= complete.Key).ToList())
        {
            _counts.Remove(done);
        }

        _latestTriggered = complete.Key;
        Target.TriggerCheckpointOnBarrier(barrier, TimeSpan.Zero);
    }

    private sealed class Entry(CheckpointBarrierEvent? barrier)
    {
        public CheckpointBarrierEvent? Barrier { get; } = barrier;

        public int Count { get; set; }

        public bool Aborted { get; set; }
    }
}
