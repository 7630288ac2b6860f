using O = FlinkSdk.Configuration.FlinkOptions;

namespace FlinkSdk.Configuration;

/// <summary>
/// The restart strategy of a job (Flink's <c>restart-strategy.*</c>). Unset, it is exponential-delay when
/// checkpointing is enabled and none otherwise (Flink 1.19+).
/// </summary>
public sealed class RestartStrategyConfig : ConfigView
{
    internal RestartStrategyConfig(FlinkConfiguration owner)
        : base(owner)
    {
        FixedDelay = new FixedDelayOptions(owner);
        FailureRate = new FailureRateOptions(owner);
        ExponentialDelay = new ExponentialDelayOptions(owner);
    }

    /// <summary>The configured strategy (<c>restart-strategy.type</c>); <see langword="null"/> uses Flink's default, see <see cref="EffectiveType"/>.</summary>
    public RestartStrategyType? Type
    {
        get => Owner.IsSet(O.RestartStrategyType) ? GetEnum<RestartStrategyType>(O.RestartStrategyType) : null;
        set
        {
            if (value is { } type)
            {
                SetEnum(O.RestartStrategyType, type);
            }
            else
            {
                Set(O.RestartStrategyType, null);
            }
        }
    }

    /// <summary>The strategy in force: <see cref="Type"/>, else exponential-delay with checkpointing enabled and none without.</summary>
    public RestartStrategyType EffectiveType =>
        Type ?? (Owner.Checkpointing.IsCheckpointingEnabled ? RestartStrategyType.ExponentialDelay : RestartStrategyType.None);

    /// <summary>Options of the fixed-delay strategy.</summary>
    public FixedDelayOptions FixedDelay { get; }

    /// <summary>Options of the failure-rate strategy.</summary>
    public FailureRateOptions FailureRate { get; }

    /// <summary>Options of the exponential-delay strategy.</summary>
    public ExponentialDelayOptions ExponentialDelay { get; }

    /// <summary>Fixed-delay restarts (<c>restart-strategy.fixed-delay.*</c>).</summary>
    public sealed class FixedDelayOptions : ConfigView
    {
        internal FixedDelayOptions(FlinkConfiguration owner)
            : base(owner)
        {
        }

        /// <summary>Restarts allowed before the job fails (<c>attempts</c>, default 1).</summary>
        public int Attempts
        {
            get => Get<int>(O.FixedDelayAttempts);
            set
            {
                Require(value >= 0, value, "Maximum number of restart attempts must be at least 0.");
                Set(O.FixedDelayAttempts, value);
            }
        }

        /// <summary>Delay between restarts (<c>delay</c>, default 1 s).</summary>
        public TimeSpan Delay
        {
            get => Get<TimeSpan>(O.FixedDelayDelay);
            set
            {
                Require(value >= TimeSpan.Zero, value, "Backoff time between restart attempts must be at least 0 ms.");
                Set(O.FixedDelayDelay, value);
            }
        }
    }

    /// <summary>Failure-rate restarts (<c>restart-strategy.failure-rate.*</c>).</summary>
    public sealed class FailureRateOptions : ConfigView
    {
        internal FailureRateOptions(FlinkConfiguration owner)
            : base(owner)
        {
        }

        /// <summary>Failures tolerated within one interval (<c>max-failures-per-interval</c>, default 1).</summary>
        public int MaxFailuresPerInterval
        {
            get => Get<int>(O.FailureRateMaxFailuresPerInterval);
            set
            {
                Require(value > 0, value, "Maximum number of restart attempts per time unit must be greater than 0.");
                Set(O.FailureRateMaxFailuresPerInterval, value);
            }
        }

        /// <summary>The sliding interval in which failures are counted (<c>failure-rate-interval</c>, default 1 min).</summary>
        public TimeSpan FailureRateInterval
        {
            get => Get<TimeSpan>(O.FailureRateInterval);
            set
            {
                Require(value > TimeSpan.Zero, value, "Failures interval must be greater than 0 ms.");
                Set(O.FailureRateInterval, value);
            }
        }

        /// <summary>Delay between restarts (<c>delay</c>, default 1 s).</summary>
        public TimeSpan Delay
        {
            get => Get<TimeSpan>(O.FailureRateDelay);
            set
            {
                Require(value >= TimeSpan.Zero, value, "Backoff time must be at least 0 ms.");
                Set(O.FailureRateDelay, value);
            }
        }
    }

    /// <summary>Exponential-delay restarts (<c>restart-strategy.exponential-delay.*</c>).</summary>
    public sealed class ExponentialDelayOptions : ConfigView
    {
        internal ExponentialDelayOptions(FlinkConfiguration owner)
            : base(owner)
        {
        }

        /// <summary>First delay (<c>initial-backoff</c>, default 1 s); at least 1 ms.</summary>
        public TimeSpan InitialBackoff
        {
            get => Get<TimeSpan>(O.ExponentialDelayInitialBackoff);
            set
            {
                Require(value >= TimeSpan.FromMilliseconds(1), value, "Initial backoff must be at least 1.");
                Set(O.ExponentialDelayInitialBackoff, value);
            }
        }

        /// <summary>Upper bound of the delay (<c>max-backoff</c>, default 1 min); at least 1 ms.</summary>
        public TimeSpan MaxBackoff
        {
            get => Get<TimeSpan>(O.ExponentialDelayMaxBackoff);
            set
            {
                Require(value >= TimeSpan.FromMilliseconds(1), value, "Maximum backoff must be at least 1.");
                Set(O.ExponentialDelayMaxBackoff, value);
            }
        }

        /// <summary>Factor applied after each restart (<c>backoff-multiplier</c>, default 1.5); greater than 1.</summary>
        public double BackoffMultiplier
        {
            get => Get<double>(O.ExponentialDelayBackoffMultiplier);
            set
            {
                Require(value > 1, value, "Backoff multiplier must be greater than 1.");
                Set(O.ExponentialDelayBackoffMultiplier, value);
            }
        }

        /// <summary>Failure-free time after which the delay resets (<c>reset-backoff-threshold</c>, default 1 h).</summary>
        public TimeSpan ResetBackoffThreshold
        {
            get => Get<TimeSpan>(O.ExponentialDelayResetBackoffThreshold);
            set
            {
                Require(value >= TimeSpan.FromMilliseconds(1), value, "Threshold duration for exponential backoff reset must be at least 1.");
                Set(O.ExponentialDelayResetBackoffThreshold, value);
            }
        }

        /// <summary>Random spread of each delay as a fraction of it (<c>jitter-factor</c>, default 0.1); within 0..1.</summary>
        public double JitterFactor
        {
            get => Get<double>(O.ExponentialDelayJitterFactor);
            set
            {
                Require(value is >= 0 and <= 1, value, "Jitter factor must be >= 0 and <= 1.");
                Set(O.ExponentialDelayJitterFactor, value);
            }
        }

        /// <summary>Restarts allowed before the job fails, until the backoff resets (<c>attempts-before-reset-backoff</c>, default infinite).</summary>
        public int AttemptsBeforeResetBackoff
        {
            get => Get<int>(O.ExponentialDelayAttemptsBeforeResetBackoff);
            set
            {
                Require(value >= 1, value, "The attemptsBeforeResetBackoff must be at least 1.");
                Set(O.ExponentialDelayAttemptsBeforeResetBackoff, value);
            }
        }
    }
}
