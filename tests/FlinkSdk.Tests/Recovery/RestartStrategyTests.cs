using FlinkSdk.Configuration;
using FlinkSdk.Recovery;

namespace FlinkSdk.Tests.Recovery;

/// <summary>
/// The restart strategies follow Flink's <c>*RestartBackoffTimeStrategy</c> exactly: attempt counting, sliding failure
/// windows, exponential backoff with jitter, reset and merging, constructor messages and <c>toString()</c> texts, and the
/// factory picks Flink's default for the checkpointing setting.
/// </summary>
public class RestartStrategyTests
{
    private static readonly Exception Failure = new InvalidOperationException("task failed");

    /// <summary>A clock that only moves when told to, starting at the Unix epoch like Flink's <c>ManualClock</c>.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now;

        public ManualClock(long startMillis = 0) => _now = DateTimeOffset.FromUnixTimeMilliseconds(startMillis);

        public long NowMillis => _now.ToUnixTimeMilliseconds();

        public override DateTimeOffset GetUtcNow() => _now;

        public void AdvanceMillis(long milliseconds) => _now = _now.AddMilliseconds(milliseconds);
    }

    private static TimeSpan Ms(long milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static long BackoffMs(IRestartBackoffTimeStrategy strategy) => (long)strategy.GetBackoffTime().TotalMilliseconds;

    private static ExponentialDelayRestartBackoffTimeStrategy Exponential(
        ManualClock clock, long initialMs, long maxMs, double multiplier, long resetMs, double jitter, int attempts, Random? random = null) =>
        new(Ms(initialMs), Ms(maxMs), multiplier, Ms(resetMs), jitter, attempts, clock, random ?? new Random(7));

    // ---- no restart ----

    [Fact]
    public void NoRestart_NeverRestarts_HasZeroBackoff_AndPrintsFlinksName()
    {
        var strategy = NoRestartBackoffTimeStrategy.Instance;

        Assert.True(strategy.NotifyFailure(Failure));
        Assert.False(strategy.CanRestart());
        Assert.Equal(TimeSpan.Zero, strategy.GetBackoffTime());
        Assert.Equal("NoRestartBackoffTimeStrategy", strategy.ToString());
        Assert.Same(strategy, NoRestartBackoffTimeStrategy.Instance);
    }

    // ---- fixed delay ----

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void FixedDelay_AllowsExactlyNRestarts_ThenTheNextFailureIsTerminal(int attempts)
    {
        var strategy = new FixedDelayRestartBackoffTimeStrategy(attempts, TimeSpan.FromSeconds(2));

        for (int restart = 1; restart <= attempts; restart++)
        {
            Assert.True(strategy.NotifyFailure(Failure));
            Assert.True(strategy.CanRestart(), $"restart {restart} of {attempts} must be allowed");
            Assert.Equal(TimeSpan.FromSeconds(2), strategy.GetBackoffTime());
        }

        Assert.True(strategy.NotifyFailure(Failure));
        Assert.False(strategy.CanRestart());
        Assert.Equal(attempts + 1, strategy.CurrentRestartAttempt);
    }

    [Fact]
    public void FixedDelay_CanRestartBeforeAnyFailure_AndKeepsAConstantBackoff()
    {
        var strategy = new FixedDelayRestartBackoffTimeStrategy(2, Ms(1500));

        Assert.True(strategy.CanRestart());
        Assert.Equal(Ms(1500), strategy.GetBackoffTime());
        strategy.NotifyFailure(Failure);
        strategy.NotifyFailure(Failure);
        Assert.Equal(Ms(1500), strategy.GetBackoffTime());
        Assert.Equal(2, strategy.MaxNumberRestartAttempts);
        Assert.Equal(Ms(1500), strategy.BackoffTime);
    }

    [Fact]
    public void FixedDelay_CountsBackoffInWholeMilliseconds()
    {
        var strategy = new FixedDelayRestartBackoffTimeStrategy(1, TimeSpan.FromTicks(19_999)); // 1.9999 ms

        Assert.Equal(Ms(1), strategy.GetBackoffTime());
        Assert.Equal("FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=1, backoffTimeMS=1)", strategy.ToString());
    }

    // ---- failure rate ----

    [Fact]
    public void FailureRate_ToleratesMaxFailuresWithinTheWindow_AndFailsOnTheNextOne()
    {
        var clock = new ManualClock();
        var strategy = new FailureRateRestartBackoffTimeStrategy(2, TimeSpan.FromSeconds(10), Ms(500), clock);

        Assert.True(strategy.NotifyFailure(Failure));
        Assert.True(strategy.CanRestart());
        clock.AdvanceMillis(1000);
        Assert.True(strategy.NotifyFailure(Failure));
        Assert.True(strategy.CanRestart());
        clock.AdvanceMillis(1000);
        Assert.True(strategy.NotifyFailure(Failure));
        Assert.False(strategy.CanRestart());
        Assert.Equal(Ms(500), strategy.GetBackoffTime());
    }

    [Fact]
    public void FailureRate_WindowSlides_OldFailuresStopCounting()
    {
        var clock = new ManualClock();
        var strategy = new FailureRateRestartBackoffTimeStrategy(2, TimeSpan.FromSeconds(10), TimeSpan.Zero, clock);

        strategy.NotifyFailure(Failure);              // t = 0
        clock.AdvanceMillis(5_000);
        strategy.NotifyFailure(Failure);              // t = 5 s
        Assert.True(strategy.CanRestart());

        clock.AdvanceMillis(6_000);
        strategy.NotifyFailure(Failure);              // t = 11 s: window (1 s, 11 s] holds two failures
        Assert.True(strategy.CanRestart());

        clock.AdvanceMillis(1_000);
        strategy.NotifyFailure(Failure);              // t = 12 s: 5 s, 11 s, 12 s are within 10 s
        Assert.False(strategy.CanRestart());

        clock.AdvanceMillis(3_000);
        strategy.NotifyFailure(Failure);              // t = 15 s: oldest kept is 11 s
        Assert.False(strategy.CanRestart());

        clock.AdvanceMillis(20_000);
        strategy.NotifyFailure(Failure);              // t = 35 s: oldest kept is 12 s
        Assert.True(strategy.CanRestart());
    }

    [Fact]
    public void FailureRate_OldestFailureExactlyOneIntervalAgo_StillCounts()
    {
        var clock = new ManualClock();
        var strategy = new FailureRateRestartBackoffTimeStrategy(1, Ms(1000), TimeSpan.Zero, clock);

        strategy.NotifyFailure(Failure);
        clock.AdvanceMillis(1000);
        strategy.NotifyFailure(Failure);
        Assert.False(strategy.CanRestart()); // now - oldest == interval is not "greater than"

        clock.AdvanceMillis(1);
        Assert.True(strategy.CanRestart());  // evaluated against the clock when asked
    }

    [Fact]
    public void FailureRate_FailuresSpacedWiderThanTheInterval_AlwaysRestart()
    {
        var clock = new ManualClock();
        var strategy = new FailureRateRestartBackoffTimeStrategy(1, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), clock);

        for (int i = 0; i < 20; i++)
        {
            Assert.True(strategy.NotifyFailure(Failure));
            Assert.True(strategy.CanRestart(), $"failure {i}");
            clock.AdvanceMillis(60_001);
        }
    }

    // ---- exponential delay: backoff sequence ----

    [Fact]
    public void ExponentialDelay_WithoutJitter_FollowsFlinksDefaultSequence_CappedAtOneMinute()
    {
        var clock = new ManualClock();
        var strategy = Exponential(clock, 1000, 60_000, 1.5, 3_600_000, 0, int.MaxValue);
        long[] expected = [1000, 1500, 2250, 3375, 5062, 7593, 11390, 17085, 25628, 38443, 57665, 60000, 60000, 60000];

        foreach (long backoff in expected)
        {
            Assert.True(strategy.NotifyFailure(Failure));
            Assert.True(strategy.CanRestart());
            Assert.Equal(backoff, BackoffMs(strategy));
            clock.AdvanceMillis(backoff + 1); // the restart happened; the next failure follows shortly
        }
    }

    [Fact]
    public void ExponentialDelay_MultiplierTruncatesToWholeMilliseconds()
    {
        var clock = new ManualClock();
        var strategy = Exponential(clock, 4, 300, 2.3, int.MaxValue, 0, 10);

        foreach (long backoff in new long[] { 4, 9, 21, 48, 111, 257, 300 })
        {
            Assert.True(strategy.NotifyFailure(Failure));
            Assert.Equal(backoff, BackoffMs(strategy));
            clock.AdvanceMillis(301);
        }
    }

    [Fact]
    public void ExponentialDelay_BackoffCountsDownWithTheClock()
    {
        var clock = new ManualClock();
        var strategy = Exponential(clock, 1000, 60_000, 2, 3_600_000, 0, int.MaxValue);

        strategy.NotifyFailure(Failure);
        clock.AdvanceMillis(400);
        Assert.Equal(Ms(600), strategy.GetBackoffTime());
        clock.AdvanceMillis(5_000);
        Assert.Equal(TimeSpan.Zero, strategy.GetBackoffTime());
    }

    [Fact]
    public void ExponentialDelay_GetBackoffTimeBeforeAnyFailure_Throws()
    {
        var strategy = Exponential(new ManualClock(), 42, 45, 2.0, 8, 0, 10);

        var error = Assert.Throws<InvalidOperationException>(() => strategy.GetBackoffTime());
        Assert.Equal("Please call notifyFailure first.", error.Message);
    }

    [Fact]
    public void ExponentialDelay_ALongFailureStreakStaysAtTheMaximum()
    {
        var clock = new ManualClock();
        var strategy = Exponential(clock, 1000, 60_000, 1.5, 3_600_000, 0.1, int.MaxValue, new Random(3));

        // Past ~91 attempts 1000 * 1.5^n exceeds long.MaxValue; the delay must stay at the cap, not wrap around.
        for (int i = 0; i < 200; i++)
        {
            strategy.NotifyFailure(Failure);
            long backoff = BackoffMs(strategy);
            if (i >= 15)
            {
                Assert.Equal(60_000, backoff);
            }

            clock.AdvanceMillis(backoff + 1);
        }
    }

    // ---- exponential delay: jitter ----

    private static SortedSet<long> ObservedBackoffs(
        long initialMs, long maxMs, double multiplier, double jitter, int failures, int seed, int trials = 400)
    {
        var random = new Random(seed);
        var clock = new ManualClock();
        var seen = new SortedSet<long>();
        for (int trial = 0; trial < trials; trial++)
        {
            var strategy = Exponential(clock, initialMs, maxMs, multiplier, int.MaxValue, jitter, int.MaxValue, random);
            for (int i = 0; i < failures; i++)
            {
                clock.AdvanceMillis(maxMs + 1);
                Assert.True(strategy.NotifyFailure(Failure));
            }

            seen.Add(BackoffMs(strategy));
        }

        return seen;
    }

    [Fact]
    public void ExponentialDelay_JitterCoversExactlyPlusMinusBackoffTimesFactor_ClampedToInitialAndMax()
    {
        // Flink's testJitter: initial 2, max 7, multiplier 2, jitter 0.25.
        Assert.Equal([3L, 4L, 5L], ObservedBackoffs(2, 7, 2.0, 0.25, failures: 2, seed: 11)); // 4 ± 1
        Assert.Equal([6L, 7L], ObservedBackoffs(2, 7, 2.0, 0.25, failures: 3, seed: 12));     // 8 ± 2, capped at 7
        Assert.Equal([7L], ObservedBackoffs(2, 7, 2.0, 0.25, failures: 4, seed: 13));         // 16 ± 4, capped at 7
    }

    [Fact]
    public void ExponentialDelay_FullJitterNeverGoesBelowInitialOrAboveMax()
    {
        // Flink's testJitterNoHigherThanMax: initial 1, max 7, multiplier 2, jitter 1.
        Assert.Equal([1L, 2L], ObservedBackoffs(1, 7, 2.0, 1.0, failures: 1, seed: 21));
        Assert.Equal([1L, 2L, 3L, 4L], ObservedBackoffs(1, 7, 2.0, 1.0, failures: 2, seed: 22));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L], ObservedBackoffs(1, 7, 2.0, 1.0, failures: 3, seed: 23));
    }

    [Fact]
    public void ExponentialDelay_DefaultJitterStaysWithinTenPercent_AndASeedReproducesTheDelays()
    {
        static List<long> Run(int seed)
        {
            var clock = new ManualClock();
            var strategy = Exponential(clock, 1000, 60_000, 1.5, 3_600_000, 0.1, int.MaxValue, new Random(seed));
            var delays = new List<long>();
            for (int i = 0; i < 14; i++)
            {
                strategy.NotifyFailure(Failure);
                long backoff = BackoffMs(strategy);
                delays.Add(backoff);
                clock.AdvanceMillis(backoff + 1);
            }

            return delays;
        }

        long[] unjittered = [1000, 1500, 2250, 3375, 5062, 7593, 11390, 17085, 25628, 38443, 57665, 86497, 129746, 194619];
        List<long> first = Run(seed: 42);
        Assert.Equal(first, Run(seed: 42));
        Assert.NotEqual(first, Run(seed: 43));

        for (int i = 0; i < unjittered.Length; i++)
        {
            long offset = (long)(unjittered[i] * 0.1);
            long low = Math.Max(1000, Math.Min(unjittered[i] - offset, 60_000));
            long high = Math.Max(1000, Math.Min(unjittered[i] + offset, 60_000));
            Assert.InRange(first[i], low, high);
        }

        Assert.Contains(first.Take(10), d => !unjittered.Contains(d)); // the jitter is actually applied
    }

    // ---- exponential delay: reset, merging, attempts ----

    [Fact]
    public void ExponentialDelay_ResetsToTheInitialBackoffAfterTheThreshold()
    {
        // Flink's testResetBackoff.
        var clock = new ManualClock();
        var strategy = Exponential(clock, 1, 5, 2.0, 8, 0.25, int.MaxValue);

        Assert.True(strategy.NotifyFailure(Failure));
        clock.AdvanceMillis(8 + BackoffMs(strategy) - 1);
        Assert.True(strategy.NotifyFailure(Failure));
        Assert.Equal(2, BackoffMs(strategy)); // one ms short of the threshold: increased

        clock.AdvanceMillis(8 + BackoffMs(strategy));
        Assert.True(strategy.NotifyFailure(Failure));
        Assert.Equal(1, BackoffMs(strategy)); // threshold reached: reset
        Assert.Equal(1, strategy.CurrentRestartAttempt);
    }

    [Fact]
    public void ExponentialDelay_ThresholdIsMeasuredFromTheScheduledRestart()
    {
        var clock = new ManualClock();
        var strategy = Exponential(clock, 1000, 60_000, 2.0, 10_000, 0, int.MaxValue);

        strategy.NotifyFailure(Failure);      // restart at 1 s
        clock.AdvanceMillis(1001);
        strategy.NotifyFailure(Failure);      // 2 s backoff, restart at 3.001 s
        Assert.Equal(2000, BackoffMs(strategy));

        clock.AdvanceMillis(2000 + 9_999);    // 9.999 s after the restart
        strategy.NotifyFailure(Failure);
        Assert.Equal(4000, BackoffMs(strategy));

        clock.AdvanceMillis(4000 + 10_000);   // exactly the threshold after the restart
        strategy.NotifyFailure(Failure);
        Assert.Equal(1000, BackoffMs(strategy));
    }

    [Fact]
    public void ExponentialDelay_MergesFailuresUntilTheScheduledRestart()
    {
        // Flink's testMergeMultipleExceptionsIntoOneAttempt.
        var clock = new ManualClock();
        var strategy = Exponential(clock, 2, 6, 2.0, 80, 0, 3);

        AssertMerged(clock, strategy, expectedBackoffMs: 2);
        clock.AdvanceMillis(1);
        AssertMerged(clock, strategy, expectedBackoffMs: 4);
        clock.AdvanceMillis(1);
        AssertMerged(clock, strategy, expectedBackoffMs: 6);
        Assert.Equal(3, strategy.CurrentRestartAttempt);

        clock.AdvanceMillis(1);
        Assert.True(strategy.NotifyFailure(Failure)); // a new round beyond attemptsBeforeResetBackoff
        Assert.False(strategy.CanRestart());
    }

    [Fact]
    public void ExponentialDelay_MergingKeepsWorkingAcrossResets()
    {
        var clock = new ManualClock();
        var strategy = Exponential(clock, 2, 6, 2.0, 80, 0, 3);

        for (int round = 0; round < 10; round++)
        {
            AssertMerged(clock, strategy, expectedBackoffMs: 2);
            clock.AdvanceMillis(1);
            AssertMerged(clock, strategy, expectedBackoffMs: 4);
            clock.AdvanceMillis(1);
            AssertMerged(clock, strategy, expectedBackoffMs: 6);
            clock.AdvanceMillis(80);
        }
    }

    /// <summary>At every millisecond until the restart, ten failures arrive; only the very first is a new attempt.</summary>
    private static void AssertMerged(ManualClock clock, ExponentialDelayRestartBackoffTimeStrategy strategy, long expectedBackoffMs)
    {
        bool expectNewAttempt = true;
        for (int elapsed = 0; elapsed < expectedBackoffMs; elapsed++)
        {
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(expectNewAttempt, strategy.NotifyFailure(Failure));
                expectNewAttempt = false;
                Assert.True(strategy.CanRestart());
                Assert.Equal(expectedBackoffMs - elapsed, BackoffMs(strategy));
            }

            clock.AdvanceMillis(1);
        }

        // At the scheduled restart time itself a failure is still merged.
        Assert.False(strategy.NotifyFailure(Failure));
        Assert.Equal(0, BackoffMs(strategy));
    }

    [Fact]
    public void ExponentialDelay_AttemptsBeforeReset_AllowsThatManyRestarts()
    {
        // Flink's testMaxAttempts: attempts = 13 allows 13 restarts; the 14th new attempt is terminal.
        var clock = new ManualClock();
        var strategy = Exponential(clock, 1, 3, 1.2, 10, 0.25, 13);

        for (int i = 0; i < 13; i++)
        {
            Assert.True(strategy.CanRestart());
            Assert.True(strategy.NotifyFailure(Failure));
            Assert.True(strategy.CanRestart());
            clock.AdvanceMillis(4);
        }

        Assert.True(strategy.NotifyFailure(Failure));
        Assert.False(strategy.CanRestart());
    }

    [Fact]
    public void ExponentialDelay_AttemptsCountResetsWithTheBackoff()
    {
        var clock = new ManualClock();
        var strategy = Exponential(clock, 10, 100, 2.0, 1000, 0, 2);

        strategy.NotifyFailure(Failure);
        clock.AdvanceMillis(11);
        strategy.NotifyFailure(Failure);
        Assert.True(strategy.CanRestart());
        clock.AdvanceMillis(21);
        strategy.NotifyFailure(Failure);
        Assert.False(strategy.CanRestart());  // third attempt within the threshold

        var fresh = Exponential(clock, 10, 100, 2.0, 1000, 0, 2);
        fresh.NotifyFailure(Failure);
        clock.AdvanceMillis(11);
        fresh.NotifyFailure(Failure);
        clock.AdvanceMillis(20 + 1000);        // a quiet period of the threshold after the restart
        Assert.True(fresh.NotifyFailure(Failure));
        Assert.True(fresh.CanRestart());
        Assert.Equal(1, fresh.CurrentRestartAttempt);
        Assert.Equal(10, BackoffMs(fresh));
    }

    [Fact]
    public void ExponentialDelay_WorksWithAWallClockLikeTime()
    {
        var clock = new ManualClock(startMillis: 1_750_000_000_000);
        var strategy = Exponential(clock, 1000, 60_000, 1.5, 3_600_000, 0, int.MaxValue);

        Assert.True(strategy.NotifyFailure(Failure));
        Assert.Equal(1000, BackoffMs(strategy));
        Assert.Equal(1, strategy.CurrentRestartAttempt);
        Assert.EndsWith("currentRestartAttempt=1, nextRestartTimestamp=1750000001000)", strategy.ToString());
    }

    // ---- constructor validation ----

    public static TheoryData<string, Func<object>> InvalidArguments => new()
    {
        { "Maximum number of restart attempts must be at least 0.", () => new FixedDelayRestartBackoffTimeStrategy(-1, TimeSpan.Zero) },
        { "Backoff time between restart attempts must be at least 0 ms.", () => new FixedDelayRestartBackoffTimeStrategy(1, Ms(-1)) },
        { "Backoff time between restart attempts must be at least 0 ms.", () => new FixedDelayRestartBackoffTimeStrategy(1, TimeSpan.FromTicks(-1)) },
        { "Maximum number of restart attempts per time unit must be greater than 0.", () => new FailureRateRestartBackoffTimeStrategy(0, Ms(1), Ms(1)) },
        { "Failures interval must be greater than 0 ms.", () => new FailureRateRestartBackoffTimeStrategy(1, TimeSpan.Zero, Ms(1)) },
        { "Failures interval must be greater than 0 ms.", () => new FailureRateRestartBackoffTimeStrategy(1, TimeSpan.FromTicks(9_999), Ms(1)) },
        { "Backoff time must be at least 0 ms.", () => new FailureRateRestartBackoffTimeStrategy(1, Ms(1), Ms(-5)) },
        { "Initial backoff must be at least 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(TimeSpan.Zero, Ms(10), 2, Ms(10), 0, 1) },
        { "Initial backoff must be at least 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(TimeSpan.FromTicks(9_999), Ms(10), 2, Ms(10), 0, 1) },
        { "Maximum backoff must be at least 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), TimeSpan.Zero, 2, Ms(10), 0, 1) },
        { "Backoff multiplier must be greater than 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), Ms(10), 1, Ms(10), 0, 1) },
        { "Backoff multiplier must be greater than 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), Ms(10), double.NaN, Ms(10), 0, 1) },
        { "Threshold duration for exponential backoff reset must be at least 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), Ms(10), 2, TimeSpan.Zero, 0, 1) },
        { "Jitter factor must be >= 0 and <= 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), Ms(10), 2, Ms(10), -0.01, 1) },
        { "Jitter factor must be >= 0 and <= 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), Ms(10), 2, Ms(10), 1.01, 1) },
        { "Jitter factor must be >= 0 and <= 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), Ms(10), 2, Ms(10), double.NaN, 1) },
        { "The attemptsBeforeResetBackoff must be at least 1.", () => new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), Ms(10), 2, Ms(10), 0, 0) },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public void Constructors_RejectOutOfRangeValues_WithFlinksMessages(string flinkMessage, Func<object> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.StartsWith(flinkMessage, error.Message);
        Assert.NotNull(error.ParamName);
    }

    [Fact]
    public void ExponentialDelay_RejectsInitialAboveMax_WithFlinksMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExponentialDelayRestartBackoffTimeStrategy(Ms(11), Ms(10), 2, Ms(10), 0, 1));
        Assert.StartsWith("Initial backoff cannot be higher than maximum backoff.", error.Message);
        Assert.Equal("initialBackoff", error.ParamName);
    }

    [Fact]
    public void Constructors_AcceptTheBoundaryValues()
    {
        Assert.NotNull(new FixedDelayRestartBackoffTimeStrategy(0, TimeSpan.Zero));
        Assert.NotNull(new FailureRateRestartBackoffTimeStrategy(1, Ms(1), TimeSpan.Zero));
        Assert.NotNull(new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), Ms(1), 1.000001, Ms(1), 0, 1));
        Assert.NotNull(new ExponentialDelayRestartBackoffTimeStrategy(Ms(1), Ms(1), 2, Ms(1), 1, int.MaxValue));
    }

    [Fact]
    public void NotifyFailure_RejectsANullCause()
    {
        Assert.Throws<ArgumentNullException>(() => new FixedDelayRestartBackoffTimeStrategy(1, Ms(1)).NotifyFailure(null!));
        Assert.Throws<ArgumentNullException>(() => Exponential(new ManualClock(), 1, 2, 2, 1, 0, 1).NotifyFailure(null!));
    }

    // ---- ToString ----

    [Fact]
    public void ToString_PrintsLikeFlink()
    {
        Assert.Equal(
            "FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3, backoffTimeMS=1000)",
            new FixedDelayRestartBackoffTimeStrategy(3, TimeSpan.FromSeconds(1)).ToString());
        Assert.Equal(
            "FailureRateRestartBackoffTimeStrategy(FailureRateRestartBackoffTimeStrategy(failuresIntervalMS=60000,backoffTimeMS=1000,maxFailuresPerInterval=1)",
            new FailureRateRestartBackoffTimeStrategy(1, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1)).ToString());
        Assert.Equal(
            "ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=1000, maxBackoffMS=60000, backoffMultiplier=1.5, resetBackoffThresholdMS=3600000, jitterFactor=0.1, attemptsBeforeResetBackoff=2147483647, currentRestartAttempt=0, nextRestartTimestamp=-2147483648)",
            new ExponentialDelayRestartBackoffTimeStrategy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), 1.5, TimeSpan.FromHours(1), 0.1, int.MaxValue).ToString());
    }

    [Fact]
    public void ExponentialDelay_ToString_PrintsDoublesAsJava_AndTracksState()
    {
        var clock = new ManualClock();
        var strategy = Exponential(clock, 2, 6, 2.0, 80, 0, 3);
        Assert.Equal(
            "ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=2, maxBackoffMS=6, backoffMultiplier=2.0, resetBackoffThresholdMS=80, jitterFactor=0.0, attemptsBeforeResetBackoff=3, currentRestartAttempt=0, nextRestartTimestamp=-2147483648)",
            strategy.ToString());

        clock.AdvanceMillis(100);
        strategy.NotifyFailure(Failure);
        Assert.EndsWith("currentRestartAttempt=1, nextRestartTimestamp=102)", strategy.ToString());

        Assert.Contains("jitterFactor=1.0E-4,", Exponential(clock, 1, 2, 1.25, 1, 0.0001, 1).ToString());
        Assert.Contains("backoffMultiplier=1.0E7,", Exponential(clock, 1, 2, 1e7, 1, 1, 1).ToString());
        Assert.Contains("backoffMultiplier=1.25, resetBackoffThresholdMS=1, jitterFactor=1.0,", Exponential(clock, 1, 2, 1.25, 1, 1, 1).ToString());
    }

    // ---- factory ----

    [Fact]
    public void Factory_WithoutCheckpointingAndNothingSet_DoesNotRestart()
    {
        var config = new FlinkConfiguration();

        Assert.Same(NoRestartBackoffTimeStrategy.Instance, RestartStrategyFactory.Create(config));
    }

    [Fact]
    public void Factory_WithCheckpointingAndNothingSet_UsesExponentialDelayWithFlinksDefaults()
    {
        var config = new FlinkConfiguration();
        config.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(10);

        var strategy = Assert.IsType<ExponentialDelayRestartBackoffTimeStrategy>(RestartStrategyFactory.Create(config));
        Assert.Equal(TimeSpan.FromSeconds(1), strategy.InitialBackoff);
        Assert.Equal(TimeSpan.FromMinutes(1), strategy.MaxBackoff);
        Assert.Equal(1.5, strategy.BackoffMultiplier);
        Assert.Equal(TimeSpan.FromHours(1), strategy.ResetBackoffThreshold);
        Assert.Equal(0.1, strategy.JitterFactor);
        Assert.Equal(int.MaxValue, strategy.AttemptsBeforeResetBackoff);
        Assert.Equal(
            "ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=1000, maxBackoffMS=60000, backoffMultiplier=1.5, resetBackoffThresholdMS=3600000, jitterFactor=0.1, attemptsBeforeResetBackoff=2147483647, currentRestartAttempt=0, nextRestartTimestamp=-2147483648)",
            strategy.ToString());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("off")]
    [InlineData("disable")]
    public void Factory_ExplicitNone_WinsOverTheCheckpointingDefault(string value)
    {
        var config = new FlinkConfiguration().Set("restart-strategy.type", value);
        config.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(10);

        Assert.Same(NoRestartBackoffTimeStrategy.Instance, RestartStrategyFactory.Create(config));
    }

    [Fact]
    public void Factory_FixedDelay_DefaultsToOneRestartAfterOneSecond()
    {
        var config = new FlinkConfiguration().Set("restart-strategy.type", "fixed-delay");

        var strategy = Assert.IsType<FixedDelayRestartBackoffTimeStrategy>(RestartStrategyFactory.Create(config));
        Assert.Equal("FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=1, backoffTimeMS=1000)", strategy.ToString());
        Assert.True(strategy.NotifyFailure(Failure));
        Assert.True(strategy.CanRestart());
        Assert.True(strategy.NotifyFailure(Failure));
        Assert.False(strategy.CanRestart());
    }

    [Fact]
    public void Factory_FixedDelay_UsesTheConfiguredOptions()
    {
        var config = new FlinkConfiguration()
            .Set("restart-strategy.type", "fixed-delay")
            .Set("restart-strategy.fixed-delay.attempts", "3")
            .Set("restart-strategy.fixed-delay.delay", "10 s");

        Assert.Equal(
            "FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3, backoffTimeMS=10000)",
            RestartStrategyFactory.Create(config).ToString());
    }

    [Fact]
    public void Factory_FailureRate_UsesDefaultsThenTypedOptions_AndTheGivenClock()
    {
        var config = new FlinkConfiguration();
        config.RestartStrategy.Type = RestartStrategyType.FailureRate;
        Assert.Equal(
            "FailureRateRestartBackoffTimeStrategy(FailureRateRestartBackoffTimeStrategy(failuresIntervalMS=60000,backoffTimeMS=1000,maxFailuresPerInterval=1)",
            RestartStrategyFactory.Create(config).ToString());

        config.RestartStrategy.FailureRate.MaxFailuresPerInterval = 2;
        config.RestartStrategy.FailureRate.FailureRateInterval = TimeSpan.FromSeconds(5);
        config.RestartStrategy.FailureRate.Delay = Ms(250);
        var clock = new ManualClock();
        var strategy = Assert.IsType<FailureRateRestartBackoffTimeStrategy>(RestartStrategyFactory.Create(config, clock));
        Assert.Equal(2, strategy.MaxFailuresPerInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), strategy.FailuresInterval);
        Assert.Equal(Ms(250), strategy.GetBackoffTime());

        strategy.NotifyFailure(Failure);
        strategy.NotifyFailure(Failure);
        strategy.NotifyFailure(Failure);
        Assert.False(strategy.CanRestart());
        clock.AdvanceMillis(5_001);
        Assert.True(strategy.CanRestart());
    }

    [Fact]
    public void Factory_ExponentialDelay_UsesTheConfiguredOptions_ClockAndRandom()
    {
        var config = new FlinkConfiguration()
            .Set("restart-strategy.type", "exponential-delay")
            .Set("restart-strategy.exponential-delay.initial-backoff", "100 ms")
            .Set("restart-strategy.exponential-delay.max-backoff", "1 s")
            .Set("restart-strategy.exponential-delay.backoff-multiplier", "2.0")
            .Set("restart-strategy.exponential-delay.reset-backoff-threshold", "10 s")
            .Set("restart-strategy.exponential-delay.jitter-factor", "0")
            .Set("restart-strategy.exponential-delay.attempts-before-reset-backoff", "4");

        var clock = new ManualClock();
        var strategy = Assert.IsType<ExponentialDelayRestartBackoffTimeStrategy>(RestartStrategyFactory.Create(config, clock));
        Assert.Equal(
            "ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=100, maxBackoffMS=1000, backoffMultiplier=2.0, resetBackoffThresholdMS=10000, jitterFactor=0.0, attemptsBeforeResetBackoff=4, currentRestartAttempt=0, nextRestartTimestamp=-2147483648)",
            strategy.ToString());

        var delays = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(strategy.NotifyFailure(Failure));
            delays.Add(BackoffMs(strategy));
            clock.AdvanceMillis(delays[^1] + 1);
        }

        Assert.Equal([100L, 200L, 400L, 800L, 1000L], delays);
        Assert.False(strategy.CanRestart());

        // The same seed through the factory gives the same jittered delays.
        config.RestartStrategy.ExponentialDelay.JitterFactor = 0.5;
        static long FirstTwo(FlinkConfiguration config, int seed)
        {
            var clock = new ManualClock();
            var strategy = RestartStrategyFactory.Create(config, clock, new Random(seed));
            strategy.NotifyFailure(Failure);
            long first = BackoffMs(strategy);
            clock.AdvanceMillis(first + 1);
            strategy.NotifyFailure(Failure);
            return (first * 10_000) + BackoffMs(strategy);
        }

        Assert.Equal(FirstTwo(config, 5), FirstTwo(config, 5));
    }

    [Fact]
    public void Factory_CheckpointingDisabledAgain_FallsBackToNoRestart()
    {
        var config = new FlinkConfiguration();
        config.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(1);
        Assert.IsType<ExponentialDelayRestartBackoffTimeStrategy>(RestartStrategyFactory.Create(config));

        config.Checkpointing.DisableCheckpointing();
        Assert.Same(NoRestartBackoffTimeStrategy.Instance, RestartStrategyFactory.Create(config));
    }

    [Fact]
    public void Factory_CreatesAFreshStrategyEachTime()
    {
        var config = new FlinkConfiguration().Set("restart-strategy.type", "fixed-delay");
        var first = RestartStrategyFactory.Create(config);
        first.NotifyFailure(Failure);
        first.NotifyFailure(Failure);

        var second = RestartStrategyFactory.Create(config);
        Assert.NotSame(first, second);
        Assert.False(first.CanRestart());
        Assert.True(second.CanRestart());
    }
}
