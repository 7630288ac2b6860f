using FlinkSdk.Storage;

namespace FlinkSdk.Checkpointing;

/// <summary>One operator subtask's state in a checkpoint.</summary>
/// <param name="Uid">The operator's uid.</param>
/// <param name="SubtaskIndex">The subtask.</param>
/// <param name="Parallelism">The operator's parallelism when the checkpoint was taken.</param>
/// <param name="Handle">Where the serialized state is (inline or a file).</param>
internal sealed record OperatorSubtaskState(string Uid, int SubtaskIndex, int Parallelism, StateHandle Handle);

/// <summary>The content of a checkpoint's <c>_metadata</c>: which job, which checkpoint, and every operator subtask's state handle.</summary>
internal sealed record CheckpointMetadata(string JobName, long CheckpointId, long Timestamp, IReadOnlyList<OperatorSubtaskState> States)
{
    /// <summary>Format version of the metadata document.</summary>
    public const int Version = 1;
}
