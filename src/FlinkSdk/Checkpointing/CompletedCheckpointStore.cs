using FlinkSdk.Storage;

namespace FlinkSdk.Checkpointing;

/// <summary>A completed checkpoint: its id, when it was triggered, where it is, and every operator subtask's state.</summary>
internal sealed record CompletedCheckpoint(long CheckpointId, long Timestamp, string ExternalPointer, IReadOnlyList<OperatorSubtaskState> States);

/// <summary>
/// Flink's <c>CompletedCheckpointStore</c>: keeps the latest <c>num-retained</c> completed checkpoints and
/// discards older ones from storage; recovery uses the newest.
/// </summary>
internal sealed class CompletedCheckpointStore(int maxRetained)
{
    private readonly List<CompletedCheckpoint> _checkpoints = [];

    public int MaxRetained { get; } = Math.Max(1, maxRetained);

    public CompletedCheckpoint? Latest => _checkpoints.Count == 0 ? null : _checkpoints[^1];

    public IReadOnlyList<CompletedCheckpoint> All => _checkpoints;

    public void Add(CompletedCheckpoint checkpoint, ICheckpointStorage storage)
    {
        _checkpoints.Add(checkpoint);
        while (_checkpoints.Count > MaxRetained)
        {
            var oldest = _checkpoints[0];
            _checkpoints.RemoveAt(0);
            storage.Discard(oldest.CheckpointId);
        }
    }

    /// <summary>Registers a checkpoint restored from outside (e.g. <c>--from-checkpoint</c>) as the latest.</summary>
    public void AddRestored(CompletedCheckpoint checkpoint) => _checkpoints.Add(checkpoint);
}
