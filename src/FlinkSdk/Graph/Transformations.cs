using FlinkSdk.Connectors;
using FlinkSdk.Runtime.Network;
using FlinkSdk.Runtime.Operators;
using FlinkSdk.Runtime.Tasks;
using FlinkSdk.Time;

namespace FlinkSdk.Graph;

/// <summary>A node of the logical graph the DataStream API builds (Flink's <c>Transformation</c>).</summary>
internal abstract class Transformation(int id, string name)
{
    public int Id { get; } = id;

    public string Name { get; set; } = name;

    /// <summary>The stable operator id set by the user; state is mapped by it across job versions.</summary>
    public string? Uid { get; set; }

    /// <summary>The operator's own parallelism, or <see langword="null"/> for the environment's.</summary>
    public int? Parallelism { get; set; }

    /// <summary>The uid, or one derived from the node's position in the graph when none was set.</summary>
    public string EffectiveUid => Uid ?? $"{Name}-{Id}";

    /// <summary>The inputs, with unions flattened.</summary>
    public abstract IReadOnlyList<IStreamInput> Inputs { get; }

    /// <summary>Whether the node is virtual (a union): it creates no operator, only merges edges.</summary>
    public virtual bool IsVirtual => false;

    /// <summary>Whether the operator holds keyed state (its maximum parallelism then decides key groups).</summary>
    public virtual bool IsKeyed => false;

    /// <summary>Combines the handlers of several consumers into this node's one output.</summary>
    public virtual object CombineOutputs(IReadOnlyList<object> handlers) =>
        throw new InvalidOperationException($"'{Name}' has no output.");
}

/// <summary>A node whose output records are of type <typeparamref name="T"/>.</summary>
internal abstract class Transformation<T>(int id, string name) : Transformation(id, name)
{
    /// <summary>The concrete producers behind this node, each with the edge's partitioning.</summary>
    public virtual IEnumerable<StreamInput<T>> Expand(Partitioning<T>? partitioning) => [new StreamInput<T>(this, partitioning)];

    /// <inheritdoc/>
    public override object CombineOutputs(IReadOnlyList<object> handlers) =>
        handlers.Count == 1 ? handlers[0] : new FanOutHandler<T>([.. handlers.Cast<IRecordHandler<T>>()]);
}

/// <summary>An edge into an operator, untyped view.</summary>
internal interface IStreamInput
{
    Transformation Source { get; }

    PartitioningKind? Kind { get; }

    /// <summary>Creates the channels of this edge.</summary>
    INetworkEdge CreateEdge(int producerParallelism, int consumerParallelism, int consumerMaxParallelism);
}

/// <summary>An edge from <paramref name="Source"/> with an explicit partitioning, or the default one.</summary>
internal sealed record StreamInput<T>(Transformation<T> Source, Partitioning<T>? Partitioning) : IStreamInput
{
    Transformation IStreamInput.Source => Source;

    public PartitioningKind? Kind => Partitioning?.Kind;

    public INetworkEdge CreateEdge(int producerParallelism, int consumerParallelism, int consumerMaxParallelism)
    {
        var partitioning = Partitioning ?? Partitioning<T>.Default(producerParallelism, consumerParallelism);
        if (partitioning.Kind == PartitioningKind.Forward && producerParallelism != consumerParallelism)
        {
            throw new InvalidOperationException(
                $"Forward partitioning does not allow change of parallelism. Upstream operation: {Source.Name} parallelism: {producerParallelism}, " +
                $"downstream operation parallelism: {consumerParallelism} You must use another partitioning.");
        }

        return new NetworkEdge<T>(partitioning, producerParallelism, consumerParallelism, consumerMaxParallelism);
    }
}

/// <summary>An operator node: creates its operator (and, as a chain head, its task).</summary>
internal interface IOperatorNode
{
    /// <summary>Creates the operator of one subtask, writing to <paramref name="output"/> (<see langword="null"/> for sinks).</summary>
    object CreateOperator(OperatorSetup setup, object? output);

    /// <summary>Creates the task of one subtask when this node heads a chain.</summary>
    StreamTask CreateTask(string taskName, int subtaskIndex, int parallelism, TimeSpan bufferTimeout, TimeProvider clock);

