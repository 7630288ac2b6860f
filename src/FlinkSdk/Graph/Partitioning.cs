using FlinkSdk.Runtime.Network;

namespace FlinkSdk.Graph;

/// <summary>The kinds of edge partitioning (Flink's partitioners).</summary>
internal enum PartitioningKind
{
    Forward,
    Rebalance,
    Hash,
    Broadcast,
}

/// <summary>How an edge distributes records; creates the partitioner of each producer subtask.</summary>
internal abstract class Partitioning<T>(PartitioningKind kind)
{
    public PartitioningKind Kind { get; } = kind;

    public static Partitioning<T> Forward { get; } = new Simple(PartitioningKind.Forward);

    public static Partitioning<T> Rebalance { get; } = new Simple(PartitioningKind.Rebalance);

    public static Partitioning<T> Broadcast { get; } = new Simple(PartitioningKind.Broadcast);

    /// <summary>The partitioning Flink picks when none is given: forward for equal parallelism, else rebalance.</summary>
    public static Partitioning<T> Default(int producerParallelism, int consumerParallelism) =>
        producerParallelism == consumerParallelism ? Forward : Rebalance;

    public abstract StreamPartitioner<T> CreatePartitioner(int producerSubtask, int consumerParallelism, int consumerMaxParallelism);

    private sealed class Simple(PartitioningKind kind) : Partitioning<T>(kind)
    {
        public override StreamPartitioner<T> CreatePartitioner(int producerSubtask, int consumerParallelism, int consumerMaxParallelism) => Kind switch
        {
            PartitioningKind.Forward => new ForwardPartitioner<T>(),
            PartitioningKind.Rebalance => new RebalancePartitioner<T>(producerSubtask, consumerParallelism),
            _ => new BroadcastPartitioner<T>(),
        };
    }
}

/// <summary>keyBy: records go to the subtask owning their key's key group.</summary>
internal sealed class HashPartitioning<T, TKey>(Func<T, TKey> keySelector) : Partitioning<T>(PartitioningKind.Hash)
{
    public Func<T, TKey> KeySelector { get; } = keySelector;

    public override StreamPartitioner<T> CreatePartitioner(int producerSubtask, int consumerParallelism, int consumerMaxParallelism) =>
        new KeyGroupStreamPartitioner<T, TKey>(KeySelector, consumerMaxParallelism, consumerParallelism);
}
