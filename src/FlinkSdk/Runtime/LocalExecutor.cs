using FlinkSdk.Checkpointing;
using FlinkSdk.Configuration;
using FlinkSdk.DataStream;
using FlinkSdk.Graph;
using FlinkSdk.Recovery;
using FlinkSdk.Storage;
using Microsoft.Extensions.Logging;

namespace FlinkSdk.Runtime;

/// <summary>How to run a job.</summary>
internal sealed record JobRunSettings(string JobName, TimeSpan BufferTimeout, TimeProvider Clock, FlinkConfiguration Configuration, string? RestorePointer, ILogger Logger);

/// <summary>
/// Runs a job in this process (Flink's JobMaster with a local scheduler): deploys an attempt, and when it fails
/// applies the restart strategy and redeploys every task restored from the latest completed checkpoint. The
/// checkpoint coordinator, its store and its id counter live across attempts.
/// </summary>
internal static class LocalExecutor
{
    public static async Task<JobExecutionResult> ExecuteAsync(JobGraph graph, JobRunSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.Configuration.Checkpointing;
        var clock = settings.Clock;
        var started = clock.GetTimestamp();
        var strategy = RestartStrategyFactory.Create(settings.Configuration, clock);
        var store = new CompletedCheckpointStore(config.MaxRetainedCheckpoints);
        JobAttempt? current = null;
        string? restoredFrom = null;

        ICheckpointStorage? storage = null;
        CheckpointCoordinator? coordinator = null;
        RestoreSource? restore = null;
        if (settings.RestorePointer is { } pointer)
        {
            restore = RestoreSource.FromExternal(pointer);
            store.AddRestored(restore.Checkpoint);
            restoredFrom = restore.Checkpoint.ExternalPointer;
        }

        if (config.IsCheckpointingEnabled)
        {
            storage = CheckpointStorages.Create(config, jobId: null, settings.JobName);
            coordinator = new CheckpointCoordinator(config, storage, settings.JobName, clock, e => current?.Fail(e), store, (restore?.Checkpoint.CheckpointId ?? 0) + 1)
            {
                Logger = settings.Logger,
            };
            if (restore is not null)
            {
                coordinator.Statistics.ReportRestored();
                CheckpointLog.Restored(settings.Logger, settings.JobName, restore.Checkpoint.CheckpointId, restore.Checkpoint.ExternalPointer);
                if (settings.Configuration.StateRecovery.ClaimMode == RecoveryClaimMode.Claim && settings.RestorePointer is { } claimed)
                {
                    // CLAIM: the job owns the restored checkpoint and deletes it once a newer one completed.
                    long restoredId = restore.Checkpoint.CheckpointId;
                    Action<CompletedCheckpoint>? release = null;
                    release = completed =>
                    {
                        if (completed.CheckpointId > restoredId)
                        {
                            coordinator.CheckpointCompleted -= release;
                            try
                            {
                                CheckpointStorages.OpenForRestore(claimed).Discard(restoredId);
                            }
                            catch (IOException)
                            {
                                // Already gone: nothing to release.
                            }
                        }
                    };
                    coordinator.CheckpointCompleted += release;
                }
            }

            coordinator.Start();
        }

        long? claimedId = settings.RestorePointer is null ? null : restore?.Checkpoint.CheckpointId;
        int restarts = 0;
        try
        {
            while (true)
            {
                current = new JobAttempt(graph, settings, coordinator, restore);
                Exception? failure = await current.RunAsync(cancellationToken).ConfigureAwait(false);
                coordinator?.SetTasks([], failure is null ? "The job finished." : "The job is restarting.");
                if (failure is null)
                {
                    Shutdown(JobTermination.Finished);
                    return new JobExecutionResult(settings.JobName, clock.GetElapsedTime(started), graph.Vertices.Count, restarts, coordinator?.Statistics.Snapshot(), restoredFrom);
                }

                if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    Shutdown(JobTermination.Canceled);
                    throw new OperationCanceledException($"Job '{settings.JobName}' was cancelled.", failure, cancellationToken);
                }

                strategy.NotifyFailure(failure);
                if (!strategy.CanRestart())
                {
                    Shutdown(JobTermination.Failed);
                    throw JobExecutionException.From(settings.JobName, failure, $" (Recovery is suppressed by {strategy})");
                }

                restore = RestoreSource.Latest(store, storage) ?? restore;
                CheckpointLog.Restarting(settings.Logger, settings.JobName, (long)strategy.GetBackoffTime().TotalMilliseconds, restore?.Checkpoint.CheckpointId, strategy.ToString() ?? string.Empty, failure.Message);
                await Task.Delay(strategy.GetBackoffTime(), clock, cancellationToken).ConfigureAwait(false);
                restarts++;
                coordinator?.Statistics.ReportRestored();
            }
        }
        finally
        {
            coordinator?.Dispose();
        }

        void Shutdown(JobTermination termination)
        {
            coordinator?.Dispose();
            if (termination == JobTermination.Finished && claimedId is { } id && settings.RestorePointer is { } claimed &&
                settings.Configuration.StateRecovery.ClaimMode == RecoveryClaimMode.Claim)
            {
                // CLAIM: a finished job no longer needs the checkpoint it was started from (if still there).
                try
                {
                    CheckpointStorages.OpenForRestore(claimed).Discard(id);
                }
                catch (IOException)
                {
                }
            }

            storage?.Shutdown(CheckpointStorages.ShouldRetainOnShutdown(config.ExternalizedCheckpointRetention, termination));
        }
    }
}

/// <summary>The checkpoint an attempt restores from, with every operator subtask's serialized state.</summary>
internal sealed class RestoreSource
{
    private readonly Dictionary<string, RestoredOperatorState> _byUid;

    private RestoreSource(CompletedCheckpoint checkpoint, CompletedCheckpointData data)
    {
        Checkpoint = checkpoint;
        _byUid = checkpoint.States.GroupBy(s => s.Uid).ToDictionary(
            g => g.Key,
            g => new RestoredOperatorState(g.First().Parallelism, g.ToDictionary(s => s.SubtaskIndex, s => data.ReadState(s.Handle))));
    }

    public CompletedCheckpoint Checkpoint { get; }

    public RestoredOperatorState For(string uid) => _byUid.GetValueOrDefault(uid) ?? RestoredOperatorState.Empty;

    /// <summary>Loads a retained checkpoint by its path (as <c>flink run -s</c>).</summary>
    public static RestoreSource FromExternal(string pointer)
    {
        var data = CheckpointStorages.LoadExternal(pointer);
        var metadata = CheckpointMetadataSerializer.Deserialize(data.Metadata);
        return new RestoreSource(new CompletedCheckpoint(metadata.CheckpointId, metadata.Timestamp, data.ExternalPointer, metadata.States), data);
    }

    /// <summary>The newest completed checkpoint that loads cleanly; corrupted ones are skipped in favour of older retained ones.</summary>
    public static RestoreSource? Latest(CompletedCheckpointStore store, ICheckpointStorage? storage)
    {
        CheckpointCorruptedException? lastError = null;
        foreach (var checkpoint in store.All.Reverse())
        {
            try
            {
                var data = storage is not null && checkpoint.ExternalPointer == storage.ExternalPointer(checkpoint.CheckpointId)
                    ? storage.Load(checkpoint.CheckpointId)
                    : CheckpointStorages.LoadExternal(checkpoint.ExternalPointer);
                return new RestoreSource(checkpoint, data);
            }
            catch (CheckpointCorruptedException e)
            {
                lastError = e;
            }
        }

        return lastError is null ? null : throw lastError;
    }
}
