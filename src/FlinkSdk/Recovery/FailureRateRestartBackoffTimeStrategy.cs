using System.Globalization;

namespace FlinkSdk.Recovery;

/// <summary>
/// Restarts while failures stay below a rate (Flink's <c>FailureRateRestartBackoffTimeStrategy</c>, restart strategy
/// <c>failure-rate</c>): at most <see cref="MaxFailuresPerInterval"/> failures are tolerated within any sliding window of
/// length <see cref="FailuresInterval"/>, with a constant delay before each restart.
/// </summary>
/// <remarks>
/// The strategy keeps the timestamps of the last <c>maxFailuresPerInterval + 1</c> failures. <see cref="CanRestart"/>
/// is <see langword="false"/> when that many failures are recorded and the oldest is not more than the interval older
/// than now. Time comes from the <see cref="TimeProvider"/>'s <see cref="TimeProvider.GetUtcNow"/> in whole
/// milliseconds, like Flink's <c>clock.absoluteTimeMillis()</c>.
/// </remarks>
public sealed class FailureRateRestartBackoffTimeStrategy : IRestartBackoffTimeStrategy
{
    private readonly long _failuresIntervalMs;
    private readonly long _backoffTimeMs;
    private readonly Queue<long> _failureTimestamps;
    private readonly string _strategyString;
    private readonly TimeProvider _clock;

    /// <summary>Creates the strategy.</summary>
    /// <param name="maxFailuresPerInterval">Failures tolerated within one interval (<c>restart-strategy.failure-rate.max-failures-per-interval</c>); greater than 0.</param>
    /// <param name="failuresInterval">The sliding interval (<c>restart-strategy.failure-rate.failure-rate-interval</c>), counted in whole milliseconds; greater than 0.</param>
    /// <param name="backoffTime">Delay before each restart (<c>restart-strategy.failure-rate.delay</c>), counted in whole milliseconds; at least 0.</param>
    /// <param name="clock">The clock; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message is Flink's.</exception>
    public FailureRateRestartBackoffTimeStrategy(int maxFailuresPerInterval, TimeSpan failuresInterval, TimeSpan backoffTime, TimeProvider? clock = null)
    {
        long failuresIntervalMs = RestartTime.ToMillis(failuresInterval);
        long backoffTimeMs = RestartTime.ToMillis(backoffTime);
        if (maxFailuresPerInterval <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFailuresPerInterval), maxFailuresPerInterval, "Maximum number of restart attempts per time unit must be greater than 0.");
        }

        if (failuresIntervalMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(failuresInterval), failuresInterval, "Failures interval must be greater than 0 ms.");
        }

        if (backoffTimeMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffTime), backoffTime, "Backoff time must be at least 0 ms.");
        }

        MaxFailuresPerInterval = maxFailuresPerInterval;
        _failuresIntervalMs = failuresIntervalMs;
        _backoffTimeMs = backoffTimeMs;
        _failureTimestamps = new Queue<long>(Math.Min(maxFailuresPerInterval, 15) + 1);
        _clock = clock ?? TimeProvider.System;

        // Flink's text, including its doubled prefix and single closing parenthesis.
        _strategyString = string.Create(
            CultureInfo.InvariantCulture,
            $"FailureRateRestartBackoffTimeStrategy(FailureRateRestartBackoffTimeStrategy(failuresIntervalMS={failuresIntervalMs},backoffTimeMS={backoffTimeMs},maxFailuresPerInterval={maxFailuresPerInterval})");
    }

    /// <summary>Failures tolerated within one interval.</summary>
    public int MaxFailuresPerInterval { get; }

    /// <summary>The sliding interval in which failures are counted, in whole milliseconds.</summary>
    public TimeSpan FailuresInterval => TimeSpan.FromMilliseconds(_failuresIntervalMs);

    /// <summary>The constant delay before each restart, in whole milliseconds.</summary>
    public TimeSpan BackoffTime => TimeSpan.FromMilliseconds(_backoffTimeMs);

    /// <inheritdoc/>
    /// <returns>Always <see langword="true"/>: every failure is a new attempt.</returns>
    public bool NotifyFailure(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (IsFailureTimestampsQueueFull())
        {
            _failureTimestamps.Dequeue();
        }

        _failureTimestamps.Enqueue(RestartTime.NowMillis(_clock));
        return true;
    }

    /// <inheritdoc/>
    /// <returns>
    /// <see langword="true"/> unless more than <see cref="MaxFailuresPerInterval"/> failures are recorded and the oldest
    /// of them happened no more than <see cref="FailuresInterval"/> ago.
    /// </returns>
    public bool CanRestart()
    {
        if (IsFailureTimestampsQueueFull())
        {
            long now = RestartTime.NowMillis(_clock);
            long earliestFailure = _failureTimestamps.Peek();
            return now - earliestFailure > _failuresIntervalMs;
        }

        return true;
    }

    /// <inheritdoc/>
    /// <returns><see cref="BackoffTime"/>.</returns>
    public TimeSpan GetBackoffTime() => BackoffTime;

    /// <summary>
    /// Flink's text, e.g.
    /// <c>FailureRateRestartBackoffTimeStrategy(FailureRateRestartBackoffTimeStrategy(failuresIntervalMS=60000,backoffTimeMS=1000,maxFailuresPerInterval=1)</c>.
    /// </summary>
    /// <returns>The strategy and its settings.</returns>
    public override string ToString() => _strategyString;

    private bool IsFailureTimestampsQueueFull() => _failureTimestamps.Count > MaxFailuresPerInterval;
}
