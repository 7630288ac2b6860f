using FlinkSdk.Configuration;

namespace FlinkSdk.Tests.Configuration;

/// <summary>
/// A port of PyFlink's <c>flink-python/pyflink/datastream/tests/test_check_point_config.py</c> (HEAD, plus the
/// 1.20 <c>test_constant</c>) to <see cref="CheckpointConfig"/>, and Flink's setter checks with their messages.
/// </summary>
public class PyFlinkCheckpointConfigContractTests
{
    private static CheckpointConfig NewConfig() => new FlinkConfiguration().Checkpointing;

    [Fact]
    public void TestConstant()
    {
        Assert.Equal(1, CheckpointConfig.DefaultMaxConcurrentCheckpoints);
        Assert.Equal(TimeSpan.Zero, CheckpointConfig.DefaultMinPauseBetweenCheckpoints);
        Assert.Equal(TimeSpan.FromMinutes(10), CheckpointConfig.DefaultTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(600000), CheckpointConfig.DefaultTimeout);
        Assert.Equal(CheckpointingMode.ExactlyOnce, CheckpointConfig.DefaultMode);
        Assert.Equal(TimeSpan.FromMilliseconds(10), CheckpointConfig.MinimalCheckpointTime);
    }

    [Fact]
    public void ConstantsAreTheDefaultsOfAFreshConfig()
    {
        var config = NewConfig();

        Assert.Equal(CheckpointConfig.DefaultMaxConcurrentCheckpoints, config.MaxConcurrentCheckpoints);
        Assert.Equal(CheckpointConfig.DefaultMinPauseBetweenCheckpoints, config.MinPauseBetweenCheckpoints);
        Assert.Equal(CheckpointConfig.DefaultTimeout, config.CheckpointTimeout);
        Assert.Equal(CheckpointConfig.DefaultMode, config.CheckpointingMode);
    }

    [Fact]
    public void TestIsCheckpointingEnabled()
    {
        var config = NewConfig();
        Assert.False(config.IsCheckpointingEnabled);

        config.CheckpointInterval = TimeSpan.FromMilliseconds(1000);

        Assert.True(config.IsCheckpointingEnabled);
    }

    [Fact]
    public void DisableCheckpointingRemovesTheInterval()
    {
        var config = NewConfig();
        config.CheckpointInterval = TimeSpan.FromMilliseconds(1000);

        config.DisableCheckpointing();

        Assert.False(config.IsCheckpointingEnabled);
        Assert.Null(config.CheckpointInterval);
        Assert.False(config.Owner.IsSet(FlinkOptions.CheckpointingInterval));
    }

    [Fact]
    public void TestGetSetCheckpointingMode()
    {
        var config = NewConfig();
        Assert.Equal(CheckpointingMode.ExactlyOnce, config.CheckpointingMode);

        config.CheckpointingMode = CheckpointingMode.AtLeastOnce;
        Assert.Equal(CheckpointingMode.AtLeastOnce, config.CheckpointingMode);

        config.CheckpointingMode = CheckpointingMode.ExactlyOnce;
        Assert.Equal(CheckpointingMode.ExactlyOnce, config.CheckpointingMode);
    }

    [Fact]
    public void UndefinedCheckpointingModeIsRejected()
    {
        var config = NewConfig();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => config.CheckpointingMode = (CheckpointingMode)42);

        Assert.Contains("execution.checkpointing.mode", ex.Message, StringComparison.Ordinal);
        Assert.Equal(CheckpointingMode.ExactlyOnce, config.CheckpointingMode);
    }

    [Fact]
    public void TestGetSetCheckpointInterval()
    {
        var config = NewConfig();
        Assert.Null(config.CheckpointInterval); // Flink's getCheckpointInterval() returns -1

        config.CheckpointInterval = TimeSpan.FromMilliseconds(1000);

        Assert.Equal(TimeSpan.FromMilliseconds(1000), config.CheckpointInterval);
    }

    [Fact]
    public void TestGetSetCheckpointTimeout()
    {
        var config = NewConfig();
        Assert.Equal(TimeSpan.FromMilliseconds(600000), config.CheckpointTimeout);

        config.CheckpointTimeout = TimeSpan.FromMilliseconds(300000);

        Assert.Equal(TimeSpan.FromMilliseconds(300000), config.CheckpointTimeout);
    }

    [Fact]
    public void TestGetSetMinPauseBetweenCheckpoints()
    {
        var config = NewConfig();
        Assert.Equal(TimeSpan.Zero, config.MinPauseBetweenCheckpoints);

        config.MinPauseBetweenCheckpoints = TimeSpan.FromMilliseconds(100000);

        Assert.Equal(TimeSpan.FromMilliseconds(100000), config.MinPauseBetweenCheckpoints);
    }

    [Fact]
    public void TestGetSetMaxConcurrentCheckpoints()
    {
        var config = NewConfig();
        Assert.Equal(1, config.MaxConcurrentCheckpoints);

        config.MaxConcurrentCheckpoints = 2;

        Assert.Equal(2, config.MaxConcurrentCheckpoints);
    }