    /// <summary>Connects a head task to its input channels and its first operator.</summary>
    void ConnectHead(StreamTask task, IReadOnlyList<object> channels, object head);
}

internal sealed class SourceTransformation<T>(int id, string name, ISource<T> source, WatermarkStrategy<T> watermarks)
    : Transformation<T>(id, name), IOperatorNode
{
    public ISource<T> Source { get; } = source;

    public override IReadOnlyList<IStreamInput> Inputs => [];

    /// <summary>A source has no operator of its own (the chain behind it is its output); its reader's state takes part in checkpoints.</summary>
    public object CreateOperator(OperatorSetup setup, object? output)
    {
        setup.Task.Register(new SourceReaderState<T>(setup, ((SourceStreamTask<T>)setup.Task).Reader));
        return output!;
    }

    public StreamTask CreateTask(string taskName, int subtaskIndex, int parallelism, TimeSpan bufferTimeout, TimeProvider clock) =>
        new SourceStreamTask<T>(taskName, subtaskIndex, parallelism, bufferTimeout, clock, Source.CreateReader(new SourceReaderContext(subtaskIndex, parallelism)), watermarks);

    public void ConnectHead(StreamTask task, IReadOnlyList<object> channels, object head) => ((SourceStreamTask<T>)task).SetHead((IRecordHandler<T>)head);
}

internal sealed class OneInputTransformation<TIn, TOut>(int id, string name, StreamInput<TIn> input, Func<OperatorSetup, IRecordHandler<TOut>, IRecordHandler<TIn>> factory, bool keyed)
    : Transformation<TOut>(id, name), IOperatorNode
{
    public override IReadOnlyList<IStreamInput> Inputs { get; } = [.. input.Source.Expand(input.Partitioning)];

    public override bool IsKeyed => keyed;

    public object CreateOperator(OperatorSetup setup, object? output) => factory(setup, (IRecordHandler<TOut>)output!);

    public StreamTask CreateTask(string taskName, int subtaskIndex, int parallelism, TimeSpan bufferTimeout, TimeProvider clock) =>
        new InputStreamTask<TIn>(taskName, subtaskIndex, parallelism, bufferTimeout, clock);

    public void ConnectHead(StreamTask task, IReadOnlyList<object> channels, object head) =>
        ((InputStreamTask<TIn>)task).Connect(new InputGate<TIn>([.. channels.Cast<Channel<TIn>>()]), (IRecordHandler<TIn>)head);
}

internal sealed class SinkTransformation<T>(int id, string name, StreamInput<T> input, ISink<T> sink) : Transformation(id, name), IOperatorNode
{
    public override IReadOnlyList<IStreamInput> Inputs { get; } = [.. input.Source.Expand(input.Partitioning)];

    public object CreateOperator(OperatorSetup setup, object? output) =>
        new SinkOperator<T>(setup, sink.CreateWriter(new Connectors.SinkWriterContext(setup.SubtaskIndex, setup.Parallelism, setup.Task.Coordinator is not null)));

    public StreamTask CreateTask(string taskName, int subtaskIndex, int parallelism, TimeSpan bufferTimeout, TimeProvider clock) =>
        new InputStreamTask<T>(taskName, subtaskIndex, parallelism, bufferTimeout, clock);

    public void ConnectHead(StreamTask task, IReadOnlyList<object> channels, object head) =>
        ((InputStreamTask<T>)task).Connect(new InputGate<T>([.. channels.Cast<Channel<T>>()]), (IRecordHandler<T>)head);
}

/// <summary>Merges streams of the same type; virtual: consumers read from every input directly.</summary>
internal sealed class UnionTransformation<T>(int id, IReadOnlyList<StreamInput<T>> inputs) : Transformation<T>(id, "Union")
{
    public override IReadOnlyList<IStreamInput> Inputs => [.. inputs];

    public override bool IsVirtual => true;

    // A partitioning given after the union applies to each of its inputs.
    public override IEnumerable<StreamInput<T>> Expand(Partitioning<T>? partitioning) =>
        inputs.SelectMany(input => input.Source.Expand(partitioning ?? input.Partitioning));
}
