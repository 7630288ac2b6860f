using System.Globalization;

namespace FlinkSdk.Recovery;

/// <summary>
/// Restarts with exponentially growing, jittered delays that reset after a failure-free period (Flink's
/// <c>ExponentialDelayRestartBackoffTimeStrategy</c>, restart strategy <c>exponential-delay</c>; the default when
/// checkpointing is enabled).
/// </summary>
/// <remarks>
/// <para>On each failure at time <c>now</c> (whole milliseconds from the <see cref="TimeProvider"/>):</para>
/// <list type="number">
/// <item><description>If <c>now &lt;= nextRestartTimestamp</c> the failure is merged into the restart already scheduled:
/// <see cref="NotifyFailure"/> returns <see langword="false"/> and nothing changes.</description></item>
/// <item><description>If <c>now - nextRestartTimestamp &gt;= resetBackoffThreshold</c> the attempt count resets to 0
/// (always so on the first failure).</description></item>
/// <item><description><c>backoff = (long)(initialBackoff * backoffMultiplier ^ currentRestartAttempt)</c>.</description></item>
/// <item><description><c>jitter</c> is uniform in <c>[-(long)(backoff * jitterFactor), +(long)(backoff * jitterFactor)]</c>.</description></item>
/// <item><description>The delay is <c>max(initialBackoff, min(backoff + jitter, maxBackoff))</c>;
/// <c>nextRestartTimestamp = now + delay</c> and the attempt count grows by one.</description></item>
/// </list>
/// <para>
/// <see cref="CanRestart"/> is <c>currentRestartAttempt &lt;= attemptsBeforeResetBackoff</c>. With the defaults the delays
/// are about 1 s, 1.5 s, 2.25 s, 3.4 s, … capped at 60 s, each ±10 %. Unlike Java, the arithmetic saturates instead of
/// wrapping, so a long failure streak stays at the maximum backoff.
/// </para>
/// </remarks>
public sealed class ExponentialDelayRestartBackoffTimeStrategy : IRestartBackoffTimeStrategy
{
    /// <summary>Flink's <c>DEFAULT_NEXT_RESTART_TIMESTAMP</c>: <c>Integer.MIN_VALUE</c>, meaning no failure yet.</summary>
    private const long DefaultNextRestartTimestamp = int.MinValue;

    private readonly long _initialBackoffMs;
    private readonly long _maxBackoffMs;
    private readonly long _resetBackoffThresholdMs;
    private readonly TimeProvider _clock;
    private readonly Random _random;
    private int _currentRestartAttempt;
    private long _nextRestartTimestamp = DefaultNextRestartTimestamp;

    /// <summary>Creates the strategy.</summary>
    /// <param name="initialBackoff">First delay (<c>initial-backoff</c>), counted in whole milliseconds; at least 1 ms.</param>
    /// <param name="maxBackoff">Upper bound of the delay (<c>max-backoff</c>), counted in whole milliseconds; at least 1 ms and not below <paramref name="initialBackoff"/>.</param>
    /// <param name="backoffMultiplier">Factor applied after each restart (<c>backoff-multiplier</c>); greater than 1.</param>
    /// <param name="resetBackoffThreshold">Failure-free time after which the delay and the attempt count reset (<c>reset-backoff-threshold</c>); at least 1 ms.</param>
    /// <param name="jitterFactor">Random spread of each delay as a fraction of it (<c>jitter-factor</c>); within 0..1.</param>
    /// <param name="attemptsBeforeResetBackoff">Restarts allowed before the job fails, until the backoff resets (<c>attempts-before-reset-backoff</c>); at least 1.</param>
    /// <param name="clock">The clock; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    /// <param name="random">The source of jitter; <see langword="null"/> uses <see cref="Random.Shared"/>. Pass a seeded instance for reproducible delays.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message is Flink's.</exception>
    /// <exception cref="ArgumentException"><paramref name="initialBackoff"/> exceeds <paramref name="maxBackoff"/>.</exception>
    public ExponentialDelayRestartBackoffTimeStrategy(
        TimeSpan initialBackoff,
        TimeSpan maxBackoff,
        double backoffMultiplier,
        TimeSpan resetBackoffThreshold,
        double jitterFactor,
        int attemptsBeforeResetBackoff,
        TimeProvider? clock = null,
        Random? random = null)
    {
        long initialBackoffMs = RestartTime.ToMillis(initialBackoff);
        long maxBackoffMs = RestartTime.ToMillis(maxBackoff);
        long resetBackoffThresholdMs = RestartTime.ToMillis(resetBackoffThreshold);
        if (initialBackoffMs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(initialBackoff), initialBackoff, "Initial backoff must be at least 1.");
        }

