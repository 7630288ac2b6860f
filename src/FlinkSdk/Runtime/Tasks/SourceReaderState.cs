using FlinkSdk.Checkpointing;
using FlinkSdk.Connectors;
using FlinkSdk.Runtime.Operators;
using FlinkSdk.Serialization;

namespace FlinkSdk.Runtime.Tasks;

/// <summary>
/// Checkpoints a source reader: its position, which a restore rewinds it to, and, for a reader marked
/// <c>[StatefulOperator]</c>, its annotated members, kept as operator state like a process function's.
/// </summary>
internal sealed class SourceReaderState<T> : ICheckpointedOperator
{
    private readonly OperatorSetup _setup;
    private readonly ISourceReader<T> _reader;
    private readonly OperatorRuntimeContext _context;
    private readonly GeneratedStateHooks _hooks;

    public SourceReaderState(OperatorSetup setup, ISourceReader<T> reader)
    {
        _setup = setup;
        _reader = reader;
        _context = new OperatorRuntimeContext(setup, keyedState: null);
        _hooks = new GeneratedStateHooks(setup, reader, keyed: false);
    }

    public string Uid => _setup.Uid;

    public IOperatorSnapshot SnapshotState(long checkpointId)
    {
        // [BeforeSnapshot] methods run first, so a reader may settle its position in them.
        _hooks.BeforeSnapshot(checkpointId);
        var position = _reader.Position;
        var snapshot = new OperatorSnapshot().Add(SnapshotFields.SourcePosition, (ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.Write(position.Split);
            w.Write(position.Offset);
        });
        return _context.SnapshotOperatorState(snapshot);
    }

    public void InitializeState(RestoredOperatorState restored)
    {
        if (restored.IsRestored && restored.OldParallelism != _setup.Parallelism)
        {
            throw new NotSupportedException(
                $"Source '{Uid}' cannot be restored with parallelism {_setup.Parallelism}: the checkpoint was taken with parallelism {restored.OldParallelism}, and source positions are per reader.");
        }

        _context.RestoreOperatorState(restored);
        // Annotated members first, then the position: Seek has the last word on where the reader continues.
        _hooks.InitializeState(_context);
        foreach (var (subtask, data) in OperatorSnapshot.Field(restored, SnapshotFields.SourcePosition))
        {
            if (subtask == _setup.SubtaskIndex)
            {
                var r = new MessagePackReader(data);
                r.ReadArrayHeader();
                var position = new SourcePosition(r.ReadString() ?? string.Empty, r.ReadInt64());
                _reader.Seek(position);
            }
        }
    }

    public void NotifyCheckpointComplete(long checkpointId) => _hooks.NotifyCheckpointComplete(checkpointId);

    public void NotifyCheckpointAborted(long checkpointId) => _hooks.NotifyCheckpointAborted(checkpointId);
}
