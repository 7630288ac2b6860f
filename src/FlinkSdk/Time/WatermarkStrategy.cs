namespace FlinkSdk.Time;

/// <summary>Creates watermark strategies (Flink's <c>WatermarkStrategy.forBoundedOutOfOrderness</c> and friends).</summary>
public static class WatermarkStrategy
{
    /// <summary>No timestamps and no watermarks (processing time only).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <returns>The strategy.</returns>
    public static WatermarkStrategy<T> NoWatermarks<T>() => new(null, null);

    /// <summary>Watermarks trail the largest timestamp seen by <paramref name="maxOutOfOrderness"/> (Flink's <c>forBoundedOutOfOrderness</c>).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="maxOutOfOrderness">How late records may arrive.</param>
    /// <returns>The strategy; add a timestamp assigner with <see cref="WatermarkStrategy{T}.WithTimestampAssigner"/>.</returns>
    public static WatermarkStrategy<T> ForBoundedOutOfOrderness<T>(TimeSpan maxOutOfOrderness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOutOfOrderness, TimeSpan.Zero);
        return new(maxOutOfOrderness, null);
    }

    /// <summary>Watermarks equal the largest timestamp seen (Flink's <c>forMonotonousTimestamps</c>).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <returns>The strategy.</returns>
    public static WatermarkStrategy<T> ForMonotonousTimestamps<T>() => new(TimeSpan.Zero, null);
}

/// <summary>
/// How a source assigns event-time timestamps and generates watermarks (Flink's <c>WatermarkStrategy</c>);
/// create one with <see cref="WatermarkStrategy"/>.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class WatermarkStrategy<T>
{
    internal WatermarkStrategy(TimeSpan? maxOutOfOrderness, Func<T, long, long>? timestampAssigner)
    {
        MaxOutOfOrderness = maxOutOfOrderness;
        TimestampAssigner = timestampAssigner;
    }

    /// <summary>How late a record may be relative to the largest timestamp seen; <see langword="null"/> for no watermarks.</summary>
    public TimeSpan? MaxOutOfOrderness { get; }

    /// <summary>Extracts a record's timestamp (milliseconds); receives the record and the timestamp it had.</summary>
    public Func<T, long, long>? TimestampAssigner { get; }

    /// <summary>Uses <paramref name="assigner"/> to take each record's event-time timestamp.</summary>
    /// <param name="assigner">Returns the timestamp of a record, given the record and its previous timestamp.</param>
    /// <returns>A new strategy.</returns>
    public WatermarkStrategy<T> WithTimestampAssigner(Func<T, long, long> assigner) => new(MaxOutOfOrderness, assigner);

    internal BoundedOutOfOrdernessWatermarks CreateGenerator() => new((long)(MaxOutOfOrderness ?? TimeSpan.Zero).TotalMilliseconds);
}

/// <summary>Tracks the largest timestamp and derives the watermark: <c>max - outOfOrderness - 1</c>, as Flink does.</summary>
internal sealed class BoundedOutOfOrdernessWatermarks(long outOfOrdernessMillis)
{
    private long _maxTimestamp = long.MinValue + outOfOrdernessMillis + 1;
    private long _lastEmitted = long.MinValue;

    public void OnEvent(long timestamp)
    {
        if (timestamp > _maxTimestamp)
        {
            _maxTimestamp = timestamp;
        }
    }

    /// <summary>The new watermark if it advanced since the last call.</summary>
    public bool TryAdvance(out long watermark)
    {
        watermark = _maxTimestamp - outOfOrdernessMillis - 1;
        if (watermark > _lastEmitted)
        {
            _lastEmitted = watermark;
            return true;
        }

        return false;
    }
}
