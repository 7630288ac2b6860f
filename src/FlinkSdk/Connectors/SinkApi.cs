namespace FlinkSdk.Connectors;

/// <summary>The parallel instance a sink writer runs in.</summary>
/// <param name="SubtaskIndex">The writer's index, from 0.</param>
/// <param name="Parallelism">How many writers the sink has.</param>
/// <param name="CheckpointingEnabled">Whether the job takes checkpoints (two-phase-commit writers then commit on checkpoints, not at the end).</param>
public sealed record SinkWriterContext(int SubtaskIndex, int Parallelism, bool CheckpointingEnabled = false);

/// <summary>Where a stream ends (Flink's <c>Sink</c>).</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISink<T>
{
    /// <summary>Creates the writer of one parallel instance.</summary>
    /// <param name="context">Which instance.</param>
    /// <returns>The writer.</returns>
    ISinkWriter<T> CreateWriter(SinkWriterContext context);
}

/// <summary>Writes the records of one parallel instance of a sink.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISinkWriter<T> : IDisposable
{
    /// <summary>Writes one record.</summary>
    /// <param name="value">The record.</param>
    /// <param name="timestamp">Its event-time timestamp, if any.</param>
    void Write(T value, long? timestamp);

    /// <summary>Makes everything written so far durable (called at end of input).</summary>
    void Flush();
}

/// <summary>
/// A sink writer that commits its output with checkpoints (two-phase commit, as Flink's <c>FileSink</c>): records
/// go to hidden in-progress data; <see cref="PrepareCommit"/> (on a checkpoint) turns it into pending data
/// recorded in the checkpoint; <see cref="Commit"/> (when that checkpoint completes) makes it visible; on restore
/// the pending data of the restored checkpoint is committed (idempotently) and anything newer is discarded.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ITwoPhaseCommittingSinkWriter<T> : ISinkWriter<T>
{
    /// <summary>Closes the in-progress data as pending for checkpoint <paramref name="checkpointId"/>; returns the writer's state.</summary>
    /// <param name="checkpointId">The checkpoint.</param>
    /// <returns>The state to store in the checkpoint.</returns>
    byte[] PrepareCommit(long checkpointId);

    /// <summary>Makes the pending data of checkpoints up to <paramref name="checkpointId"/> visible.</summary>
    /// <param name="checkpointId">The completed checkpoint.</param>
    void Commit(long checkpointId);

    /// <summary>Restores from the state this writer returned in a checkpoint (<see langword="null"/> when starting fresh).</summary>
    /// <param name="state">The state.</param>
    void Restore(byte[]? state);
}
