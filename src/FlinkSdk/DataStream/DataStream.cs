using FlinkSdk.Connectors;
using FlinkSdk.Graph;
using FlinkSdk.Runtime.Operators;
using FlinkSdk.State;

namespace FlinkSdk.DataStream;

/// <summary>
/// A stream of records (Flink's <c>DataStream</c>). Transformations return new streams; naming, uid and
/// parallelism apply to the operator that produced this stream.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public class DataStream<T>
{
    internal DataStream(StreamExecutionEnvironment environment, StreamInput<T> input)
    {
        Environment = environment;
        Input = input;
    }

    /// <summary>The environment the stream belongs to.</summary>
    public StreamExecutionEnvironment Environment { get; }

    internal StreamInput<T> Input { get; }

    /// <summary>Applies <paramref name="mapper"/> to each record.</summary>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="mapper">The function.</param>
    /// <returns>The stream of results.</returns>
    public DataStream<TOut> Map<TOut>(Func<T, TOut> mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return Then<TOut>("Map", (setup, output) => new MapOperator<T, TOut>(setup, mapper, output));
    }

    /// <summary>Keeps the records for which <paramref name="predicate"/> is true.</summary>
    /// <param name="predicate">The predicate.</param>
    /// <returns>The filtered stream.</returns>
    public DataStream<T> Filter(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Then<T>("Filter", (setup, output) => new FilterOperator<T>(setup, predicate, output));
    }

    /// <summary>Emits zero or more records per record through the collector.</summary>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="function">Receives a record and the collector to emit results to.</param>
    /// <returns>The stream of results.</returns>
    public DataStream<TOut> FlatMap<TOut>(Action<T, ICollector<TOut>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Then<TOut>("FlatMap", (setup, output) => new FlatMapOperator<T, TOut>(setup, function, output));
    }

    /// <summary>Applies a rich map function to each record; on a <see cref="KeyedStream{T,TKey}"/> its state is keyed.</summary>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="function">The function; each subtask gets its own copy.</param>
    /// <returns>The stream of results.</returns>
    public DataStream<TOut> Map<TOut>(RichMapFunction<T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return ThenRich<RichMapFunction<T, TOut>, TOut>("Map", function, static map => (value, output) => output.Collect(map.Map(value)));
    }

    /// <summary>Applies a rich flatMap function to each record; on a <see cref="KeyedStream{T,TKey}"/> its state is keyed.</summary>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="function">The function; each subtask gets its own copy.</param>
    /// <returns>The stream of results.</returns>
    public DataStream<TOut> FlatMap<TOut>(RichFlatMapFunction<T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return ThenRich<RichFlatMapFunction<T, TOut>, TOut>("FlatMap", function, static flatMap => flatMap.FlatMap);
    }

    /// <summary>Keeps the records a rich filter function accepts; on a <see cref="KeyedStream{T,TKey}"/> its state is keyed.</summary>
    /// <param name="function">The function; each subtask gets its own copy.</param>
    /// <returns>The filtered stream.</returns>
    public DataStream<T> Filter(RichFilterFunction<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return ThenRich<RichFilterFunction<T>, T>("Filter", function, static filter => (value, output) =>
        {
            if (filter.Filter(value))
            {
                output.Collect(value);
            }
        });
    }

    /// <summary>Processes each record with a <see cref="ProcessFunction{TIn,TOut}"/>.</summary>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="function">The function; one instance is used per subtask, so give each job its own.</param>
    /// <returns>The stream of results.</returns>
    public DataStream<TOut> Process<TOut>(ProcessFunction<T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Then<TOut>("Process", (setup, output) => new ProcessOperator<T, TOut>(setup, Clone(function), output));
    }

    /// <summary>Partitions the stream by key: all records with the same key go to the same subtask, in key groups.</summary>
    /// <typeparam name="TKey">The key type; must have a stable hash (string, integers, Guid, enums, tuples, or <see cref="IStableHashable"/>).</typeparam>
    /// <param name="keySelector">Extracts the key; must be deterministic.</param>
    /// <returns>The keyed stream.</returns>
    public KeyedStream<T, TKey> KeyBy<TKey>(Func<T, TKey> keySelector)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        if (!StableKeyHash.IsSupported(typeof(TKey)))
        {
            throw new NotSupportedException(StableKeyHash.UnsupportedMessage(typeof(TKey)));
        }

        return new KeyedStream<T, TKey>(Environment, new StreamInput<T>(Input.Source, new HashPartitioning<T, TKey>(keySelector)), keySelector);
    }

    /// <summary>Merges this stream with others of the same type.</summary>
    /// <param name="others">The other streams.</param>
    /// <returns>The merged stream.</returns>
    public DataStream<T> Union(params DataStream<T>[] others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var union = new UnionTransformation<T>(Environment.NextId(), [Input, .. others.Select(o => o.Input)]);
        return new DataStream<T>(Environment, new StreamInput<T>(union, null));
    }

    /// <summary>Distributes records round-robin over the next operator's subtasks.</summary>
    /// <returns>The repartitioned stream.</returns>
    public DataStream<T> Rebalance() => Partition(Partitioning<T>.Rebalance);

    /// <summary>Sends every record to every subtask of the next operator.</summary>
    /// <returns>The repartitioned stream.</returns>
    public DataStream<T> Broadcast() => Partition(Partitioning<T>.Broadcast);

    /// <summary>Sends subtask i's records to subtask i of the next operator (equal parallelism; allows chaining).</summary>
    /// <returns>The repartitioned stream.</returns>
    public DataStream<T> Forward() => Partition(Partitioning<T>.Forward);

    /// <summary>Writes the stream to a sink.</summary>
    /// <param name="sink">The sink.</param>
    /// <param name="name">The sink's name.</param>
    /// <returns>The sink, to set its name, uid or parallelism.</returns>
    public DataStreamSink<T> SinkTo(ISink<T> sink, string name = "Sink")
    {
        ArgumentNullException.ThrowIfNull(sink);
        var transformation = new SinkTransformation<T>(Environment.NextId(), name, Input, sink);
        Environment.AddSink(transformation);
        return new DataStreamSink<T>(transformation);
    }

    /// <summary>Prints each record to standard output, prefixed with the subtask (<c>2&gt; </c>) when parallel.</summary>
    /// <returns>The sink.</returns>
    public DataStreamSink<T> Print() => SinkTo(new PrintSink<T>(), "Print to Std. Out");

    /// <summary>Names the operator that produces this stream.</summary>
    /// <param name="name">The name, used in task names and errors.</param>
    /// <returns>This stream.</returns>
    public DataStream<T> Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Operator("Name").Name = name;
        return this;
    }

    /// <summary>Sets the stable id of the operator that produces this stream; state is mapped by it across job versions.</summary>
    /// <param name="uid">An id unique within the job.</param>
    /// <returns>This stream.</returns>
    public DataStream<T> Uid(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        Operator("Uid").Uid = uid;
        return this;
    }

    /// <summary>Sets the parallelism of the operator that produces this stream.</summary>
    /// <param name="parallelism">At least 1.</param>
    /// <returns>This stream.</returns>
    public DataStream<T> SetParallelism(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        Operator("SetParallelism").Parallelism = parallelism;
        return this;
    }

    internal DataStream<TOut> Then<TOut>(string name, Func<OperatorSetup, IRecordHandler<TOut>, IRecordHandler<T>> factory, bool keyed = false) =>
        new(Environment, new StreamInput<TOut>(new OneInputTransformation<T, TOut>(Environment.NextId(), name, Input, factory, keyed), null));

    /// <summary>
    /// Adds a rich map, flatMap or filter function, run by the process operator: <paramref name="body"/> turns the
    /// subtask's copy of the function into its per-record call. A keyed stream runs it keyed instead.
    /// </summary>
    private protected virtual DataStream<TOut> ThenRich<TFunction, TOut>(string name, TFunction function, Func<TFunction, Action<T, ICollector<TOut>>> body)
        where TFunction : RichFunction =>
        Then<TOut>(name, (setup, output) =>
        {
            var copy = Clone(function);
            return new ProcessOperator<T, TOut>(setup, new RichProcessAdapter<T, TOut>(copy, body(copy)), output);
        });

    /// <summary>Functions hold per-subtask fields, so each subtask (and each run) gets its own copy of the user's instance.</summary>
    private protected static TFunction Clone<TFunction>(TFunction function)
        where TFunction : RichFunction => (TFunction)function.CloneForSubtask();

    private DataStream<T> Partition(Partitioning<T> partitioning) => new(Environment, new StreamInput<T>(Input.Source, partitioning));

    private Transformation<T> Operator(string method) =>
        Input.Partitioning is null && !Input.Source.IsVirtual
            ? Input.Source
            : throw new InvalidOperationException($"{method}() applies to an operator; call it before KeyBy, Rebalance, Broadcast, Forward or Union.");
}

