namespace FlinkSdk.Connectors;

/// <summary>The parallel instance a sink writer runs in.</summary>
/// <param name="SubtaskIndex">The writer's index, from 0.</param>
/// <param name="Parallelism">How many writers the sink has.</param>
public sealed record SinkWriterContext(int SubtaskIndex, int Parallelism);

/// <summary>Where a stream ends (Flink's <c>Sink</c>).</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISink<T>
{
    /// <summary>Creates the writer of one parallel instance.</summary>
    /// <param name="context">Which instance.</param>
    /// <returns>The writer.</returns>
    ISinkWriter<T> CreateWriter(SinkWriterContext context);
}

/// <summary>Writes the records of one parallel instance of a sink.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISinkWriter<T> : IDisposable
{
    /// <summary>Writes one record.</summary>
    /// <param name="value">The record.</param>
    /// <param name="timestamp">Its event-time timestamp, if any.</param>
    void Write(T value, long? timestamp);

    /// <summary>Makes everything written so far durable (called at end of input).</summary>
    void Flush();
}
