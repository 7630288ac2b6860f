namespace FlinkSdk.Checkpointing;

/// <summary>Why a checkpoint failed (Flink's <c>CheckpointFailureReason</c>, the subset that can happen here).</summary>
internal enum CheckpointFailureReason
{
    /// <summary>The checkpoint took longer than the timeout.</summary>
    CheckpointExpired,

    /// <summary>A task's asynchronous phase failed (serializing or writing state).</summary>
    CheckpointAsyncException,

    /// <summary>A task declined the checkpoint.</summary>
    CheckpointDeclined,

    /// <summary>Writing the metadata failed.</summary>
    FinalizeCheckpointFailure,

    /// <summary>A newer checkpoint completed first.</summary>
    CheckpointSubsumed,

    /// <summary>A newer barrier arrived before the alignment finished, or an upstream task cancelled it.</summary>
    CheckpointDeclinedOnCancellationBarrier,

    /// <summary>The job is failing or stopping.</summary>
    JobFailover,
}

/// <summary>Which failures count towards <c>tolerable-failed-checkpoints</c>, as in Flink's <c>CheckpointFailureManager</c>.</summary>
internal static class CheckpointFailureReasons
{
    public static bool IsCounted(this CheckpointFailureReason reason) => reason is
        CheckpointFailureReason.CheckpointExpired or CheckpointFailureReason.CheckpointAsyncException or
        CheckpointFailureReason.CheckpointDeclined or CheckpointFailureReason.FinalizeCheckpointFailure;
}
