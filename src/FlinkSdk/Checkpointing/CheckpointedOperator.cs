namespace FlinkSdk.Checkpointing;

/// <summary>
/// An operator with state to checkpoint. The synchronous phase (<see cref="SnapshotState"/>) runs on the task
/// thread between records and captures an immutable copy; the returned snapshot is serialized and written
/// asynchronously, so processing continues while the checkpoint uploads.
/// </summary>
internal interface ICheckpointedOperator
{
    /// <summary>The operator's stable id; state is mapped by it across job versions.</summary>
    string Uid { get; }

    /// <summary>Synchronous phase: a consistent, immutable copy of the operator's state.</summary>
    IOperatorSnapshot SnapshotState(long checkpointId);

    /// <summary>Restores state before <c>Open</c>; <paramref name="restored"/> holds every subtask's state of this uid in the checkpoint (for rescaling).</summary>
    void InitializeState(RestoredOperatorState restored);

    void NotifyCheckpointComplete(long checkpointId);

    void NotifyCheckpointAborted(long checkpointId);
}

/// <summary>An immutable copy of one operator subtask's state that can write itself out (the asynchronous phase).</summary>
internal interface IOperatorSnapshot
{
    /// <summary>Writes the snapshot, then releases the copies it holds.</summary>
    void WriteTo(System.Buffers.IBufferWriter<byte> output);
}

/// <summary>The state an operator subtask restores from: the serialized snapshots of the same uid, by old subtask index.</summary>
internal sealed class RestoredOperatorState(int oldParallelism, IReadOnlyDictionary<int, byte[]> bySubtask)
{
    public static RestoredOperatorState Empty { get; } = new(0, new Dictionary<int, byte[]>());

    public bool IsRestored => BySubtask.Count > 0;

    public int OldParallelism { get; } = oldParallelism;

    public IReadOnlyDictionary<int, byte[]> BySubtask { get; } = bySubtask;
}
