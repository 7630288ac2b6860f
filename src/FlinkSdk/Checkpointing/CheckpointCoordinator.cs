using FlinkSdk.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using FlinkSdk.Storage;

namespace FlinkSdk.Checkpointing;

/// <summary>A task that waits, after its input ended, for the final checkpoint of the job (FLIP-147).</summary>
internal interface IFinishingParticipant
{
    /// <summary>A checkpoint triggered after every task's input ended completed: the task may finish.</summary>
    void NotifyFinalCheckpointComplete();
}

/// <summary>A task as the coordinator sees it.</summary>
internal interface ICheckpointParticipant
{
    /// <summary>Whether the task starts its chain with a source (it is triggered; the others receive barriers).</summary>
    bool IsSource { get; }

    string Describe();

    /// <summary>Asks a source task to take checkpoint <paramref name="checkpointId"/> and emit its barrier.</summary>
    void TriggerCheckpoint(long checkpointId, long timestamp);

    void NotifyCheckpointComplete(long checkpointId);

    void NotifyCheckpointAborted(long checkpointId);
}

/// <summary>
/// Flink's <c>CheckpointCoordinator</c>: triggers checkpoints periodically (first after a random delay between
/// the minimum pause and the interval), respects max-concurrent and the minimum pause measured from the last
/// completion, expires checkpoints after the timeout, completes a checkpoint once every task acknowledged it,
/// subsumes older pending ones, keeps <c>num-retained</c> completed checkpoints, counts failures towards the
/// tolerable number, and notifies tasks of completion and aborts. Ids start at 1 and are never reused.
/// </summary>
internal sealed class CheckpointCoordinator : IDisposable
{
    private readonly object _lock = new();
    private readonly object _finalizeLock = new();
    private readonly CheckpointConfig _config;
    private readonly ICheckpointStorage _storage;
    private readonly string _jobName;
    private readonly TimeProvider _clock;
    private readonly Action<Exception> _failJob;
    private readonly SortedDictionary<long, PendingCheckpoint> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<ICheckpointParticipant> _endOfData = [];
    private IReadOnlyList<ICheckpointParticipant> _tasks = [];
    private long _nextCheckpointId;
    private long _lastCompletionTime = long.MinValue;
    private long _lastSucceededId;
    private int _countedFailures;
    private bool _finalRequested;
    private long _finalCheckpointMinId = long.MaxValue;
    private bool _finalCompleted;
    private int _disposed;
    private int _generation;

    public CheckpointCoordinator(CheckpointConfig config, ICheckpointStorage storage, string jobName, TimeProvider clock, Action<Exception> failJob, CompletedCheckpointStore store, long nextCheckpointId = 1)
    {
        _config = config;
        _storage = storage;
        _jobName = jobName;
        _clock = clock;
        _failJob = failJob;
        Store = store;
        _nextCheckpointId = nextCheckpointId;
        Statistics = new CheckpointStatsTracker(config.CheckpointHistorySize);
    }

    public CompletedCheckpointStore Store { get; }

    /// <summary>Where per-checkpoint log lines go.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Raised after a checkpoint completed and was added to the store (on an acknowledging thread).</summary>
    public event Action<CompletedCheckpoint>? CheckpointCompleted;

    public CheckpointStatsTracker Statistics { get; }

    public ICheckpointStorage Storage => _storage;

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Sets the tasks of a (re)started attempt; pending checkpoints of the old attempt are aborted.</summary>
    public void SetTasks(IReadOnlyList<ICheckpointParticipant> tasks, string reason = "The job is restarting.")
    {
        lock (_lock)
        {
            foreach (var pending in _pending.Values.ToList())
            {
                Abort(pending, CheckpointFailureReason.JobFailover, reason, notify: false);
            }

            _tasks = tasks;
            _generation++;
            _endOfData.Clear();
            _finalRequested = false;
            _finalCheckpointMinId = long.MaxValue;
            _finalCompleted = false;
        }
    }

