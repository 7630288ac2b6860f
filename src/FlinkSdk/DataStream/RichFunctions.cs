namespace FlinkSdk.DataStream;

/// <summary>
/// A one-to-one function with a life cycle and state (Flink's <c>RichMapFunction</c>). Applied to a keyed stream,
/// its state is keyed: it refers to the current record's key. Applied to any other stream, its state is operator
/// state, owned by the parallel instance.
/// </summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class RichMapFunction<TIn, TOut> : RichFunction
{
    /// <summary>Maps one record.</summary>
    /// <param name="value">The record.</param>
    /// <returns>The result, emitted with the record's timestamp.</returns>
    public abstract TOut Map(TIn value);
}

/// <summary>
/// A function emitting zero or more records per record, with a life cycle and state (Flink's
/// <c>RichFlatMapFunction</c>). Applied to a keyed stream, its state is keyed: it refers to the current record's key.
/// Applied to any other stream, its state is operator state, owned by the parallel instance.
/// </summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class RichFlatMapFunction<TIn, TOut> : RichFunction
{
    /// <summary>Processes one record.</summary>
    /// <param name="value">The record.</param>
    /// <param name="output">Where to emit results; they carry the record's timestamp.</param>
    public abstract void FlatMap(TIn value, ICollector<TOut> output);
}

/// <summary>
/// A predicate with a life cycle and state (Flink's <c>RichFilterFunction</c>). Applied to a keyed stream, its state
/// is keyed: it refers to the current record's key. Applied to any other stream, its state is operator state.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class RichFilterFunction<T> : RichFunction
{
    /// <summary>Decides whether to keep one record.</summary>
    /// <param name="value">The record.</param>
    /// <returns>Whether the record goes downstream.</returns>
    public abstract bool Filter(T value);
}
