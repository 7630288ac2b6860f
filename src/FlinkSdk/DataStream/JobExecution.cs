using FlinkSdk.Runtime.Operators;

namespace FlinkSdk.DataStream;

/// <summary>The result of a finished job.</summary>
/// <param name="JobName">The job's name.</param>
/// <param name="NetRuntime">How long the job ran.</param>
/// <param name="VertexCount">How many tasks (chains of operators) the job graph had.</param>
public sealed record JobExecutionResult(string JobName, TimeSpan NetRuntime, int VertexCount);

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

    internal static JobExecutionException From(string jobName, Exception failure) => failure is OperatorException op
        ? new JobExecutionException($"Job '{jobName}' failed: {op.Message}", op.InnerException!)
        {
            JobName = jobName,
            OperatorName = op.OperatorName,
            SubtaskIndex = op.SubtaskIndex,
            Record = op.Record,
        }
        : new JobExecutionException($"Job '{jobName}' failed: {failure.GetType().Name}: {failure.Message}", failure) { JobName = jobName };
}
