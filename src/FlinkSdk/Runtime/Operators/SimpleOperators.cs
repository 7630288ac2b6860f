using FlinkSdk.DataStream;

namespace FlinkSdk.Runtime.Operators;

/// <summary>Applies a function to each record.</summary>
internal sealed class MapOperator<TIn, TOut>(OperatorSetup setup, Func<TIn, TOut> mapper, IRecordHandler<TOut> output) : IRecordHandler<TIn>
{
    public void ProcessRecord(TIn value, long timestamp)
    {
        TOut result;
        try
        {
            result = mapper(value);
        }
        catch (Exception e)
        {
            throw OperatorException.Wrap(e, setup, value);
        }

        output.ProcessRecord(result, timestamp);
    }

    public void ProcessWatermark(long watermark) => output.ProcessWatermark(watermark);

    public void Finish() => output.Finish();
}

/// <summary>Keeps the records a predicate accepts.</summary>
internal sealed class FilterOperator<T>(OperatorSetup setup, Func<T, bool> predicate, IRecordHandler<T> output) : IRecordHandler<T>
{
    public void ProcessRecord(T value, long timestamp)
    {
        bool keep;
        try
        {
            keep = predicate(value);
        }
        catch (Exception e)
        {
            throw OperatorException.Wrap(e, setup, value);
        }

        if (keep)
        {
            output.ProcessRecord(value, timestamp);
        }
    }

    public void ProcessWatermark(long watermark) => output.ProcessWatermark(watermark);

    public void Finish() => output.Finish();
}

/// <summary>Emits zero or more records per record; outputs keep the input's timestamp.</summary>
internal sealed class FlatMapOperator<TIn, TOut> : IRecordHandler<TIn>, ICollector<TOut>
{
    private readonly OperatorSetup _setup;
    private readonly Action<TIn, ICollector<TOut>> _function;
    private readonly IRecordHandler<TOut> _output;
    private long _timestamp;

    public FlatMapOperator(OperatorSetup setup, Action<TIn, ICollector<TOut>> function, IRecordHandler<TOut> output)
    {
        _setup = setup;
        _function = function;
        _output = output;
    }

    public void ProcessRecord(TIn value, long timestamp)
    {
        _timestamp = timestamp;
        try
        {
            _function(value, this);
        }
        catch (Exception e)
        {
            throw OperatorException.Wrap(e, _setup, value);
        }
    }

    public void Collect(TOut value) => _output.ProcessRecord(value, _timestamp);

    public void ProcessWatermark(long watermark) => _output.ProcessWatermark(watermark);

    public void Finish() => _output.Finish();
}

/// <summary>Passes records, watermarks and the end of input to several downstream handlers.</summary>
internal sealed class FanOutHandler<T>(IRecordHandler<T>[] outputs) : IRecordHandler<T>
{
    public void ProcessRecord(T value, long timestamp)
    {
        foreach (var output in outputs)
        {
            output.ProcessRecord(value, timestamp);
        }
    }

    public void ProcessWatermark(long watermark)
    {
        foreach (var output in outputs)
        {
            output.ProcessWatermark(watermark);
        }
    }

    public void Finish()
    {
        foreach (var output in outputs)
        {
            output.Finish();
        }
    }
}
