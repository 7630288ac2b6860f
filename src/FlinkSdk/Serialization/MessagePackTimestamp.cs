namespace FlinkSdk.Serialization;

/// <summary>
/// A value of the MessagePack timestamp extension (type -1): seconds since 1970-01-01T00:00:00Z and a nanosecond
/// adjustment, always forward in time (the instant is <c>Seconds + Nanoseconds / 1e9</c>).
/// </summary>
public readonly record struct MessagePackTimestamp
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private const long NanosecondsPerTick = 100;
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly long MinDateTimeSeconds = FloorDiv(DateTime.MinValue.Ticks - UnixEpochTicks, TicksPerSecond);
    private static readonly long MaxDateTimeSeconds = FloorDiv(DateTime.MaxValue.Ticks - UnixEpochTicks, TicksPerSecond);

    /// <summary>Creates a timestamp.</summary>
    /// <param name="seconds">Seconds since the Unix epoch; negative before 1970.</param>
    /// <param name="nanoseconds">The nanoseconds to add, 0 to 999,999,999.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nanoseconds"/> is 1,000,000,000 or more.</exception>
    public MessagePackTimestamp(long seconds, uint nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nanoseconds, 999_999_999u);
        Seconds = seconds;
        Nanoseconds = nanoseconds;
    }

    /// <summary>Seconds since 1970-01-01T00:00:00Z; negative before it.</summary>
    public long Seconds { get; }

    /// <summary>Nanoseconds to add to <see cref="Seconds"/>, 0 to 999,999,999.</summary>
    public uint Nanoseconds { get; }

    /// <summary>
    /// The timestamp of a <see cref="DateTime"/>, without loss (100 ns ticks). A <see cref="DateTimeKind.Local"/> value
    /// is converted to UTC; an <see cref="DateTimeKind.Unspecified"/> one is taken as UTC.
    /// </summary>
    /// <param name="value">The date and time.</param>
    /// <returns>The timestamp.</returns>
    public static MessagePackTimestamp FromDateTime(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        long ticks = value.Ticks - UnixEpochTicks;
        long seconds = FloorDiv(ticks, TicksPerSecond);
        long remainder = ticks - (seconds * TicksPerSecond);
        return new MessagePackTimestamp(seconds, (uint)(remainder * NanosecondsPerTick));
    }

    /// <summary>The timestamp of the instant a <see cref="DateTimeOffset"/> denotes (its offset is not kept).</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The timestamp.</returns>
    public static MessagePackTimestamp FromDateTimeOffset(DateTimeOffset value) => FromDateTime(value.UtcDateTime);

    /// <summary>
    /// This timestamp as a UTC <see cref="DateTime"/>. Nanoseconds below the 100 ns tick are truncated.
    /// </summary>
    /// <returns>The date and time, of kind <see cref="DateTimeKind.Utc"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before year 1 or after year 9999.</exception>
    public DateTime ToDateTime()
    {
        if (!TryToDateTime(out var result))
        {
            throw new ArgumentOutOfRangeException(
                null, this, "The timestamp is outside the range of DateTime (0001-01-01 to 9999-12-31 UTC).");
        }

        return result;
    }

    /// <summary>This timestamp as a <see cref="DateTimeOffset"/> with offset zero.</summary>
    /// <returns>The instant.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before year 1 or after year 9999.</exception>
    public DateTimeOffset ToDateTimeOffset() => new(ToDateTime());

    /// <summary>Converts to a UTC <see cref="DateTime"/> when the timestamp is in its range.</summary>
    /// <param name="result">The date and time, of kind <see cref="DateTimeKind.Utc"/>.</param>
    /// <returns>Whether the timestamp is in the range of <see cref="DateTime"/>.</returns>
    public bool TryToDateTime(out DateTime result)
    {
        if (Seconds < MinDateTimeSeconds || Seconds > MaxDateTimeSeconds)
        {
            result = default;
            return false;
        }

        long ticks = UnixEpochTicks + (Seconds * TicksPerSecond) + (Nanoseconds / NanosecondsPerTick);
        if (ticks > DateTime.MaxValue.Ticks)
        {
            result = default;
            return false;
        }

        result = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = value / divisor;
        return (value % divisor) < 0 ? quotient - 1 : quotient;
    }
}
