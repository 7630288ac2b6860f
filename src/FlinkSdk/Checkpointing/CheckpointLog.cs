using Microsoft.Extensions.Logging;

namespace FlinkSdk.Checkpointing;

/// <summary>Log messages of checkpointing and recovery (source-generated, no allocation when disabled).</summary>
internal static partial class CheckpointLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Completed checkpoint {CheckpointId} for job '{JobName}' ({StateSize} bytes in {DurationMs} ms, alignment {AlignmentMs} ms) at {ExternalPath}.")]
    public static partial void CheckpointCompleted(ILogger logger, long checkpointId, string jobName, long stateSize, long durationMs, long alignmentMs, string externalPath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Checkpoint {CheckpointId} of job '{JobName}' failed: {Reason}")]
    public static partial void CheckpointFailed(ILogger logger, long checkpointId, string jobName, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Job '{JobName}' failed; restarting in {BackoffMs} ms from checkpoint {CheckpointId} ({Strategy}): {Failure}")]
    public static partial void Restarting(ILogger logger, string jobName, long backoffMs, long? checkpointId, string strategy, string failure);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Job '{JobName}' restored from checkpoint {CheckpointId} at {ExternalPath}.")]
    public static partial void Restored(ILogger logger, string jobName, long checkpointId, string externalPath);
}
