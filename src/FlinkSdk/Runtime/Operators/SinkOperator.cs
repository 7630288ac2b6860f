using FlinkSdk.Checkpointing;
using FlinkSdk.Connectors;
using FlinkSdk.Serialization;

namespace FlinkSdk.Runtime.Operators;

/// <summary>
/// Writes records to a sink writer. Two-phase-commit writers take part in checkpoints with their transaction state;
/// a writer marked <c>[StatefulOperator]</c> also with its annotated members, kept as operator state like a process
/// function's.
/// </summary>
internal sealed class SinkOperator<T> : IRecordHandler<T>, ILifecycleOperator, ICheckpointedOperator
{
    private readonly OperatorSetup _setup;
    private readonly ISinkWriter<T> _writer;
    private readonly ITwoPhaseCommittingSinkWriter<T>? _committing;
    private readonly OperatorRuntimeContext _context;
    private readonly GeneratedStateHooks _hooks;

    public SinkOperator(OperatorSetup setup, ISinkWriter<T> writer)
    {
        _setup = setup;
        _writer = writer;
        _committing = writer as ITwoPhaseCommittingSinkWriter<T>;
        _context = new OperatorRuntimeContext(setup, keyedState: null);
        _hooks = new GeneratedStateHooks(setup, writer, keyed: false);
    }

    public string Uid => _setup.Uid;

    public void Open()
    {
    }

    public void Close() => OperatorException.Run(_setup, _writer.Dispose);

    public void ProcessRecord(T value, long timestamp)
    {
        try
        {
            _writer.Write(value, timestamp == long.MinValue ? null : timestamp);
        }
        catch (Exception e)
        {
            throw OperatorException.Wrap(e, _setup, value);
        }
    }

    public void ProcessWatermark(long watermark)
    {
    }

    public void Finish() => OperatorException.Run(_setup, _writer.Flush);

    public IOperatorSnapshot SnapshotState(long checkpointId)
    {
        // [BeforeSnapshot] methods run before PrepareCommit: whatever they still write belongs to this checkpoint's
        // transaction, as a Flink writer's flush precedes its prepareCommit.
        _hooks.BeforeSnapshot(checkpointId);
        var snapshot = new OperatorSnapshot();
        if (_committing is not null)
        {
            byte[] state = _committing.PrepareCommit(checkpointId);
            snapshot.Add(SnapshotFields.SinkState, (ref MessagePackWriter w) => w.WriteBinary(state));
        }

        return _context.SnapshotOperatorState(snapshot);
    }

    public void InitializeState(RestoredOperatorState restored)
    {
        _context.RestoreOperatorState(restored);
        _hooks.InitializeState(_context);
        if (_committing is not null)
        {
            var state = OwnTransactionState(restored);
            OperatorException.Run(_setup, () => _committing.Restore(state));
        }
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
        if (_committing is not null)
        {
            OperatorException.Run(_setup, () => _committing.Commit(checkpointId));
        }

        _hooks.NotifyCheckpointComplete(checkpointId);
    }

    public void NotifyCheckpointAborted(long checkpointId) => _hooks.NotifyCheckpointAborted(checkpointId);

    private byte[]? OwnTransactionState(RestoredOperatorState restored)
    {
        var own = OperatorSnapshot.Field(restored, SnapshotFields.SinkState).Where(f => f.Subtask == _setup.SubtaskIndex).Select(f => f.Data).FirstOrDefault();
        if (own is null)
        {
            return null;
        }

        var reader = new MessagePackReader(own);
        return reader.ReadBytes();
    }
}
