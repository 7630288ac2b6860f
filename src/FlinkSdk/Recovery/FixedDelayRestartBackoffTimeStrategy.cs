using System.Globalization;

namespace FlinkSdk.Recovery;

/// <summary>
/// Restarts a fixed number of times with a constant delay in between (Flink's
/// <c>FixedDelayRestartBackoffTimeStrategy</c>, restart strategy <c>fixed-delay</c>).
/// </summary>
/// <remarks>
/// Every failure counts as a restart attempt. With <c>maxNumberRestartAttempts = N</c> the job restarts N times and the
/// (N+1)-th failure is terminal; with 0 the first failure is.
/// </remarks>
public sealed class FixedDelayRestartBackoffTimeStrategy : IRestartBackoffTimeStrategy
{
    private readonly long _backoffTimeMs;
    private readonly string _strategyString;
    private int _currentRestartAttempt;

    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNumberRestartAttempts">Restarts allowed before the job fails (<c>restart-strategy.fixed-delay.attempts</c>); at least 0.</param>
    /// <param name="backoffTime">Delay before each restart (<c>restart-strategy.fixed-delay.delay</c>), counted in whole milliseconds; at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message is Flink's.</exception>
    public FixedDelayRestartBackoffTimeStrategy(int maxNumberRestartAttempts, TimeSpan backoffTime)
    {
        long backoffTimeMs = RestartTime.ToMillis(backoffTime);
        if (maxNumberRestartAttempts < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNumberRestartAttempts), maxNumberRestartAttempts, "Maximum number of restart attempts must be at least 0.");
        }

        if (backoffTimeMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffTime), backoffTime, "Backoff time between restart attempts must be at least 0 ms.");
        }

        MaxNumberRestartAttempts = maxNumberRestartAttempts;
        _backoffTimeMs = backoffTimeMs;
        _strategyString = string.Create(
            CultureInfo.InvariantCulture,
            $"FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts={maxNumberRestartAttempts}, backoffTimeMS={backoffTimeMs})");
    }

    /// <summary>Restarts allowed before the job fails.</summary>
    public int MaxNumberRestartAttempts { get; }

    /// <summary>The constant delay before each restart, in whole milliseconds.</summary>
    public TimeSpan BackoffTime => TimeSpan.FromMilliseconds(_backoffTimeMs);

    /// <summary>Failures notified so far (Flink's <c>currentRestartAttempt</c>).</summary>
    public int CurrentRestartAttempt => _currentRestartAttempt;

    /// <inheritdoc/>
    /// <returns>Always <see langword="true"/>: every failure is a new attempt.</returns>
    public bool NotifyFailure(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (_currentRestartAttempt < int.MaxValue)
        {
            _currentRestartAttempt++;
        }

        return true;
    }

    /// <inheritdoc/>
    /// <returns><see langword="true"/> while the failures notified do not exceed <see cref="MaxNumberRestartAttempts"/>.</returns>
    public bool CanRestart() => _currentRestartAttempt <= MaxNumberRestartAttempts;

    /// <inheritdoc/>
    /// <returns><see cref="BackoffTime"/>.</returns>
    public TimeSpan GetBackoffTime() => BackoffTime;

    /// <summary>Flink's text, e.g. <c>FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3, backoffTimeMS=1000)</c>.</summary>
    /// <returns>The strategy and its settings.</returns>
    public override string ToString() => _strategyString;
}
