using FlinkSdk.State;

namespace FlinkSdk.Runtime.Network;

/// <summary>How records of an edge are distributed over the consumer's subtasks (Flink's <c>StreamPartitioner</c>).</summary>
internal abstract class StreamPartitioner<T>
{
    /// <summary>Whether every record goes to every channel.</summary>
    public virtual bool IsBroadcast => false;

    /// <summary>The channel (consumer subtask) for <paramref name="value"/>.</summary>
    public abstract int SelectChannel(T value);
}

/// <summary>Subtask i sends to subtask i (equal parallelism).</summary>
internal sealed class ForwardPartitioner<T> : StreamPartitioner<T>
{
    public override int SelectChannel(T value) => 0;
}

/// <summary>Round-robin over all consumer subtasks, starting at the producer's own index.</summary>
internal sealed class RebalancePartitioner<T>(int start, int channels) : StreamPartitioner<T>
{
    private int _next = start % channels;

    public override int SelectChannel(T value)
    {
        int channel = _next;
        _next = channel + 1 == channels ? 0 : channel + 1;
        return channel;
    }
}

/// <summary>Every record to every consumer subtask.</summary>
internal sealed class BroadcastPartitioner<T> : StreamPartitioner<T>
{
    public override bool IsBroadcast => true;

    public override int SelectChannel(T value) => throw new InvalidOperationException("Broadcast partitioning selects all channels.");
}

/// <summary>keyBy: the key's key group decides the consumer subtask, as in Flink's <c>KeyGroupStreamPartitioner</c>.</summary>
internal sealed class KeyGroupStreamPartitioner<T, TKey>(Func<T, TKey> keySelector, int maxParallelism, int channels) : StreamPartitioner<T>
{
    public override int SelectChannel(T value)
    {
        int keyGroup = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(StableKeyHash.Of(keySelector(value)), maxParallelism);
        return KeyGroupRangeAssignment.ComputeOperatorIndexForKeyGroup(keyGroup, maxParallelism, channels);
    }
}