    /// <summary>Starts periodic triggering (no-op when checkpointing is disabled).</summary>
    public void Start()
    {
        if (_config.CheckpointInterval is not { } interval)
        {
            return;
        }

        _ = Task.Run(() => ScheduleAsync(interval, _stop.Token));
    }

    /// <summary>Triggers a checkpoint now, unless max-concurrent is reached (ignored when <paramref name="force"/>).</summary>
    /// <returns>The new checkpoint's id, or <see langword="null"/> if none was triggered.</returns>
    public long? TriggerCheckpoint(bool force = false)
    {
        PendingCheckpoint pending;
        lock (_lock)
        {
            // After the final checkpoint the tasks are finishing: a later checkpoint could complete but never be notified.
            if (_tasks.Count == 0 || _finalCompleted || (!force && _pending.Count >= _config.MaxConcurrentCheckpoints))
            {
                return null;
            }

            long id = _nextCheckpointId++;
            long timestamp = Now;
            ICheckpointWriter writer;
            try
            {
                writer = _storage.BeginCheckpoint(id);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Statistics.ReportFailedWithoutPending(id, timestamp, e.Message);
                CountFailure(id, CheckpointFailureReason.FinalizeCheckpointFailure, e.Message);
                return null;
            }

            pending = new PendingCheckpoint(id, timestamp, writer, _tasks, _generation);
            _pending.Add(id, pending);
            Statistics.ReportPending(id, timestamp, _tasks.Count);
            pending.TimeoutTimer = _clock.CreateTimer(_ => Expire(id), null, _config.CheckpointTimeout, Timeout.InfiniteTimeSpan);
        }

        foreach (var task in pending.Tasks.Where(t => t.IsSource))
        {
            task.TriggerCheckpoint(pending.Id, pending.Timestamp);
        }

        return pending.Id;
    }

    /// <summary>The writer tasks use in their asynchronous phase, or <see langword="null"/> if the checkpoint is no longer pending.</summary>
    public ICheckpointWriter? WriterFor(long checkpointId)
    {
        lock (_lock)
        {
            return _pending.TryGetValue(checkpointId, out var pending) ? pending.Writer : null;
        }
    }

    public void Acknowledge(ICheckpointParticipant task, long checkpointId, IReadOnlyList<OperatorSubtaskState> states, TimeSpan alignment, long startDelayMillis)
    {
        PendingCheckpoint? complete = null;
        lock (_lock)
        {
            if (!_pending.TryGetValue(checkpointId, out var pending) || !pending.Acknowledge(task, states))
            {
                return; // late or unknown (expired, aborted, subsumed): ignored as in Flink
            }

            Statistics.ReportAck(checkpointId, Now, states.Sum(s => s.Handle.Size), alignment, startDelayMillis);
            if (pending.IsFullyAcknowledged)
            {
                _pending.Remove(checkpointId);
                complete = pending;
            }
        }

        if (complete is not null)
        {
            Finalize(complete);
        }
    }

