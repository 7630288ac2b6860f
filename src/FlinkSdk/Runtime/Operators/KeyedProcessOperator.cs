using FlinkSdk.Checkpointing;
using FlinkSdk.DataStream;
using FlinkSdk.Serialization;
using FlinkSdk.State;
using FlinkSdk.Time;

namespace FlinkSdk.Runtime.Operators;

/// <summary>
/// Runs a <see cref="KeyedProcessFunction{TKey,TIn,TOut}"/>: sets the current key of the keyed state backend for
/// every record and timer, owns the key's timers, and fires them as the watermark and the clock advance.
/// Outputs keep the input's timestamp; outputs of an event-time timer carry the timer's time. Rich map, flatMap and
/// filter functions on a keyed stream run here too, through <see cref="RichKeyedProcessAdapter{TKey,TIn,TOut}"/>.
/// </summary>
internal sealed class KeyedProcessOperator<TKey, TIn, TOut>
    : KeyedProcessFunction<TKey, TIn, TOut>.OnTimerContext, IRecordHandler<TIn>, ICollector<TOut>, ILifecycleOperator, IProcessingTimeOperator, ITimerService, ICheckpointedOperator
    where TKey : notnull
{
    private readonly OperatorSetup _setup;
    private readonly Func<TIn, TKey> _keySelector;
    private readonly KeyedProcessFunction<TKey, TIn, TOut> _function;
    private readonly IRecordHandler<TOut> _output;
    private readonly Action<Timer<TKey>> _fireEventTime;
    private readonly Action<Timer<TKey>> _fireProcessingTime;
    private readonly OperatorRuntimeContext _context;
    private readonly GeneratedStateHooks _hooks;
    private readonly IGeneratedKeyedState? _keyedFields;
    private long _timestamp;
    private TimeDomain _timeDomain;

    public KeyedProcessOperator(OperatorSetup setup, Func<TIn, TKey> keySelector, KeyedProcessFunction<TKey, TIn, TOut> function, IRecordHandler<TOut> output)
    {
        _setup = setup;
        _keySelector = keySelector;
        _function = function;
        _output = output;
        _hooks = new GeneratedStateHooks(setup, function, keyed: true);
        _keyedFields = _hooks.KeyedFields;
        var (start, end) = KeyGroupRangeAssignment.ComputeKeyGroupRange(setup.MaxParallelism, setup.Parallelism, setup.SubtaskIndex);
        Backend = new HeapKeyedStateBackend<TKey>(setup.MaxParallelism, start, end);
        _fireEventTime = timer => Fire(timer, TimeDomain.EventTime);
        _fireProcessingTime = timer => Fire(timer, TimeDomain.ProcessingTime);
        _context = new OperatorRuntimeContext(setup, GetKeyedState);
    }

    public string Uid => _setup.Uid;

    public HeapKeyedStateBackend<TKey> Backend { get; }

    public InternalTimerService<TKey> Timers { get; } = new();

    public override TKey CurrentKey => Backend.CurrentKey;

    public override long? Timestamp => _timestamp == long.MinValue ? null : _timestamp;

    public override ITimerService TimerService => this;

    public override TimeDomain TimeDomain => _timeDomain;

    public long CurrentProcessingTime => _setup.Task.CurrentProcessingTime;

    public long CurrentWatermark => Timers.CurrentWatermark;

    public long? NextProcessingTime => Timers.NextProcessingTime;

    public void Open() => OperatorException.Run(_setup, () =>
    {
        _hooks.InitializeState(_context);
        _function.Open(_context);
    });

    public IOperatorSnapshot SnapshotState(long checkpointId)
    {
        _hooks.BeforeSnapshot(checkpointId);
        var keyed = Backend.TakeSnapshot();
        var eventTimers = Timers.EventTimeTimers.ToArray();
        var processingTimers = Timers.ProcessingTimeTimers.ToArray();
        return _context.SnapshotOperatorState(new OperatorSnapshot())
            .Add(SnapshotFields.KeyedState, (ref MessagePackWriter w) => keyed.Write(ref w))
            .Add(SnapshotFields.EventTimeTimers, (ref MessagePackWriter w) => WriteTimers(ref w, eventTimers))
            .Add(SnapshotFields.ProcessingTimeTimers, (ref MessagePackWriter w) => WriteTimers(ref w, processingTimers))
            .OnReleased(keyed.Release);
    }

    public void InitializeState(RestoredOperatorState restored)
    {
        _context.RestoreOperatorState(restored);
        foreach (var (_, data) in OperatorSnapshot.Field(restored, SnapshotFields.KeyedState))
        {
            Backend.Restore(data);
        }

        foreach (var (_, data) in OperatorSnapshot.Field(restored, SnapshotFields.EventTimeTimers))
        {
            foreach (var timer in ReadTimers(data).Where(t => Backend.InKeyGroupRange(t.Key)))
            {
                Timers.RegisterEventTime(timer.Key, timer.Timestamp);
            }
        }

        foreach (var (_, data) in OperatorSnapshot.Field(restored, SnapshotFields.ProcessingTimeTimers))
        {
            foreach (var timer in ReadTimers(data).Where(t => Backend.InKeyGroupRange(t.Key)))
            {
                Timers.RegisterProcessingTime(timer.Key, timer.Timestamp);
                _setup.Task.WakeUpAt(timer.Timestamp);
            }
        }
    }

    public void NotifyCheckpointComplete(long checkpointId) => _hooks.NotifyCheckpointComplete(checkpointId);

    public void NotifyCheckpointAborted(long checkpointId) => _hooks.NotifyCheckpointAborted(checkpointId);

    private static void WriteTimers(ref MessagePackWriter writer, Timer<TKey>[] timers)
    {
        var keys = StateSerializers.For<TKey>();
        writer.WriteArrayHeader(timers.Length);
        foreach (var timer in timers)
        {
            writer.WriteArrayHeader(2);
            keys.Serialize(ref writer, timer.Key);
            writer.Write(timer.Timestamp);
        }
    }

    private static List<Timer<TKey>> ReadTimers(byte[] data)
    {
        var keys = StateSerializers.For<TKey>();
        var reader = new MessagePackReader(data);
        int count = reader.ReadArrayHeader();
        var timers = new List<Timer<TKey>>(count);
        for (int i = 0; i < count; i++)
        {
            reader.ReadArrayHeader();
            TKey key = keys.Deserialize(ref reader);
            timers.Add(new Timer<TKey>(key, reader.ReadInt64()));
        }

        return timers;
    }

    public void Close() => OperatorException.Run(_setup, _function.Close);

    public void ProcessRecord(TIn value, long timestamp)
    {
        _timestamp = timestamp;
        try
        {
            Backend.SetCurrentKey(_keySelector(value));
            if (_keyedFields is { } fields)
            {
                // Annotated members hold the current key's values for the duration of the call.
                fields.LoadState();
                _function.ProcessElement(value, this, this);
                fields.StoreState();
            }
            else
            {
                _function.ProcessElement(value, this, this);
            }
        }
        catch (Exception e)
        {
            throw OperatorException.Wrap(e, _setup, value);
        }
    }

    public void Collect(TOut value) => _output.ProcessRecord(value, _timestamp);

    public void ProcessWatermark(long watermark)
    {
        Timers.AdvanceWatermark(watermark, _fireEventTime);
        _output.ProcessWatermark(watermark);
    }

    public void FireProcessingTimers(long now) => Timers.AdvanceProcessingTime(now, _fireProcessingTime);

    public void Finish() => _output.Finish();

    public void RegisterProcessingTimeTimer(long time)
    {
        if (Timers.RegisterProcessingTime(Backend.CurrentKey, time))
        {
            _setup.Task.WakeUpAt(time);
        }
    }

    public void RegisterEventTimeTimer(long time) => Timers.RegisterEventTime(Backend.CurrentKey, time);

    public void DeleteProcessingTimeTimer(long time) => Timers.DeleteProcessingTime(Backend.CurrentKey, time);

    public void DeleteEventTimeTimer(long time) => Timers.DeleteEventTime(Backend.CurrentKey, time);

    private object GetKeyedState(StateDescriptor descriptor) => descriptor switch
    {
        IValueStateFactory factory => factory.Create(Backend),
        _ => throw new NotSupportedException($"State '{descriptor.Name}' of type {descriptor.GetType().Name} is not supported as keyed state."),
    };

    private void Fire(Timer<TKey> timer, TimeDomain domain)
    {
        Backend.SetCurrentKey(timer.Key);
        _timestamp = domain == TimeDomain.EventTime ? timer.Timestamp : long.MinValue;
        _timeDomain = domain;
        try
        {
            _keyedFields?.LoadState();
            _function.OnTimer(timer.Timestamp, this, this);
            _keyedFields?.StoreState();
        }
        catch (Exception e)
        {
            throw OperatorException.Wrap(e, _setup, $"timer {timer.Timestamp} ({domain}) of key {timer.Key}");
        }
    }
}

/// <summary>Lets the keyed operator create typed state from an untyped descriptor without reflection.</summary>
internal interface IValueStateFactory
{
    object Create<TKey>(HeapKeyedStateBackend<TKey> backend)
        where TKey : notnull;
}
