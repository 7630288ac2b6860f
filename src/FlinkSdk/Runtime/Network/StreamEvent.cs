namespace FlinkSdk.Runtime.Network;

/// <summary>A control event that travels through channels in order with the records (or, when urgent, ahead of them).</summary>
internal abstract class StreamEvent
{
}

/// <summary>Event time has reached <see cref="Timestamp"/>: no later record on this channel has a smaller timestamp.</summary>
internal sealed class WatermarkEvent(long timestamp) : StreamEvent
{
    /// <summary>The watermark that ends event time (Flink's <c>MAX_WATERMARK</c>), sent when a bounded input ends.</summary>
    public static readonly WatermarkEvent Max = new(long.MaxValue);

    public long Timestamp { get; } = timestamp;
}

/// <summary>The producer of this channel has no more records.</summary>
internal sealed class EndOfInputEvent : StreamEvent
{
    public static readonly EndOfInputEvent Instance = new();

    private EndOfInputEvent()
    {
    }
}

/// <summary>Flink's <c>CheckpointBarrier</c>: everything before it on a channel belongs to checkpoint <see cref="CheckpointId"/>.</summary>
internal sealed class CheckpointBarrierEvent(long checkpointId, long timestamp) : StreamEvent
{
    public long CheckpointId { get; } = checkpointId;

    /// <summary>When the coordinator triggered the checkpoint (Unix milliseconds); start delays are measured from it.</summary>
    public long Timestamp { get; } = timestamp;
}

/// <summary>Flink's <c>CancelCheckpointMarker</c>: checkpoint <see cref="CheckpointId"/> was aborted upstream; do not wait for its barrier.</summary>
internal sealed class CancelCheckpointMarkerEvent(long checkpointId) : StreamEvent
{
    public long CheckpointId { get; } = checkpointId;
}
