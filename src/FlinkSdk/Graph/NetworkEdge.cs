using FlinkSdk.Runtime.Network;
using FlinkSdk.Runtime.Tasks;

namespace FlinkSdk.Graph;

/// <summary>The channels of one edge between two vertices, untyped view.</summary>
internal interface INetworkEdge
{
    /// <summary>Creates the record writer of producer subtask <paramref name="producerSubtask"/> and registers it with its task.</summary>
    object CreateWriter(int producerSubtask, StreamTask producerTask);

    /// <summary>The channels consumer subtask <paramref name="consumerSubtask"/> reads.</summary>
    IEnumerable<object> ChannelsOf(int consumerSubtask);

    /// <summary>Connects every channel to the signals of its producer and consumer tasks.</summary>
    void Connect(IReadOnlyList<StreamTask> producers, IReadOnlyList<StreamTask> consumers);

    void Cancel();
}

/// <summary>
/// The channels between all producer and consumer subtasks of an edge: a full matrix, except for forward edges
/// where subtask i only talks to subtask i.
/// </summary>
internal sealed class NetworkEdge<T> : INetworkEdge
{
    /// <summary>Batches per channel (Flink's buffers per channel); bounds the records in flight.</summary>
    /// <remarks>
    /// Sixteen batches of 1,024 records let a producer run a few milliseconds ahead of its consumer. With fewer (four
    /// were tried) a producer on a busy machine blocks every few hundred microseconds, and any pause of a consumer (a
    /// checkpoint's barrier alignment, a thread descheduled) leaves a core idle: with four, the keyed count benchmark
    /// ran 10% slower without checkpoints and lost 15% (not 7%) to checkpoints every 20 ms. Thirty-two gained little
    /// more for twice the memory.
    /// </remarks>
    public const int BatchesPerChannel = 16;

    /// <summary>Records per batch.</summary>
    public const int BatchSize = 1024;

    private readonly Partitioning<T> _partitioning;
    private readonly int _consumerParallelism;
    private readonly int _consumerMaxParallelism;
    private readonly Channel<T>?[,] _channels;

    public NetworkEdge(Partitioning<T> partitioning, int producerParallelism, int consumerParallelism, int consumerMaxParallelism)
    {
        _partitioning = partitioning;
        _consumerParallelism = consumerParallelism;
        _consumerMaxParallelism = consumerMaxParallelism;
        _channels = new Channel<T>?[producerParallelism, consumerParallelism];
        for (int p = 0; p < producerParallelism; p++)
        {
            for (int c = 0; c < consumerParallelism; c++)
            {
                if (partitioning.Kind != PartitioningKind.Forward || p == c)
                {
                    _channels[p, c] = new Channel<T>(BatchesPerChannel, BatchSize);
                }
            }
        }
    }

    public object CreateWriter(int producerSubtask, StreamTask producerTask)
    {
        Channel<T>[] channels = _partitioning.Kind == PartitioningKind.Forward
            ? [_channels[producerSubtask, producerSubtask]!]
            : [.. Enumerable.Range(0, _consumerParallelism).Select(c => _channels[producerSubtask, c]!)];
        var writer = new RecordWriter<T>(channels, _partitioning.CreatePartitioner(producerSubtask, _consumerParallelism, _consumerMaxParallelism));
        producerTask.RegisterOutput(writer);
        return writer;
    }

    public IEnumerable<object> ChannelsOf(int consumerSubtask)
    {
        for (int p = 0; p < _channels.GetLength(0); p++)
        {
            if (_channels[p, consumerSubtask] is { } channel)
            {
                yield return channel;
            }
        }
    }

    public void Connect(IReadOnlyList<StreamTask> producers, IReadOnlyList<StreamTask> consumers)
    {
        for (int p = 0; p < _channels.GetLength(0); p++)
        {
            for (int c = 0; c < _channels.GetLength(1); c++)
            {
                _channels[p, c]?.Connect(producers[p].Signal, consumers[c].Signal);
            }
        }
    }

    public void Cancel()
    {
        foreach (var channel in _channels)
        {
            channel?.Cancel();
        }
    }
}