        if (maxBackoffMs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBackoff), maxBackoff, "Maximum backoff must be at least 1.");
        }

        if (initialBackoffMs > maxBackoffMs)
        {
            throw new ArgumentException("Initial backoff cannot be higher than maximum backoff.", nameof(initialBackoff));
        }

        if (!(backoffMultiplier > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(backoffMultiplier), backoffMultiplier, "Backoff multiplier must be greater than 1.");
        }

        if (resetBackoffThresholdMs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(resetBackoffThreshold), resetBackoffThreshold, "Threshold duration for exponential backoff reset must be at least 1.");
        }

        if (!(jitterFactor >= 0 && jitterFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(jitterFactor), jitterFactor, "Jitter factor must be >= 0 and <= 1.");
        }

        if (attemptsBeforeResetBackoff < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(attemptsBeforeResetBackoff), attemptsBeforeResetBackoff, "The attemptsBeforeResetBackoff must be at least 1.");
        }

        _initialBackoffMs = initialBackoffMs;
        _maxBackoffMs = maxBackoffMs;
        BackoffMultiplier = backoffMultiplier;
        _resetBackoffThresholdMs = resetBackoffThresholdMs;
        JitterFactor = jitterFactor;
        AttemptsBeforeResetBackoff = attemptsBeforeResetBackoff;
        _clock = clock ?? TimeProvider.System;
        _random = random ?? Random.Shared;
    }

    /// <summary>The first delay, in whole milliseconds.</summary>
    public TimeSpan InitialBackoff => TimeSpan.FromMilliseconds(_initialBackoffMs);

    /// <summary>The upper bound of the delay, in whole milliseconds.</summary>
    public TimeSpan MaxBackoff => TimeSpan.FromMilliseconds(_maxBackoffMs);

    /// <summary>The factor applied to the delay after each restart.</summary>
    public double BackoffMultiplier { get; }

    /// <summary>The failure-free time after which the delay and the attempt count reset, in whole milliseconds.</summary>
    public TimeSpan ResetBackoffThreshold => TimeSpan.FromMilliseconds(_resetBackoffThresholdMs);

    /// <summary>The random spread of each delay, as a fraction of it.</summary>
    public double JitterFactor { get; }

    /// <summary>Restarts allowed before the job fails, until the backoff resets.</summary>
    public int AttemptsBeforeResetBackoff { get; }

    /// <summary>Restart attempts since the last reset (Flink's <c>currentRestartAttempt</c>).</summary>
    public int CurrentRestartAttempt => _currentRestartAttempt;

    /// <inheritdoc/>
    /// <returns>
    /// <see langword="true"/> if the failure schedules a new restart; <see langword="false"/> if it happened at or before
    /// the restart already scheduled and was merged into it.
    /// </returns>
    public bool NotifyFailure(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        long now = RestartTime.NowMillis(_clock);

        // Merge failures into one attempt while a restart is still pending.
        if (now <= _nextRestartTimestamp)
        {
            return false;
        }

        if (now - _nextRestartTimestamp >= _resetBackoffThresholdMs)
        {
            _currentRestartAttempt = 0;
        }

        _nextRestartTimestamp = RestartTime.SaturatingAdd(now, CalculateActualBackoffTime());
        if (_currentRestartAttempt < int.MaxValue)
        {
            _currentRestartAttempt++;
        }

        return true;
    }

    /// <inheritdoc/>
    /// <returns><see langword="true"/> while the attempts since the last reset do not exceed <see cref="AttemptsBeforeResetBackoff"/>.</returns>
    public bool CanRestart() => _currentRestartAttempt <= AttemptsBeforeResetBackoff;

    /// <inheritdoc/>
    /// <returns>The time left until the scheduled restart, at least zero.</returns>
    /// <exception cref="InvalidOperationException">No failure was notified yet: <c>Please call notifyFailure first.</c></exception>
    public TimeSpan GetBackoffTime()
    {
        if (_nextRestartTimestamp == DefaultNextRestartTimestamp)
        {
            throw new InvalidOperationException("Please call notifyFailure first.");
        }

        return TimeSpan.FromMilliseconds(Math.Max(0, _nextRestartTimestamp - RestartTime.NowMillis(_clock)));
    }

    /// <summary>
    /// Flink's text, e.g. <c>ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=1000, maxBackoffMS=60000,
    /// backoffMultiplier=1.5, resetBackoffThresholdMS=3600000, jitterFactor=0.1, attemptsBeforeResetBackoff=2147483647,
    /// currentRestartAttempt=0, nextRestartTimestamp=-2147483648)</c>.
    /// </summary>
    /// <returns>The strategy, its settings and its current state.</returns>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS={_initialBackoffMs}, maxBackoffMS={_maxBackoffMs}, backoffMultiplier={RestartTime.FormatJavaDouble(BackoffMultiplier)}, resetBackoffThresholdMS={_resetBackoffThresholdMs}, jitterFactor={RestartTime.FormatJavaDouble(JitterFactor)}, attemptsBeforeResetBackoff={AttemptsBeforeResetBackoff}, currentRestartAttempt={_currentRestartAttempt}, nextRestartTimestamp={_nextRestartTimestamp})");

    private long CalculateActualBackoffTime()
    {
        long currentBackoffMs = RestartTime.SaturatingToLong(_initialBackoffMs * Math.Pow(BackoffMultiplier, _currentRestartAttempt));
        long withJitter = RestartTime.SaturatingAdd(currentBackoffMs, CalculateJitterBackoffMs(currentBackoffMs));
        return Math.Max(_initialBackoffMs, Math.Min(withJitter, _maxBackoffMs));
    }

    /// <summary>A random offset in <c>[-n, n]</c> where <c>n = (long)(backoff * jitterFactor)</c>; 0 without jitter.</summary>
    private long CalculateJitterBackoffMs(long currentBackoffMs)
    {
        if (JitterFactor == 0)
        {
            return 0;
        }

        long offset = RestartTime.SaturatingToLong(currentBackoffMs * JitterFactor);
        return offset == long.MaxValue
            ? _random.NextInt64(-offset, offset)
            : _random.NextInt64(-offset, offset + 1);
    }
}
