using FlinkSdk.Connectors;

namespace FlinkSdk.Runtime.Operators;

/// <summary>Writes records to a sink writer; flushes it at end of input.</summary>
internal sealed class SinkOperator<T>(OperatorSetup setup, ISinkWriter<T> writer) : IRecordHandler<T>, ILifecycleOperator
{
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

    public void Finish()
    {
        try
        {
            writer.Flush();
        }
        catch (Exception e)
        {
            throw OperatorException.Wrap(e, setup, null);
        }
    }
}
