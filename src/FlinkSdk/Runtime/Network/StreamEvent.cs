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
