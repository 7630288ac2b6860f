using FlinkSdk.Runtime.Operators;

namespace FlinkSdk.DataStream;

/// <summary>The result of a finished job.</summary>
/// <param name="JobName">The job's name.</param>
/// <param name="NetRuntime">How long the job ran.</param>
/// <param name="VertexCount">How many tasks (chains of operators) the job graph had.</param>
/// <param name="Restarts">How many times the job was restarted after a failure.</param>
/// <param name="Checkpoints">Checkpoint statistics, when checkpointing was enabled.</param>
/// <param name="RestoredFrom">The checkpoint the first attempt was restored from, if any.</param>
public sealed record JobExecutionResult(string JobName, TimeSpan NetRuntime, int VertexCount, int Restarts = 0, Checkpointing.CheckpointStatsSnapshot? Checkpoints = null, string? RestoredFrom = null);

/// <summary>A job failed; the message names the operator, subtask and record, and the inner exception is the cause.</summary>
public sealed class JobExecutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public JobExecutionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The job's name.</summary>
    public string JobName { get; private init; } = string.Empty;

    /// <summary>The operator that failed, if a user function failed.</summary>
    public string? OperatorName { get; private init; }

    /// <summary>The failed subtask's index (from 0), if known.</summary>
    public int? SubtaskIndex { get; private init; }

    /// <summary>The text of the record being processed, if any (truncated to 200 characters).</summary>
    public string? Record { get; private init; }

    internal static JobExecutionException From(string jobName, Exception failure, string? suffix = null) => failure is OperatorException op
        ? new JobExecutionException($"Job '{jobName}' failed: {op.Message}{suffix}", op.InnerException!)
        {
            JobName = jobName,
            OperatorName = op.OperatorName,
            SubtaskIndex = op.SubtaskIndex,
            Record = op.Record,
        }
        : new JobExecutionException($"Job '{jobName}' failed: {failure.GetType().Name}: {failure.Message}{suffix}", failure) { JobName = jobName };
}