/// <summary>A stream partitioned by key (Flink's <c>KeyedStream</c>): the next operator sees all records of a key in one subtask.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class KeyedStream<T, TKey> : DataStream<T>
    where TKey : notnull
{
    internal KeyedStream(StreamExecutionEnvironment environment, StreamInput<T> input, Func<T, TKey> keySelector)
        : base(environment, input) => KeySelector = keySelector;

    /// <summary>The key selector.</summary>
    public Func<T, TKey> KeySelector { get; }

    /// <summary>Processes each record with keyed state and timers.</summary>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="function">The function; each subtask gets its own copy.</param>
    /// <returns>The stream of results.</returns>
    public DataStream<TOut> Process<TOut>(KeyedProcessFunction<TKey, T, TOut> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Then<TOut>(
            "KeyedProcess",
            (setup, output) => new KeyedProcessOperator<TKey, T, TOut>(setup, KeySelector, Clone(function), output),
            keyed: true);
    }

    /// <summary>On a keyed stream a rich function is a keyed operator: its state (annotated or explicit) is the current key's.</summary>
    private protected override DataStream<TOut> ThenRich<TFunction, TOut>(string name, TFunction function, Func<TFunction, Action<T, ICollector<TOut>>> body) =>
        Then<TOut>(
            name,
            (setup, output) =>
            {
                var copy = Clone(function);
                return new KeyedProcessOperator<TKey, T, TOut>(setup, KeySelector, new RichKeyedProcessAdapter<TKey, T, TOut>(copy, body(copy)), output);
            },
            keyed: true);
}

/// <summary>The end of a stream at a sink; sets the sink's name, uid or parallelism.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class DataStreamSink<T>
{
    private readonly Transformation _transformation;

    internal DataStreamSink(Transformation transformation) => _transformation = transformation;

    /// <summary>Names the sink.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This sink.</returns>
    public DataStreamSink<T> Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _transformation.Name = name;
        return this;
    }

    /// <summary>Sets the sink's stable id.</summary>
    /// <param name="uid">An id unique within the job.</param>
    /// <returns>This sink.</returns>
    public DataStreamSink<T> Uid(string uid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        _transformation.Uid = uid;
        return this;
    }

    /// <summary>Sets the sink's parallelism.</summary>
    /// <param name="parallelism">At least 1.</param>
    /// <returns>This sink.</returns>
    public DataStreamSink<T> SetParallelism(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _transformation.Parallelism = parallelism;
        return this;
    }
}
