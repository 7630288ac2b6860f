namespace FlinkSdk.Checkpointing;

/// <summary>The status of a checkpoint (Flink's <c>CheckpointStatsStatus</c>).</summary>
public enum CheckpointStatus
{
    /// <summary>Triggered, not all tasks acknowledged yet.</summary>
    InProgress,

    /// <summary>Every task acknowledged and the metadata was written.</summary>
    Completed,

    /// <summary>Expired, declined, subsumed or aborted.</summary>
    Failed,
}

/// <summary>Statistics of one checkpoint, with Flink's REST field names in .NET casing.</summary>
/// <param name="Id">The checkpoint id.</param>
/// <param name="Status">Its status.</param>
/// <param name="TriggerTimestamp">When it was triggered (Unix ms).</param>
/// <param name="LatestAckTimestamp">When the last acknowledgement arrived (Unix ms), or -1.</param>
/// <param name="EndToEndDuration">Milliseconds from trigger to completion (or to now / failure).</param>
/// <param name="StateSize">Bytes of state written.</param>
/// <param name="AlignmentDuration">The longest barrier alignment of any task.</param>
/// <param name="StartDelay">The longest delay from trigger to a task's first barrier, in milliseconds.</param>
/// <param name="NumSubtasks">Tasks taking part.</param>
/// <param name="NumAcknowledgedSubtasks">Tasks that acknowledged.</param>
/// <param name="ExternalPath">Where a completed checkpoint is stored.</param>
/// <param name="FailureMessage">Why a failed checkpoint failed.</param>
public sealed record CheckpointStatistics(
    long Id,
    CheckpointStatus Status,
    long TriggerTimestamp,
    long LatestAckTimestamp,
    long EndToEndDuration,
    long StateSize,
    TimeSpan AlignmentDuration,
    long StartDelay,
    int NumSubtasks,
    int NumAcknowledgedSubtasks,
    string? ExternalPath,
    string? FailureMessage);

/// <summary>Counts and recent history of a job's checkpoints (Flink's checkpoint statistics).</summary>
/// <param name="NumberOfCompletedCheckpoints">Completed checkpoints.</param>
/// <param name="NumberOfFailedCheckpoints">Failed checkpoints.</param>
/// <param name="NumberOfInProgressCheckpoints">Checkpoints in progress.</param>
/// <param name="NumberOfRestoredCheckpoints">Restores from a checkpoint.</param>
/// <param name="History">The most recent checkpoints, newest last.</param>
public sealed record CheckpointStatsSnapshot(
    int NumberOfCompletedCheckpoints,
    int NumberOfFailedCheckpoints,
    int NumberOfInProgressCheckpoints,
    int NumberOfRestoredCheckpoints,
    IReadOnlyList<CheckpointStatistics> History)
{
    /// <summary>All checkpoints ever triggered: in progress + completed + failed.</summary>
    public int TotalNumberOfCheckpoints => NumberOfCompletedCheckpoints + NumberOfFailedCheckpoints + NumberOfInProgressCheckpoints;
}

/// <summary>Collects checkpoint statistics (Flink's <c>CheckpointStatsTracker</c>); thread-safe.</summary>
internal sealed class CheckpointStatsTracker(int historySize)
{
    private readonly object _lock = new();
    private readonly List<CheckpointStatistics> _history = [];
    private int _completed;
    private int _failed;
    private int _inProgress;
    private int _restored;

    public CheckpointStatsSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new CheckpointStatsSnapshot(_completed, _failed, _inProgress, _restored, [.. _history]);
        }
    }

    /// <summary>The statistics of checkpoint <paramref name="id"/>, if still in the history.</summary>
    public CheckpointStatistics? Get(long id)
    {
        lock (_lock)
        {
            int index = _history.FindLastIndex(s => s.Id == id);
            return index >= 0 ? _history[index] : null;
        }
    }

    public void ReportPending(long id, long timestamp, int subtasks) => Update(id, true, _ =>
    {
        _inProgress++;
        return new CheckpointStatistics(id, CheckpointStatus.InProgress, timestamp, -1, 0, 0, TimeSpan.Zero, 0, subtasks, 0, null, null);
    });

    public void ReportAck(long id, long now, long size, TimeSpan alignment, long startDelay) => Update(id, false, s => s! with
    {
        LatestAckTimestamp = now,
        EndToEndDuration = now - s.TriggerTimestamp,
        StateSize = s.StateSize + size,
        AlignmentDuration = alignment > s.AlignmentDuration ? alignment : s.AlignmentDuration,
        StartDelay = Math.Max(s.StartDelay, startDelay),
        NumAcknowledgedSubtasks = s.NumAcknowledgedSubtasks + 1,
    });

    public void ReportCompleted(long id, long now, string externalPath) => Update(id, false, s =>
    {
        _inProgress--;
        _completed++;
        return s! with { Status = CheckpointStatus.Completed, EndToEndDuration = now - s.TriggerTimestamp, ExternalPath = externalPath };
    });

    public void ReportFailed(long id, long now, string message) => Update(id, false, s =>
    {
        _inProgress--;
        _failed++;
        return s! with { Status = CheckpointStatus.Failed, EndToEndDuration = now - s.TriggerTimestamp, FailureMessage = message };
    });

    /// <summary>A trigger that failed before a pending checkpoint existed: counted as failed only.</summary>
    public void ReportFailedWithoutPending(long id, long now, string message) => Update(id, true, _ =>
    {
        _failed++;
        return new CheckpointStatistics(id, CheckpointStatus.Failed, now, -1, 0, 0, TimeSpan.Zero, 0, 0, 0, null, message);
    });

    public void ReportRestored()
    {
        lock (_lock)
        {
            _restored++;
        }
    }

    private void Update(long id, bool add, Func<CheckpointStatistics?, CheckpointStatistics> change)
    {
        lock (_lock)
        {
            int index = _history.FindLastIndex(s => s.Id == id);
            if (add)
            {
                _history.Add(change(null));
                if (_history.Count > Math.Max(1, historySize))
                {
                    _history.RemoveAt(0);
                }
            }
            else if (index >= 0)
            {
                _history[index] = change(_history[index]);
            }
            else
            {
                // Fell out of the history window: keep the counts right anyway.
                _ = change(new CheckpointStatistics(id, CheckpointStatus.InProgress, 0, -1, 0, 0, TimeSpan.Zero, 0, 0, 0, null, null));
            }
        }
    }
}
