using FlinkSdk.Checkpointing;
using FlinkSdk.Connectors;
using FlinkSdk.Serialization;

namespace FlinkSdk.Runtime.Tasks;

/// <summary>Checkpoints a source reader's position and rewinds the reader to it on restore.</summary>
internal sealed class SourcePositionState<T>(string uid, ISourceReader<T> reader, int subtaskIndex, int parallelism) : ICheckpointedOperator
{
    public string Uid { get; } = uid;

    public IOperatorSnapshot SnapshotState(long checkpointId)
    {
        var position = reader.Position;
        return new OperatorSnapshot().Add(SnapshotFields.SourcePosition, (ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.Write(position.Split);
            w.Write(position.Offset);
        });
    }

    public void InitializeState(RestoredOperatorState restored)
    {
        if (!restored.IsRestored)
        {
            return;
        }

        if (restored.OldParallelism != parallelism)
        {
            throw new NotSupportedException(
                $"Source '{Uid}' cannot be restored with parallelism {parallelism}: the checkpoint was taken with parallelism {restored.OldParallelism}, and source positions are per reader.");
        }

        foreach (var (subtask, data) in OperatorSnapshot.Field(restored, SnapshotFields.SourcePosition))
        {
            if (subtask == subtaskIndex)
            {
                var r = new MessagePackReader(data);
                r.ReadArrayHeader();
                string split = r.ReadString() ?? string.Empty;
                reader.Seek(new SourcePosition(split, r.ReadInt64()));
            }
        }
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
    }

    public void NotifyCheckpointAborted(long checkpointId)
    {
    }
}
