using FlinkSdk.Checkpointing;
using FlinkSdk.Connectors;
using FlinkSdk.Serialization;

namespace FlinkSdk.Runtime.Operators;

/// <summary>Writes records to a sink writer; two-phase-commit writers take part in checkpoints.</summary>
internal sealed class SinkOperator<T>(OperatorSetup setup, ISinkWriter<T> writer) : IRecordHandler<T>, ILifecycleOperator, ICheckpointedOperator
{
    public string Uid => setup.Uid;

    public void Open()
    {
    }

    public void Close() => OperatorException.Run(setup, writer.Dispose);

    public void ProcessRecord(T value, long timestamp)
    {
        try
        {
            writer.Write(value, timestamp == long.MinValue ? null : timestamp);
        }
        catch (Exception e)
        {
            throw OperatorException.Wrap(e, setup, value);
        }
    }

    public void ProcessWatermark(long watermark)
    {
    }

    public void Finish() => OperatorException.Run(setup, writer.Flush);

    public IOperatorSnapshot SnapshotState(long checkpointId)
    {
        var snapshot = new OperatorSnapshot();
        if (writer is ITwoPhaseCommittingSinkWriter<T> committing)
        {
            byte[] state = committing.PrepareCommit(checkpointId);
            snapshot.Add(SnapshotFields.SinkState, (ref MessagePackWriter w) => w.WriteBinary(state));
        }

        return snapshot;
    }

    public void InitializeState(RestoredOperatorState restored)
    {
        if (writer is not ITwoPhaseCommittingSinkWriter<T> committing)
        {
            return;
        }

        var own = OperatorSnapshot.Field(restored, SnapshotFields.SinkState).Where(f => f.Subtask == setup.SubtaskIndex).Select(f => f.Data).FirstOrDefault();
        byte[]? state = null;
        if (own is not null)
        {
            var reader = new MessagePackReader(own);
            state = reader.ReadBytes();
        }

        OperatorException.Run(setup, () => committing.Restore(state));
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
        if (writer is ITwoPhaseCommittingSinkWriter<T> committing)
        {
            OperatorException.Run(setup, () => committing.Commit(checkpointId));
        }
    }

    public void NotifyCheckpointAborted(long checkpointId)
    {
    }
}
