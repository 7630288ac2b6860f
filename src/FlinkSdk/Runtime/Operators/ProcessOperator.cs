using FlinkSdk.Checkpointing;
using FlinkSdk.DataStream;

namespace FlinkSdk.Runtime.Operators;

/// <summary>
/// Runs a <see cref="ProcessFunction{TIn,TOut}"/> on a non-keyed stream (also rich map, flatMap and filter functions,
/// through <see cref="RichProcessAdapter{TIn,TOut}"/>). Its state is operator state: list states and annotated members.
/// </summary>
internal sealed class ProcessOperator<TIn, TOut> : ProcessFunction<TIn, TOut>.Context, IRecordHandler<TIn>, ICollector<TOut>, ILifecycleOperator, ICheckpointedOperator
{
    private readonly OperatorRuntimeContext _context;
    private readonly OperatorSetup _setup;
    private readonly ProcessFunction<TIn, TOut> _function;
    private readonly IRecordHandler<TOut> _output;
    private readonly GeneratedStateHooks _hooks;
    private long _timestamp;
    private long _watermark = long.MinValue;

    public ProcessOperator(OperatorSetup setup, ProcessFunction<TIn, TOut> function, IRecordHandler<TOut> output)
    {
        _setup = setup;
        _function = function;
        _output = output;
        _hooks = new GeneratedStateHooks(setup, function, keyed: false);
        _context = new OperatorRuntimeContext(setup, keyedState: null);
    }

    public string Uid => _setup.Uid;

    public IOperatorSnapshot SnapshotState(long checkpointId)
    {
        _hooks.BeforeSnapshot(checkpointId);
        return _context.SnapshotOperatorState(new OperatorSnapshot());
    }

    public void InitializeState(RestoredOperatorState restored) => _context.RestoreOperatorState(restored);

    public void NotifyCheckpointComplete(long checkpointId) => _hooks.NotifyCheckpointComplete(checkpointId);

    public void NotifyCheckpointAborted(long checkpointId) => _hooks.NotifyCheckpointAborted(checkpointId);

    public override long? Timestamp => _timestamp == long.MinValue ? null : _timestamp;

    public override long CurrentProcessingTime => _setup.Task.CurrentProcessingTime;

    public override long CurrentWatermark => _watermark;

    public void Open() => OperatorException.Run(_setup, () =>
    {
        _hooks.InitializeState(_context);
        _function.Open(_context);
    });

    public void Close() => OperatorException.Run(_setup, _function.Close);

    public void ProcessRecord(TIn value, long timestamp)
    {
        _timestamp = timestamp;
        try
        {
            _function.ProcessElement(value, this, this);
        }
        catch (Exception e)
        {
            throw OperatorException.Wrap(e, _setup, value);
        }
    }

    public void Collect(TOut value) => _output.ProcessRecord(value, _timestamp);

    public void ProcessWatermark(long watermark)
    {
        _watermark = watermark;
        _output.ProcessWatermark(watermark);
    }

    public void Finish() => _output.Finish();
}
