using FlinkSdk.State;

namespace FlinkSdk.Graph;

/// <summary>A chain of operators run together in one task per subtask (Flink's <c>JobVertex</c>).</summary>
internal sealed class JobVertex(IReadOnlyList<Transformation> chain, int parallelism)
{
    /// <summary>The chained operators, head first.</summary>
    public IReadOnlyList<Transformation> Chain { get; } = chain;

    public Transformation Head => Chain[0];

    public Transformation Tail => Chain[^1];

    public int Parallelism { get; } = parallelism;

    /// <summary>Flink's task name: the chained operators' names joined by " -> ".</summary>
    public string Name => string.Join(" -> ", Chain.Select(t => t.Name));
}

/// <summary>
/// Turns the logical graph into vertices: operators are chained into one task when the edge between them is
/// forward, their parallelism is equal, the consumer has only that input and the producer only that consumer.
/// </summary>
internal sealed class JobGraph
{
    private JobGraph(IReadOnlyList<JobVertex> vertices, Func<Transformation, int> parallelism, Func<Transformation, int> maxParallelism,
        IReadOnlyDictionary<Transformation, List<(Transformation Consumer, IStreamInput Input)>> consumers)
    {
        Vertices = vertices;
        ParallelismOf = parallelism;
        MaxParallelismOf = maxParallelism;
        Consumers = consumers;
    }

    /// <summary>The vertices in topological order (producers before consumers).</summary>
    public IReadOnlyList<JobVertex> Vertices { get; }

    public Func<Transformation, int> ParallelismOf { get; }

    public Func<Transformation, int> MaxParallelismOf { get; }

    public IReadOnlyDictionary<Transformation, List<(Transformation Consumer, IStreamInput Input)>> Consumers { get; }

    public static JobGraph Build(IReadOnlyList<Transformation> sinks, int defaultParallelism, int configuredMaxParallelism)
    {
        if (sinks.Count == 0)
        {
            throw new InvalidOperationException("No operators defined in streaming topology. Cannot execute. Add a sink with SinkTo() or Print().");
        }

        // Every node that feeds a sink, in topological order (inputs first).
        var ordered = new List<Transformation>();
        var seen = new HashSet<Transformation>();
        foreach (var sink in sinks)
        {
            Visit(sink, ordered, seen);
        }

        var duplicate = ordered.Where(t => t.Uid is not null).GroupBy(t => t.Uid).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Hash collision on user-specified ID \"{duplicate.Key}\". Most likely cause is a non-unique ID. Please check that all IDs specified via `Uid(string)` are unique.");
        }

        int Parallelism(Transformation t) => t.Parallelism ?? defaultParallelism;
        int MaxParallelism(Transformation t)
        {
            int max = configuredMaxParallelism > 0 ? configuredMaxParallelism : KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(Parallelism(t));
            return max >= Parallelism(t)
                ? max
                : throw new InvalidOperationException($"The maximum parallelism ({max}) of '{t.Name}' must not be smaller than its parallelism ({Parallelism(t)}).");
        }

        var consumers = ordered.ToDictionary(t => t, _ => new List<(Transformation, IStreamInput)>());
        foreach (var node in ordered)
        {
            foreach (var input in node.Inputs)
            {
                if (input.Kind == PartitioningKind.Forward && Parallelism(input.Source) != Parallelism(node))
                {
                    throw new InvalidOperationException(
                        $"Forward partitioning does not allow change of parallelism. Upstream operation: {input.Source.Name} parallelism: {Parallelism(input.Source)}, " +
                        $"downstream operation: {node.Name} parallelism: {Parallelism(node)} You must use another partitioning.");
                }

                consumers[input.Source].Add((node, input));
            }
        }

        var vertices = new List<JobVertex>();
        var chainOf = new Dictionary<Transformation, List<Transformation>>();
        foreach (var node in ordered)
        {
            if (node.Inputs.Count == 1 && IsChainable(node.Inputs[0], node))
            {
                var chain = chainOf[node.Inputs[0].Source];
                chain.Add(node);
                chainOf[node] = chain;
            }
            else
            {
                var chain = new List<Transformation> { node };
                chainOf[node] = chain;
                vertices.Add(new JobVertex(chain, Parallelism(node)));
            }
        }

        return new JobGraph(vertices, Parallelism, MaxParallelism, consumers);

        bool IsChainable(IStreamInput input, Transformation consumer) =>
            (input.Kind == PartitioningKind.Forward || (input.Kind is null && Parallelism(input.Source) == Parallelism(consumer))) &&
            Parallelism(input.Source) == Parallelism(consumer) &&
            consumers[input.Source].Count == 1;
    }

    private static void Visit(Transformation node, List<Transformation> ordered, HashSet<Transformation> seen)
    {
        if (!seen.Add(node))
        {
            return;
        }

        foreach (var input in node.Inputs)
        {
            Visit(input.Source, ordered, seen);
        }

        ordered.Add(node);
    }
}