#pragma warning disable CS0618 // FailOnCheckpointingErrors is obsolete, as in Flink; PyFlink still tests it.
    [Fact]
    public void TestGetSetFailOnCheckpointingErrors()
    {
        var config = NewConfig();
        Assert.True(config.FailOnCheckpointingErrors);

        config.FailOnCheckpointingErrors = false;

        Assert.False(config.FailOnCheckpointingErrors);
        Assert.Equal(int.MaxValue, config.TolerableCheckpointFailureNumber);

        config.FailOnCheckpointingErrors = true;

        Assert.True(config.FailOnCheckpointingErrors);
        Assert.Equal(0, config.TolerableCheckpointFailureNumber);
    }

    [Fact]
    public void FailOnCheckpointingErrorsReflectsTheTolerableNumber()
    {
        var config = NewConfig();

        config.TolerableCheckpointFailureNumber = 2;

        Assert.False(config.FailOnCheckpointingErrors);
    }
#pragma warning restore CS0618

    [Fact]
    public void TestGetSetTolerableCheckpointFailureNumber()
    {
        var config = NewConfig();
        Assert.Equal(0, config.TolerableCheckpointFailureNumber);

        config.TolerableCheckpointFailureNumber = 2;

        Assert.Equal(2, config.TolerableCheckpointFailureNumber);
    }

    [Fact]
    public void TestGetSetExternalizedCheckpointsRetention()
    {
        var config = NewConfig();
        Assert.False(config.IsExternalizedCheckpointsEnabled);
        Assert.Equal(ExternalizedCheckpointRetention.NoExternalizedCheckpoints, config.ExternalizedCheckpointRetention);

        config.ExternalizedCheckpointRetention = ExternalizedCheckpointRetention.RetainOnCancellation;

        Assert.True(config.IsExternalizedCheckpointsEnabled);
        Assert.Equal(ExternalizedCheckpointRetention.RetainOnCancellation, config.ExternalizedCheckpointRetention);

        config.ExternalizedCheckpointRetention = ExternalizedCheckpointRetention.DeleteOnCancellation;

        Assert.Equal(ExternalizedCheckpointRetention.DeleteOnCancellation, config.ExternalizedCheckpointRetention);
        Assert.True(config.IsExternalizedCheckpointsEnabled);

        config.ExternalizedCheckpointRetention = ExternalizedCheckpointRetention.NoExternalizedCheckpoints;

        Assert.False(config.IsExternalizedCheckpointsEnabled);
    }

    [Fact]
    public void TestIsUnalignedCheckpointingEnabled()
    {
        var config = NewConfig();
        Assert.False(config.UnalignedCheckpointsEnabled);
        Assert.False(config.ForceUnalignedCheckpoints);
        Assert.Equal(TimeSpan.Zero, config.AlignedCheckpointTimeout);

        config.EnableUnalignedCheckpoints();
        Assert.True(config.UnalignedCheckpointsEnabled);

        config.EnableUnalignedCheckpoints(false);
        Assert.False(config.UnalignedCheckpointsEnabled);

        config.EnableUnalignedCheckpoints(true);
        Assert.True(config.UnalignedCheckpointsEnabled);

        config.ForceUnalignedCheckpoints = true;
        Assert.True(config.ForceUnalignedCheckpoints);

        config.AlignedCheckpointTimeout = TimeSpan.FromMinutes(1);
        Assert.Equal(TimeSpan.FromMinutes(1), config.AlignedCheckpointTimeout);
    }

    [Fact]
    public void SettersWriteTheFlinkKeysWithCodeOrigin()
    {
        var flink = new FlinkConfiguration();
        flink.Checkpointing.CheckpointInterval = TimeSpan.FromMilliseconds(1000);
        flink.Checkpointing.CheckpointingMode = CheckpointingMode.AtLeastOnce;
        flink.Checkpointing.ExternalizedCheckpointRetention = ExternalizedCheckpointRetention.RetainOnCancellation;
        flink.Checkpointing.AlignedCheckpointTimeout = TimeSpan.FromMinutes(1);

        var effective = flink.GetEffectiveOptions().ToDictionary(o => o.Key);

        Assert.Equal("1 s", effective["execution.checkpointing.interval"].Value);
        Assert.Equal(ConfigOrigin.Code, effective["execution.checkpointing.interval"].Origin);
        Assert.Equal("AT_LEAST_ONCE", effective["execution.checkpointing.mode"].Value);
        Assert.Equal("RETAIN_ON_CANCELLATION", effective["execution.checkpointing.externalized-checkpoint-retention"].Value);
        Assert.Equal("1 min", effective["execution.checkpointing.aligned-checkpoint-timeout"].Value);
        Assert.Equal("10 min", effective["execution.checkpointing.timeout"].Value);
        Assert.Equal(ConfigOrigin.Default, effective["execution.checkpointing.timeout"].Origin);
    }

    // ---- Setter validation with Flink's messages ----

    private static void AssertRejected(Action set, string flinkMessage)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(set);
        Assert.StartsWith(flinkMessage, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IntervalBelowTenMillisecondsIsRejected()
    {
        var config = NewConfig();

        AssertRejected(() => config.CheckpointInterval = TimeSpan.FromMilliseconds(5), "Checkpoint interval must be larger than or equal to 10 ms");
        AssertRejected(() => config.CheckpointInterval = TimeSpan.FromMilliseconds(9), "Checkpoint interval must be larger than or equal to 10 ms");
        AssertRejected(() => config.CheckpointInterval = TimeSpan.Zero, "Checkpoint interval must be larger than or equal to 10 ms");
        AssertRejected(() => config.CheckpointInterval = TimeSpan.FromMilliseconds(-1), "Checkpoint interval must be larger than or equal to 10 ms");

        Assert.Null(config.CheckpointInterval);
        Assert.False(config.IsCheckpointingEnabled);

        config.CheckpointInterval = TimeSpan.FromMilliseconds(10);
        Assert.Equal(TimeSpan.FromMilliseconds(10), config.CheckpointInterval);
    }

    [Fact]
    public void RejectedValueLeavesThePreviousValue()
    {
        var config = NewConfig();
        config.CheckpointInterval = TimeSpan.FromSeconds(1);

        AssertRejected(() => config.CheckpointInterval = TimeSpan.FromMilliseconds(5), "Checkpoint interval must be larger than or equal to 10 ms");

        Assert.Equal(TimeSpan.FromSeconds(1), config.CheckpointInterval);
    }

    [Fact]
    public void TimeoutBelowTenMillisecondsIsRejected()
    {
        var config = NewConfig();

        AssertRejected(() => config.CheckpointTimeout = TimeSpan.FromMilliseconds(9), "Checkpoint timeout must be larger than or equal to 10 ms");

        Assert.Equal(TimeSpan.FromMinutes(10), config.CheckpointTimeout);
        config.CheckpointTimeout = TimeSpan.FromMilliseconds(10);
        Assert.Equal(TimeSpan.FromMilliseconds(10), config.CheckpointTimeout);
    }

    [Fact]
    public void NegativeMinPauseIsRejected()
    {
        var config = NewConfig();

        AssertRejected(() => config.MinPauseBetweenCheckpoints = TimeSpan.FromMilliseconds(-1), "Pause value must be zero or positive");

        Assert.Equal(TimeSpan.Zero, config.MinPauseBetweenCheckpoints);
        config.MinPauseBetweenCheckpoints = TimeSpan.Zero;
        Assert.Equal(TimeSpan.Zero, config.MinPauseBetweenCheckpoints);
    }

    [Fact]
    public void MaxConcurrentBelowOneIsRejected()
    {
        var config = NewConfig();

        AssertRejected(() => config.MaxConcurrentCheckpoints = 0, "The maximum number of concurrent attempts must be at least one.");
        AssertRejected(() => config.MaxConcurrentCheckpoints = -3, "The maximum number of concurrent attempts must be at least one.");

        Assert.Equal(1, config.MaxConcurrentCheckpoints);
    }

    [Fact]
    public void NegativeTolerableFailureNumberIsRejected()
    {
        var config = NewConfig();

        AssertRejected(() => config.TolerableCheckpointFailureNumber = -1, "The tolerable failure checkpoint number must be non-negative.");

        Assert.Equal(0, config.TolerableCheckpointFailureNumber);
    }

    [Fact]
    public void BacklogIntervalMustBeZeroOrAtLeastTenMilliseconds()
    {
        var config = NewConfig();
        Assert.Null(config.CheckpointIntervalDuringBacklog);

        AssertRejected(() => config.CheckpointIntervalDuringBacklog = TimeSpan.FromMilliseconds(5), "Checkpoint interval must be zero or larger than or equal to 10 ms");
        Assert.Null(config.CheckpointIntervalDuringBacklog);

        config.CheckpointIntervalDuringBacklog = TimeSpan.Zero;
        Assert.Equal(TimeSpan.Zero, config.CheckpointIntervalDuringBacklog);

        config.CheckpointIntervalDuringBacklog = TimeSpan.FromMilliseconds(10);
        Assert.Equal(TimeSpan.FromMilliseconds(10), config.CheckpointIntervalDuringBacklog);
    }

    [Fact]
    public void AlignedCheckpointTimeoutIsNotValidatedBySetter()
    {
        // Flink's setAlignedCheckpointTimeout has no check (1.20 and HEAD).
        var config = NewConfig();

        config.AlignedCheckpointTimeout = TimeSpan.FromMilliseconds(1);

        Assert.Equal(TimeSpan.FromMilliseconds(1), config.AlignedCheckpointTimeout);
    }

    [Fact]
    public void ExponentialDelaySettersUseFlinkMessages()
    {
        var restart = new FlinkConfiguration().RestartStrategy;

        AssertRejected(() => restart.ExponentialDelay.BackoffMultiplier = 1, "Backoff multiplier must be greater than 1.");
        AssertRejected(() => restart.ExponentialDelay.BackoffMultiplier = 0.5, "Backoff multiplier must be greater than 1.");
        AssertRejected(() => restart.ExponentialDelay.JitterFactor = 1.5, "Jitter factor must be >= 0 and <= 1.");
        AssertRejected(() => restart.ExponentialDelay.JitterFactor = -0.1, "Jitter factor must be >= 0 and <= 1.");
        AssertRejected(() => restart.ExponentialDelay.InitialBackoff = TimeSpan.Zero, "Initial backoff must be at least 1.");
        AssertRejected(() => restart.ExponentialDelay.MaxBackoff = TimeSpan.Zero, "Maximum backoff must be at least 1.");
        AssertRejected(() => restart.ExponentialDelay.ResetBackoffThreshold = TimeSpan.Zero, "Threshold duration for exponential backoff reset must be at least 1.");
        AssertRejected(() => restart.ExponentialDelay.AttemptsBeforeResetBackoff = 0, "The attemptsBeforeResetBackoff must be at least 1.");

        Assert.Equal(1.5, restart.ExponentialDelay.BackoffMultiplier);
        Assert.Equal(0.1, restart.ExponentialDelay.JitterFactor);
        Assert.Equal(TimeSpan.FromSeconds(1), restart.ExponentialDelay.InitialBackoff);

        restart.ExponentialDelay.BackoffMultiplier = 2;
        restart.ExponentialDelay.JitterFactor = 1;
        restart.ExponentialDelay.InitialBackoff = TimeSpan.FromMilliseconds(1);
        Assert.Equal(2.0, restart.ExponentialDelay.BackoffMultiplier);
        Assert.Equal(1.0, restart.ExponentialDelay.JitterFactor);
        Assert.Equal(TimeSpan.FromMilliseconds(1), restart.ExponentialDelay.InitialBackoff);
    }

    [Fact]
    public void FixedDelayAndFailureRateSettersUseFlinkMessages()
    {
        var restart = new FlinkConfiguration().RestartStrategy;

        AssertRejected(() => restart.FixedDelay.Attempts = -1, "Maximum number of restart attempts must be at least 0.");
        AssertRejected(() => restart.FixedDelay.Delay = TimeSpan.FromMilliseconds(-1), "Backoff time between restart attempts must be at least 0 ms.");
        AssertRejected(() => restart.FailureRate.MaxFailuresPerInterval = 0, "Maximum number of restart attempts per time unit must be greater than 0.");
        AssertRejected(() => restart.FailureRate.FailureRateInterval = TimeSpan.Zero, "Failures interval must be greater than 0 ms.");
        AssertRejected(() => restart.FailureRate.Delay = TimeSpan.FromMilliseconds(-1), "Backoff time must be at least 0 ms.");

        Assert.Equal(1, restart.FixedDelay.Attempts);
        Assert.Equal(1, restart.FailureRate.MaxFailuresPerInterval);

        restart.FixedDelay.Attempts = 0;
        restart.FailureRate.MaxFailuresPerInterval = 5;
        Assert.Equal(0, restart.FixedDelay.Attempts);
        Assert.Equal(5, restart.FailureRate.MaxFailuresPerInterval);
    }

    // ---- Restart strategy defaults (§5.1) ----

    [Fact]
    public void RestartStrategyDefaultsFollowCheckpointing()
    {
        var flink = new FlinkConfiguration();
        Assert.Null(flink.RestartStrategy.Type);
        Assert.Equal(RestartStrategyType.None, flink.RestartStrategy.EffectiveType);

        flink.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(10);

        Assert.Null(flink.RestartStrategy.Type);
        Assert.Equal(RestartStrategyType.ExponentialDelay, flink.RestartStrategy.EffectiveType);

        flink.Checkpointing.DisableCheckpointing();

        Assert.Equal(RestartStrategyType.None, flink.RestartStrategy.EffectiveType);
    }

    [Theory]
    [InlineData(RestartStrategyType.None)]
    [InlineData(RestartStrategyType.FixedDelay)]
    [InlineData(RestartStrategyType.FailureRate)]
    [InlineData(RestartStrategyType.ExponentialDelay)]
    public void ExplicitRestartStrategyTypeWins(RestartStrategyType type)
    {
        var withCheckpointing = new FlinkConfiguration();
        withCheckpointing.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(10);
        withCheckpointing.RestartStrategy.Type = type;

        var withoutCheckpointing = new FlinkConfiguration();
        withoutCheckpointing.RestartStrategy.Type = type;

        Assert.Equal(type, withCheckpointing.RestartStrategy.Type);
        Assert.Equal(type, withCheckpointing.RestartStrategy.EffectiveType);
        Assert.Equal(type, withoutCheckpointing.RestartStrategy.EffectiveType);
    }

    [Fact]
    public void ClearingRestartStrategyTypeRestoresTheDefault()
    {
        var flink = new FlinkConfiguration();
        flink.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(10);
        flink.RestartStrategy.Type = RestartStrategyType.FixedDelay;

        flink.RestartStrategy.Type = null;

        Assert.Null(flink.RestartStrategy.Type);
        Assert.Equal(RestartStrategyType.ExponentialDelay, flink.RestartStrategy.EffectiveType);
    }

    [Fact]
    public void RestartStrategyOptionDefaults()
    {
        var restart = new FlinkConfiguration().RestartStrategy;

        Assert.Equal(1, restart.FixedDelay.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(1), restart.FixedDelay.Delay);

        Assert.Equal(1, restart.FailureRate.MaxFailuresPerInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), restart.FailureRate.FailureRateInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), restart.FailureRate.Delay);

        Assert.Equal(TimeSpan.FromSeconds(1), restart.ExponentialDelay.InitialBackoff);
        Assert.Equal(TimeSpan.FromMinutes(1), restart.ExponentialDelay.MaxBackoff);
        Assert.Equal(1.5, restart.ExponentialDelay.BackoffMultiplier);
        Assert.Equal(TimeSpan.FromHours(1), restart.ExponentialDelay.ResetBackoffThreshold);
        Assert.Equal(0.1, restart.ExponentialDelay.JitterFactor);
        Assert.Equal(int.MaxValue, restart.ExponentialDelay.AttemptsBeforeResetBackoff);
    }

    [Fact]
    public void DefaultsPassValidationWithAndWithoutCheckpointing()
    {
        var flink = new FlinkConfiguration();
        Assert.Empty(flink.Validate());

        flink.Checkpointing.CheckpointInterval = TimeSpan.FromMilliseconds(1000);

        Assert.Empty(flink.Validate());
    }
}