    public void Decline(ICheckpointParticipant task, long checkpointId, CheckpointFailureReason reason, string message)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(checkpointId, out var pending))
            {
                Abort(pending, reason, $"{task.Describe()} declined checkpoint {checkpointId}: {message}", notify: true);
            }
        }
    }

    /// <summary>A task consumed all its input; once all have, the final checkpoint is triggered at once (FLIP-147).</summary>
    public void ReportEndOfData(ICheckpointParticipant task)
    {
        bool trigger;
        lock (_lock)
        {
            trigger = _endOfData.Add(task) && _endOfData.Count == _tasks.Count && !_finalRequested;
            _finalRequested |= trigger;
            if (trigger)
            {
                // Any checkpoint triggered from now on sees every task finished: its completion ends the job.
                _finalCheckpointMinId = _nextCheckpointId;
            }
        }

        if (trigger)
        {
            _ = Task.Run(TriggerFinalCheckpointAsync);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        lock (_lock)
        {
            foreach (var pending in _pending.Values.ToList())
            {
                Abort(pending, CheckpointFailureReason.JobFailover, "The job is stopping.", notify: false);
            }
        }

        _stop.Dispose();
    }

    private async Task TriggerFinalCheckpointAsync()
    {
        // Retry until one is triggered: max-concurrent may hold it back while an earlier checkpoint finishes.
        while (!_stop.IsCancellationRequested && TriggerCheckpoint() is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), _clock, _stop.Token).ConfigureAwait(false);
        }
    }

    private async Task ScheduleAsync(TimeSpan interval, CancellationToken stop)
    {
        TimeSpan minPause = _config.MinPauseBetweenCheckpoints;
        var baseInterval = interval > minPause ? interval : minPause;
        var initialDelay = minPause + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * (baseInterval - minPause).Ticks));
        try
        {
            await Task.Delay(initialDelay, _clock, stop).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                bool pauseOk;
                lock (_lock)
                {
                    pauseOk = _lastCompletionTime == long.MinValue || Now - _lastCompletionTime >= (long)minPause.TotalMilliseconds;
                }

                if (pauseOk)
                {
                    TriggerCheckpoint();
                }

                await Task.Delay(pauseOk ? baseInterval : TimeSpan.FromMilliseconds(Math.Max(1, (long)minPause.TotalMilliseconds - (Now - _lastCompletionTime))), _clock, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Expire(long checkpointId)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(checkpointId, out var pending))
            {
                Abort(pending, CheckpointFailureReason.CheckpointExpired, "Checkpoint expired before completing.", notify: true);
            }
        }
    }

    /// <summary>
    /// Writes the metadata and adds the checkpoint to the store. Finalizations run one at a time, and a checkpoint
    /// that a newer one overtook, or that belongs to an attempt that failed meanwhile, is discarded instead of
    /// completed: the store, notifications and recovery only ever move forward.
    /// </summary>
    private void Finalize(PendingCheckpoint pending)
    {
        lock (_finalizeLock)
        {
            if (IsStale(pending))
            {
                pending.Writer.Abort();
                return;
            }

            var metadata = new CheckpointMetadata(_jobName, pending.Id, pending.Timestamp, pending.States);
            string pointer;
            try
            {
                pointer = pending.Writer.Commit(CheckpointMetadataSerializer.Serialize(metadata));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                lock (_lock)
                {
                    _pending[pending.Id] = pending;
                    Abort(pending, CheckpointFailureReason.FinalizeCheckpointFailure, "Failure to finalize checkpoint: " + e.Message, notify: true);
                }

                return;
            }

            List<ICheckpointParticipant> tasks;
            CompletedCheckpoint completed;
            bool final;
            lock (_lock)
            {
                if (IsStale(pending))
                {
                    _storage.Discard(pending.Id);
                    return;
                }

                completed = new CompletedCheckpoint(pending.Id, pending.Timestamp, pointer, pending.States);
                Store.Add(completed, _storage);
                _lastCompletionTime = Now;
                _lastSucceededId = Math.Max(_lastSucceededId, pending.Id);
                _countedFailures = 0;
                Statistics.ReportCompleted(pending.Id, Now, pointer);
                var stats = Statistics.Get(pending.Id);
                CheckpointLog.CheckpointCompleted(Logger, pending.Id, _jobName, stats?.StateSize ?? 0, stats?.EndToEndDuration ?? 0, (long)(stats?.AlignmentDuration.TotalMilliseconds ?? 0), pointer);

                // Completing N subsumes every older pending checkpoint.
                foreach (var older in _pending.Values.Where(p => p.Id < pending.Id).ToList())
                {
                    Abort(older, CheckpointFailureReason.CheckpointSubsumed, $"Checkpoint {older.Id} was subsumed by checkpoint {pending.Id}.", notify: true);
                }

                tasks = [.. pending.Tasks];

                // Decided together with the store update, so no checkpoint is triggered between the two.
                final = pending.Id >= _finalCheckpointMinId;
                _finalCompleted |= final;
            }

            pending.TimeoutTimer?.Dispose();
            CheckpointCompleted?.Invoke(completed);

            foreach (var task in tasks)
            {
                task.NotifyCheckpointComplete(pending.Id);
                if (final && task is IFinishingParticipant finishing)
                {
                    finishing.NotifyFinalCheckpointComplete();
                }
            }
        }
    }

    private bool IsStale(PendingCheckpoint pending)
    {
        lock (_lock)
        {
            if (pending.Generation == _generation && pending.Id > _lastSucceededId)
            {
                return false;
            }

            pending.TimeoutTimer?.Dispose();
            Statistics.ReportFailed(pending.Id, Now, pending.Generation == _generation
                ? $"Checkpoint {pending.Id} was subsumed by checkpoint {_lastSucceededId}."
                : "The job failed over before the checkpoint was finalized.");
            return true;
        }
    }

    // Call with the lock held.
    private void Abort(PendingCheckpoint pending, CheckpointFailureReason reason, string message, bool notify)
    {
        if (!_pending.Remove(pending.Id))
        {
            return;
        }

        pending.TimeoutTimer?.Dispose();
        pending.Writer.Abort();
        Statistics.ReportFailed(pending.Id, Now, message);
        if (reason != CheckpointFailureReason.JobFailover)
        {
            CheckpointLog.CheckpointFailed(Logger, pending.Id, _jobName, message);
        }
        if (notify)
        {
            foreach (var task in pending.Tasks)
            {
                task.NotifyCheckpointAborted(pending.Id);
            }
        }

        CountFailure(pending.Id, reason, message);
    }

    // Flink's CheckpointFailureManager: only counted reasons, only ids after the last success, fail over past the tolerable number.
    private void CountFailure(long checkpointId, CheckpointFailureReason reason, string message)
    {
        if (!reason.IsCounted() || checkpointId <= _lastSucceededId)
        {
            return;
        }

        _countedFailures++;
        if (_countedFailures > _config.TolerableCheckpointFailureNumber)
        {
            _countedFailures = 0;
            _failJob(new CheckpointException(
                $"Exceeded checkpoint tolerable failure threshold. The latest checkpoint failed due to {message}", reason));
        }
    }

    private sealed class PendingCheckpoint(long id, long timestamp, ICheckpointWriter writer, IReadOnlyList<ICheckpointParticipant> tasks, int generation)
    {
        /// <summary>The attempt the checkpoint belongs to; a failover makes it stale.</summary>
        public int Generation { get; } = generation;

        private readonly HashSet<ICheckpointParticipant> _notYetAcknowledged = [.. tasks];
        private readonly List<OperatorSubtaskState> _states = [];

        public long Id { get; } = id;

        public long Timestamp { get; } = timestamp;

        public ICheckpointWriter Writer { get; } = writer;

        public IReadOnlyList<ICheckpointParticipant> Tasks { get; } = tasks;

        public ITimer? TimeoutTimer { get; set; }

        public IReadOnlyList<OperatorSubtaskState> States => _states;

        public bool IsFullyAcknowledged => _notYetAcknowledged.Count == 0;

        public bool Acknowledge(ICheckpointParticipant task, IReadOnlyList<OperatorSubtaskState> states)
        {
            if (!_notYetAcknowledged.Remove(task))
            {
                return false;
            }

            _states.AddRange(states);
            return true;
        }
    }
}

/// <summary>A checkpoint failure that fails the job (Flink's <c>CheckpointException</c>).</summary>
internal sealed class CheckpointException(string message, CheckpointFailureReason reason) : Exception(message)
{
    public CheckpointFailureReason Reason { get; } = reason;
}
