using FlinkSdk.Configuration;

namespace FlinkSdk.Recovery;

/// <summary>
/// Builds the restart strategy a configuration asks for (Flink's <c>RestartBackoffTimeStrategyFactoryLoader</c>).
/// </summary>
public static class RestartStrategyFactory
{
    /// <summary>
    /// Creates a fresh strategy of the configuration's effective type
    /// (<see cref="RestartStrategyConfig.EffectiveType"/>: <c>restart-strategy.type</c>, else exponential-delay when
    /// checkpointing is enabled and none when it is not), with the configured options or Flink's defaults.
    /// </summary>
    /// <param name="configuration">The job's configuration.</param>
    /// <param name="clock">The clock for failure-rate and exponential-delay; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    /// <param name="random">The source of exponential-delay jitter; <see langword="null"/> uses <see cref="Random.Shared"/>.</param>
    /// <returns>A new strategy, or <see cref="NoRestartBackoffTimeStrategy.Instance"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message is Flink's.</exception>
    /// <exception cref="ArgumentException">The exponential-delay initial backoff exceeds its maximum.</exception>
    public static IRestartBackoffTimeStrategy Create(FlinkConfiguration configuration, TimeProvider? clock = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        RestartStrategyConfig restart = configuration.RestartStrategy;
        switch (restart.EffectiveType)
        {
            case RestartStrategyType.FixedDelay:
                return new FixedDelayRestartBackoffTimeStrategy(restart.FixedDelay.Attempts, restart.FixedDelay.Delay);

            case RestartStrategyType.FailureRate:
                return new FailureRateRestartBackoffTimeStrategy(
                    restart.FailureRate.MaxFailuresPerInterval,
                    restart.FailureRate.FailureRateInterval,
                    restart.FailureRate.Delay,
                    clock);

            case RestartStrategyType.ExponentialDelay:
                RestartStrategyConfig.ExponentialDelayOptions options = restart.ExponentialDelay;
                return new ExponentialDelayRestartBackoffTimeStrategy(
                    options.InitialBackoff,
                    options.MaxBackoff,
                    options.BackoffMultiplier,
                    options.ResetBackoffThreshold,
                    options.JitterFactor,
                    options.AttemptsBeforeResetBackoff,
                    clock,
                    random);

            default:
                return NoRestartBackoffTimeStrategy.Instance;
        }
    }
}
