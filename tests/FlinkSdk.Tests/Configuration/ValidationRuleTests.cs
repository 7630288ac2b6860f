using System.Reflection;
using FlinkSdk.Configuration;

namespace FlinkSdk.Tests.Configuration;

/// <summary>
/// Every range and cross-option rule of <see cref="ConfigurationValidator"/>, checked through
/// <see cref="FlinkConfiguration"/> with Flink keys: one failing configuration and the minimal change that
/// fixes it, plus Flink's ordering subtleties, all-problems-at-once reporting and the rule catalog itself.
/// </summary>
public class ValidationRuleTests
{
    // Flink keys, spelled out so that a renamed catalog key breaks these tests.
    private const string Interval = "execution.checkpointing.interval";
    private const string BacklogInterval = "execution.checkpointing.interval-during-backlog";
    private const string Mode = "execution.checkpointing.mode";
    private const string Timeout = "execution.checkpointing.timeout";
    private const string MaxConcurrent = "execution.checkpointing.max-concurrent-checkpoints";
    private const string MinPause = "execution.checkpointing.min-pause";
    private const string TolerableFailures = "execution.checkpointing.tolerable-failed-checkpoints";
    private const string Retention = "execution.checkpointing.externalized-checkpoint-retention";
    private const string Unaligned = "execution.checkpointing.unaligned.enabled";
    private const string AlignedTimeout = "execution.checkpointing.aligned-checkpoint-timeout";
    private const string UnalignedForced = "execution.checkpointing.unaligned.forced";
    private const string SubtasksPerChannelStateFile = "execution.checkpointing.unaligned.max-subtasks-per-channel-state-file";
    private const string ForceCheckpointing = "execution.checkpointing.force";
    private const string Storage = "execution.checkpointing.storage";
    private const string Directory = "execution.checkpointing.dir";
    private const string NumRetained = "execution.checkpointing.num-retained";
    private const string InlineThreshold = "execution.checkpointing.data-inline-threshold";
    private const string WriteBufferSize = "execution.checkpointing.write-buffer-size";
    private const string FileMergingSubtasksPerFile = "execution.checkpointing.file-merging.max-subtasks-per-file";
    private const string ApproximateLocalRecovery = "execution.state-recovery.approximate-local-recovery";
    private const string Parallelism = "parallelism.default";
    private const string MaxParallelism = "pipeline.max-parallelism";
    private const string StateBackend = "state.backend.type";
    private const string RestartType = "restart-strategy.type";
    private const string FixedDelayAttempts = "restart-strategy.fixed-delay.attempts";
    private const string FixedDelayDelay = "restart-strategy.fixed-delay.delay";
    private const string FailureRateMaxFailures = "restart-strategy.failure-rate.max-failures-per-interval";
    private const string FailureRateInterval = "restart-strategy.failure-rate.failure-rate-interval";
    private const string FailureRateDelay = "restart-strategy.failure-rate.delay";
    private const string InitialBackoff = "restart-strategy.exponential-delay.initial-backoff";
    private const string MaxBackoff = "restart-strategy.exponential-delay.max-backoff";
    private const string BackoffMultiplier = "restart-strategy.exponential-delay.backoff-multiplier";
    private const string ResetBackoffThreshold = "restart-strategy.exponential-delay.reset-backoff-threshold";
    private const string JitterFactor = "restart-strategy.exponential-delay.jitter-factor";
    private const string AttemptsBeforeReset = "restart-strategy.exponential-delay.attempts-before-reset-backoff";

    // Flink's own messages (StreamingJobGraphGenerator.preValidate, FileSystemCheckpointStorage.createFromConfig).
    private const string IterationsMessage =
        "Checkpointing is currently not supported by default for iterative jobs, as we cannot guarantee exactly once semantics. " +
        "State checkpoints happen normally, but records in-transit during the snapshot will be lost upon failure. \n" +
        "The user can force enable state checkpoints with the reduced guarantees by calling: env.enableCheckpointing(interval,true)";

    private const string UnalignedIterationsMessage =
        "Unaligned Checkpoints are currently not supported for iterative jobs, as rescaling would require alignment " +
        "(in addition to the reduced checkpointing guarantees).\nThe user can force Unaligned Checkpoints by using 'execution.checkpointing.unaligned.forced'";

    private const string UnalignedCustomPartitionerMessage =
        "Unaligned checkpoints are currently not supported for custom partitioners, as rescaling is not guaranteed to work correctly." +
        "\nThe user can force Unaligned Checkpoints by using 'execution.checkpointing.unaligned.forced'";

    private const string FilesystemWithoutDirectoryMessage =
        "Cannot create the file system state backend: The configuration does not specify the checkpoint directory 'execution.checkpointing.dir'";

    private const string BacklogBelowIntervalMessage =
        "Checkpoint interval during backlog must be larger than or equal to that in normal situation";

    private static readonly Dictionary<string, RuleCase> Cases = BuildCases();

    /// <summary>The names of all rule cases, for the theories.</summary>
    public static TheoryData<string> CaseNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string name in Cases.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(name);
            }

            return data;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // One failing and one passing configuration per rule.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void FailingConfigurationReportsTheRule(string caseName)
    {
        RuleCase c = Cases[caseName];

        var problems = c.Failing().Validate(c.HasIterations, c.HasCustomPartitioner);

        // Each failing configuration is minimal: exactly one problem, of the rule under test.
        ConfigurationProblem problem = Assert.Single(problems);
        Assert.Equal(c.RuleId, problem.RuleId);
        Assert.Equal(c.Severity, problem.Severity);
        Assert.Equal(Descriptor(c.RuleId).Severity, problem.Severity);
        Assert.Equal(c.Keys, problem.Keys);
        foreach (string part in c.MessageParts)
        {
            Assert.Contains(part, problem.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MinimallyChangedConfigurationPasses(string caseName)
    {
        RuleCase c = Cases[caseName];

        var problems = c.Passing().Validate(c.HasIterations, c.HasCustomPartitioner);

        Assert.DoesNotContain(problems, p => p.RuleId == c.RuleId);
        Assert.Empty(problems);
    }

    [Fact]
    public void EveryValidatorRuleHasAFailingAndAPassingCase()
    {
        string[] expected =
        [
            "FLK0001", "FLK0002", "FLK0003", "FLK0004", "FLK0005", "FLK0006", "FLK0007", "FLK0008", "FLK0009", "FLK0010",
            "FLK0011", "FLK0012", "FLK0013", "FLK0014",
            "FLK0020", "FLK0021", "FLK0022", "FLK0023", "FLK0024", "FLK0025", "FLK0026", "FLK0027", "FLK0028", "FLK0029",
            "FLK0030", "FLK0031", "FLK0032",
            "FLK0040", "FLK0041",
        ];

        var validatorRules = Rules.All.Select(r => r.Id).Where(id => string.CompareOrdinal(id, "FLK0100") < 0).Order(StringComparer.Ordinal);
        var covered = Cases.Values.Select(c => c.RuleId).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(expected, validatorRules);
        Assert.Equal(expected, covered);
    }

    // ---------------------------------------------------------------------------------------------
    // Flink's subtleties.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void UnalignedWithAtLeastOnceAndTwoConcurrentCheckpointsOnlyWarns()
    {
        // Flink's preValidate switches unaligned checkpoints off for AT_LEAST_ONCE before the coordinator
        // configuration checks "maxConcurrentCheckpoints can't be > 1 if UnalignedCheckpoints enabled".
        var config = Config((Interval, "10 s"), (Unaligned, "true"), (Mode, "AT_LEAST_ONCE"), (MaxConcurrent, "2"));

        var problems = config.Validate();

        var problem = Assert.Single(problems);
        Assert.Equal("FLK0023", problem.RuleId);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.DoesNotContain(problems, p => p.RuleId == "FLK0020");
        Assert.Equal(["FLK0023"], config.ThrowIfInvalid().Select(p => p.RuleId));
    }

    [Fact]
    public void UnalignedWithCheckpointingDisabledWarnsAndIgnoresConcurrentCheckpoints()
    {
        // With checkpointing off the effective mode is AT_LEAST_ONCE, so unaligned checkpoints are switched off
        // and neither R1 (FLK0023) nor R2 (FLK0020) applies; the setting simply has no effect.
        var config = Config((Unaligned, "true"), (MaxConcurrent, "2"));

        var problems = config.Validate();

        var problem = Assert.Single(problems);
        Assert.Equal("FLK0027", problem.RuleId);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.DoesNotContain(problems, p => p.RuleId == "FLK0020");
        Assert.DoesNotContain(problems, p => p.RuleId == "FLK0023");
    }

    [Fact]
    public void JobGraphChecksDoNotApplyWithCheckpointingDisabled()
    {
        // preValidate checks R3, R4 and R5 only inside `if (checkpointConfig.isCheckpointingEnabled())`.
        var config = Config((Unaligned, "true"));

        var problems = config.Validate(hasIterations: true, hasCustomPartitioner: true);

        Assert.Equal(["FLK0027"], problems.Select(p => p.RuleId));
        Assert.Empty(new FlinkConfiguration().Validate(hasIterations: true, hasCustomPartitioner: true));
    }

    [Fact]
    public void UnalignedWithAtLeastOnceStillRejectsCustomPartitionerWithoutForce()
    {
        // In preValidate the custom-partitioner check (R5) runs on the configured unaligned flag, before
        // unaligned checkpoints are switched off for AT_LEAST_ONCE (R1), so Flink throws R5 here.
        var config = Config((Interval, "10 s"), (Unaligned, "true"), (Mode, "AT_LEAST_ONCE"));

        var problems = config.Validate(hasCustomPartitioner: true);

        var problem = Assert.Single(problems, p => p.RuleId == "FLK0025");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains(UnalignedCustomPartitionerMessage, problem.Message, StringComparison.Ordinal);
        Assert.Contains(problems, p => p.RuleId == "FLK0023");
    }

    [Fact]
    public void UnalignedWithAtLeastOnceStillRejectsIterationsWithoutForce()
    {
        // Same order in preValidate for iterations: R4 is checked before R1 disables unaligned checkpoints.
        var config = Config((Interval, "10 s"), (Unaligned, "true"), (Mode, "AT_LEAST_ONCE"), (ForceCheckpointing, "true"));

        var problems = config.Validate(hasIterations: true);

        var problem = Assert.Single(problems, p => p.RuleId == "FLK0024");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains(UnalignedIterationsMessage, problem.Message, StringComparison.Ordinal);
        Assert.Contains(problems, p => p.RuleId == "FLK0023");
    }

    [Fact]
    public void IterationsWithoutForceAndUnalignedNotForcedReportBothErrors()
    {
        var config = Config((Interval, "10 s"), (Unaligned, "true"));

        var problems = config.Validate(hasIterations: true);

        Assert.Equal(["FLK0022", "FLK0024"], problems.Select(p => p.RuleId));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0 ms")]
    [InlineData("PT0S")]
    public void IntervalDuringBacklogZeroIsValid(string backlog)
    {
        // 0 disables checkpoints during backlog; Flink normalises it to "disabled", never below the interval.
        Assert.Empty(Config((Interval, "10 s"), (BacklogInterval, backlog)).Validate());
        Assert.Empty(Config((BacklogInterval, backlog)).Validate());
    }

    [Fact]
    public void IntervalDuringBacklogWithCheckpointingDisabledIsRejected()
    {
        // CheckpointConfig.getCheckpointIntervalDuringBacklog() (called unconditionally when the job's checkpointing
        // settings are built) normalises the unset interval (-1) to Long.MAX_VALUE, while an explicit backlog interval
        // >= 10 ms stays as it is, so 5 s < MAX throws "Checkpoint interval during backlog must be larger than or
        // equal to that in normal situation." at job submission.
        var config = Config((BacklogInterval, "5 s"));

        var problems = config.Validate();

        var problem = Assert.Single(problems);
        Assert.Equal("FLK0007", problem.RuleId);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal([BacklogInterval, Interval], problem.Keys);
        Assert.Contains(BacklogBelowIntervalMessage, problem.Message, StringComparison.Ordinal);
        Assert.Contains("'execution.checkpointing.interval-during-backlog' is 5 s", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RestartOptionsOfAnUnusedStrategyWarnAndAreNotRangeChecked()
    {
        // Checkpointing is off and no type is set: the strategy in effect is "none"; out-of-range values of the
        // fixed-delay strategy are never read by Flink.
        var config = Config((FixedDelayAttempts, "-5"), (FixedDelayDelay, "0 ms"));

        var problems = config.Validate();

        Assert.Equal(["FLK0040", "FLK0040"], problems.Select(p => p.RuleId));
        Assert.DoesNotContain(problems, p => p.RuleId == "FLK0041");
        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Equal([FixedDelayAttempts, RestartType], problems[0].Keys);
        Assert.Equal([FixedDelayDelay, RestartType], problems[1].Keys);
        Assert.Contains("the restart strategy in effect is none (the default)", problems[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(config.ThrowIfInvalid(), p => p.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void ExponentialDelayOptionsAreIgnoredUnderAnExplicitFixedDelayStrategy()
    {
        var config = Config((RestartType, "fixed-delay"), (BackoffMultiplier, "0.5"), (JitterFactor, "7"));

        var problems = config.Validate();

        Assert.Equal(["FLK0040", "FLK0040"], problems.Select(p => p.RuleId));
        Assert.Equal([BackoffMultiplier, RestartType], problems[0].Keys);
        Assert.Equal([JitterFactor, RestartType], problems[1].Keys);
        Assert.Contains(
            "'restart-strategy.exponential-delay.backoff-multiplier' only applies to the exponential-delay restart strategy, " +
            "but the restart strategy in effect is fixed-delay; the value is ignored.",
            problems[0].Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRestartStrategyWithCheckpointingIsExponentialDelayAndRangeChecked()
    {
        // Flink's default with checkpointing enabled is exponential-delay: its options are in use and checked,
        // while fixed-delay options are ignored.
        var config = Config((Interval, "10 s"), (BackoffMultiplier, "0.5"), (FixedDelayAttempts, "3"));

        var problems = config.Validate();

        Assert.Equal(["FLK0040", "FLK0041"], problems.Select(p => p.RuleId));
        Assert.Contains("the restart strategy in effect is exponential-delay (the default)", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("Backoff multiplier must be greater than 1.", problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("'restart-strategy.exponential-delay.backoff-multiplier' is 0.5", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnalignedCheckpointsOfTheExactlyOnceDefaultStillRejectConcurrentCheckpoints()
    {
        // The mode is not set: EXACTLY_ONCE is Flink's default, so unaligned checkpoints stay on and R2 applies.
        var config = Config((Interval, "1 min"), (MaxConcurrent, "3"), (Unaligned, "TRUE"));

        var problem = Assert.Single(config.Validate());

        Assert.Equal("FLK0020", problem.RuleId);
        Assert.Contains("'execution.checkpointing.max-concurrent-checkpoints' is 3", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FileSystem")]
    [InlineData(" filesystem ")]
    public void FilesystemStorageNameIsMatchedCaseInsensitively(string storage)
    {
        // CheckpointStorageLoader lower-cases the configured name.
        var problem = Assert.Single(Config((Storage, storage)).Validate());

        Assert.Equal("FLK0028", problem.RuleId);
        Assert.Contains(FilesystemWithoutDirectoryMessage, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeprecatedDirectoryKeySatisfiesFilesystemStorage()
    {
        var problems = Config((Storage, "filesystem"), ("state.checkpoints.dir", "file:///tmp/checkpoints")).Validate();

        Assert.Equal(["FLK0102"], problems.Select(p => p.RuleId));
    }

    [Fact]
    public void NegativeDurationsCannotBeWrittenInFlinkNotation()
    {
        // Flink's duration notation has no sign, so a negative pause or restart delay can only come from code
        // (which the analyzers see); the configuration text is rejected while loading and nothing is set.
        var config = new FlinkConfiguration();

        var exception = Assert.Throws<FlinkConfigurationException>(() => config.Set(MinPause, "-1 s"));

        Assert.Equal("FLK0101", Assert.Single(exception.Problems).RuleId);
        Assert.False(config.IsSet(FlinkOptions.MinPauseBetweenCheckpoints));
        Assert.Empty(config.Validate());
    }

    // ---------------------------------------------------------------------------------------------
    // All problems at once, clean defaults, ThrowIfInvalid.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void ThreeErrorsInOneYamlFileAreAllReportedWithTheirLines()
    {
        const string yaml = """
            execution:
              checkpointing:
                interval: 10 s
                timeout: 5 ms
                tolerable-failed-checkpoints: -1
            pipeline.max-parallelism: 0
            """;
        var config = new FlinkConfiguration().AddYaml(yaml, "config.yaml");

        var problems = config.Validate();

        Assert.Collection(
            problems,
            p =>
            {
                Assert.Equal("FLK0002", p.RuleId);
                Assert.Equal("file config.yaml:4", p.Location);
                Assert.Equal([Timeout], p.Keys);
                Assert.Contains("'execution.checkpointing.timeout' is 5 ms", p.Message, StringComparison.Ordinal);
            },
            p =>
            {
                Assert.Equal("FLK0005", p.RuleId);
                Assert.Equal("file config.yaml:5", p.Location);
                Assert.Equal([TolerableFailures], p.Keys);
                Assert.Contains("'execution.checkpointing.tolerable-failed-checkpoints' is -1", p.Message, StringComparison.Ordinal);
            },
            p =>
            {
                Assert.Equal("FLK0012", p.RuleId);
                Assert.Equal("file config.yaml:6", p.Location);
                Assert.Equal([MaxParallelism], p.Keys);
                Assert.Contains("'pipeline.max-parallelism' is 0", p.Message, StringComparison.Ordinal);
            });
        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Error, p.Severity));
    }

    [Fact]
    public void CrossOptionProblemIsLocatedAtTheKeyToChange()
    {
        const string yaml = """
            execution.checkpointing.interval: 10 s
            execution.checkpointing.unaligned.enabled: true
            execution.checkpointing.mode: AT_LEAST_ONCE
            execution.checkpointing.storage: filesystem
            """;
        var problems = new FlinkConfiguration().AddYaml(yaml, "config.yaml").Validate();

        Assert.Collection(
            problems,
            p =>
            {
                Assert.Equal("FLK0023", p.RuleId);
                Assert.Equal("file config.yaml:2", p.Location);
            },
            p =>
            {
                // The directory (first key) is not set anywhere, so the location is that of the storage key.
                Assert.Equal("FLK0028", p.RuleId);
                Assert.Equal([Directory, Storage], p.Keys);
                Assert.Equal("file config.yaml:4", p.Location);
            });
    }

    [Fact]
    public void DefaultConfigurationHasNoProblems()
    {
        var config = new FlinkConfiguration();

        Assert.Empty(config.Validate());
        Assert.Empty(config.ThrowIfInvalid());
    }

    [Fact]
    public void ThrowIfInvalidListsEveryErrorAndNoWarning()
    {
        var config = Config(
            (Interval, "10 s"),
            (Timeout, "5 ms"),
            (MaxConcurrent, "2"),
            (Unaligned, "true"),
            (NumRetained, "0"),
            (StateBackend, "rocksdb"));

        var exception = Assert.Throws<FlinkConfigurationException>(() => config.ThrowIfInvalid());

        Assert.Equal(["FLK0002", "FLK0008", "FLK0020"], exception.Problems.Select(p => p.RuleId));
        Assert.All(exception.Problems, p => Assert.Equal(ProblemSeverity.Error, p.Severity));
        Assert.StartsWith("Invalid FlinkSdk configuration (3 problems):", exception.Message, StringComparison.Ordinal);
        Assert.Contains("error FLK0002: Checkpoint timeout must be larger than or equal to 10 ms", exception.Message, StringComparison.Ordinal);
        Assert.Contains("error FLK0008: Must retain at least one checkpoint", exception.Message, StringComparison.Ordinal);
        Assert.Contains("error FLK0020: maxConcurrentCheckpoints can't be > 1 if UnalignedCheckpoints enabled", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("FLK0032", exception.Message, StringComparison.Ordinal);

        // Validate still returns the warning alongside the errors.
        Assert.Equal(["FLK0002", "FLK0008", "FLK0020", "FLK0032"], config.Validate().Select(p => p.RuleId));
    }

    [Fact]
    public void ThrowIfInvalidWithASingleErrorNamesIt()
    {
        var config = Config((MaxConcurrent, "0"));

        var exception = Assert.Throws<FlinkConfigurationException>(() => config.ThrowIfInvalid());

        Assert.Equal("FLK0004", Assert.Single(exception.Problems).RuleId);
        Assert.StartsWith(
            "Invalid FlinkSdk configuration: error FLK0004: The maximum number of concurrent attempts must be at least one",
            exception.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalidReturnsWarningsWhenThereAreNoErrors()
    {
        var config = Config((StateBackend, "rocksdb"), (Storage, "s3"), (AlignedTimeout, "30 s"));

        var warnings = config.ThrowIfInvalid();

        Assert.Equal(["FLK0026", "FLK0030", "FLK0032"], warnings.Select(p => p.RuleId));
        Assert.All(warnings, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
    }

    [Fact]
    public void ThrowIfInvalidPassesGraphFactsToTheRules()
    {
        var config = Config((Interval, "10 s"), (Unaligned, "true"));

        Assert.Empty(config.ThrowIfInvalid());
        var exception = Assert.Throws<FlinkConfigurationException>(() => config.ThrowIfInvalid(hasCustomPartitioner: true));
        Assert.Equal("FLK0025", Assert.Single(exception.Problems).RuleId);
    }

    // ---------------------------------------------------------------------------------------------
    // The rule catalog.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void RuleIdsAreUniqueAndWellFormed()
    {
        var ids = Rules.All.Select(r => r.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(@"^FLK[0-9]{4}$", id));
        Assert.All(Rules.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Title), r.Id + " has no title"));
    }

    [Fact]
    public void RulesAllListsEveryDeclaredRule()
    {
        var declared = typeof(Rules)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(RuleDescriptor))
            .Select(f => (RuleDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(declared.Count, Rules.All.Count);
        Assert.All(declared, d => Assert.Contains(d, Rules.All));
    }

    [Fact]
    public void SeveritiesOfErrorsAndWarningsMatchTheRuleDescriptors()
    {
        string[] warnings = ["FLK0023", "FLK0026", "FLK0027", "FLK0030", "FLK0031", "FLK0032", "FLK0040", "FLK0102", "FLK0103"];

        Assert.Equal(warnings, Rules.All.Where(r => r.Severity == ProblemSeverity.Warning).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(
            Rules.All.Where(r => !warnings.Contains(r.Id)),
            r => Assert.Equal(ProblemSeverity.Error, r.Severity));

        // Every problem the validator produces carries its descriptor's severity.
        foreach (RuleCase c in Cases.Values)
        {
            foreach (var problem in c.Failing().Validate(c.HasIterations, c.HasCustomPartitioner))
            {
                Assert.Equal(Descriptor(problem.RuleId).Severity, problem.Severity);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The cases.
    // ---------------------------------------------------------------------------------------------

    private static Dictionary<string, RuleCase> BuildCases()
    {
        const ProblemSeverity Error = ProblemSeverity.Error;
        const ProblemSeverity Warning = ProblemSeverity.Warning;
        var cases = new Dictionary<string, RuleCase>(StringComparer.Ordinal);

        void Add(string name, RuleCase c) => cases.Add(c.RuleId + " " + name, c);

        // ---- single-option ranges ----
        Add("interval 5 ms", new RuleCase(
            "FLK0001", Error, [Interval],
            ["Checkpoint interval must be larger than or equal to 10 ms", "'execution.checkpointing.interval' is 5 ms"],
            Settings((Interval, "5 ms")),
            Settings((Interval, "10 ms"))));

        Add("timeout 9 ms", new RuleCase(
            "FLK0002", Error, [Timeout],
            ["Checkpoint timeout must be larger than or equal to 10 ms", "'execution.checkpointing.timeout' is 9 ms"],
            Settings((Timeout, "9 ms")),
            Settings((Timeout, "10 ms"))));

        // Negative durations cannot be written in Flink's notation; they come from code (see NegativeDurationsCannotBeWrittenInFlinkNotation).
        Add("min-pause -1 s", new RuleCase(
            "FLK0003", Error, [MinPause],
            ["Pause value must be zero or positive", "'execution.checkpointing.min-pause' is -1 s"],
            SettingsAndCode(FlinkOptions.MinPauseBetweenCheckpoints, TimeSpan.FromSeconds(-1)),
            Settings((MinPause, "0 ms"))));

        Add("max-concurrent 0", new RuleCase(
            "FLK0004", Error, [MaxConcurrent],
            ["The maximum number of concurrent attempts must be at least one", "'execution.checkpointing.max-concurrent-checkpoints' is 0"],
            Settings((MaxConcurrent, "0")),
            Settings((MaxConcurrent, "1"))));

        Add("tolerable -1", new RuleCase(
            "FLK0005", Error, [TolerableFailures],
            ["The tolerable failure checkpoint number must be non-negative", "'execution.checkpointing.tolerable-failed-checkpoints' is -1"],
            Settings((TolerableFailures, "-1")),
            Settings((TolerableFailures, "0"))));

        Add("backlog 5 ms", new RuleCase(
            "FLK0006", Error, [BacklogInterval],
            ["Checkpoint interval must be zero or larger than or equal to 10 ms", "'execution.checkpointing.interval-during-backlog' is 5 ms"],
            Settings((Interval, "10 s"), (BacklogInterval, "5 ms")),
            Settings((Interval, "10 s"), (BacklogInterval, "0"))));

        Add("backlog below interval", new RuleCase(
            "FLK0007", Error, [BacklogInterval, Interval],
            [BacklogBelowIntervalMessage, "'execution.checkpointing.interval-during-backlog' is 5 s", "'execution.checkpointing.interval' is 10 s"],
            Settings((Interval, "10 s"), (BacklogInterval, "5 s")),
            Settings((Interval, "10 s"), (BacklogInterval, "10 s"))));

        Add("num-retained 0", new RuleCase(
            "FLK0008", Error, [NumRetained],
            ["Must retain at least one checkpoint", "'execution.checkpointing.num-retained' is 0"],
            Settings((NumRetained, "0")),
            Settings((NumRetained, "1"))));

        Add("inline threshold 2 mb", new RuleCase(
            "FLK0009", Error, [InlineThreshold],
            ["The threshold for file state size must be in [-1, 1048576]", "'execution.checkpointing.data-inline-threshold' is 2 mb"],
            Settings((InlineThreshold, "2 mb")),
            Settings((InlineThreshold, "1 mb"))));

        Add("write buffer -2", new RuleCase(
            "FLK0010", Error, [WriteBufferSize],
            [
                "The write buffer size must be not less than '-1', where '-1' means to use the value from the deployment's configuration",
                "'execution.checkpointing.write-buffer-size' is -2",
            ],
            Settings((WriteBufferSize, "-2")),
            Settings((WriteBufferSize, "-1"))));

        Add("channel state file subtasks 0", new RuleCase(
            "FLK0011", Error, [SubtasksPerChannelStateFile],
            ["'execution.checkpointing.unaligned.max-subtasks-per-channel-state-file' is 0"],
            Settings((SubtasksPerChannelStateFile, "0")),
            Settings((SubtasksPerChannelStateFile, "1"))));

        Add("file-merging subtasks 0", new RuleCase(
            "FLK0011", Error, [FileMergingSubtasksPerFile],
            ["'execution.checkpointing.file-merging.max-subtasks-per-file' is 0"],
            Settings((FileMergingSubtasksPerFile, "0")),
            Settings((FileMergingSubtasksPerFile, "1"))));

        Add("max-parallelism 0", new RuleCase(
            "FLK0012", Error, [MaxParallelism],
            ["Must be less than or equal to 32768", "'pipeline.max-parallelism' is 0"],
            Settings((MaxParallelism, "0")),
            Settings((MaxParallelism, "1"))));

        Add("max-parallelism 32769", new RuleCase(
            "FLK0012", Error, [MaxParallelism],
            ["Must be less than or equal to 32768", "'pipeline.max-parallelism' is 32769"],
            Settings((MaxParallelism, "32769")),
            Settings((MaxParallelism, "32768"))));

        Add("parallelism 0", new RuleCase(
            "FLK0013", Error, [Parallelism],
            ["Parallelism must be at least one", "'parallelism.default' is 0"],
            Settings((Parallelism, "0")),
            Settings((Parallelism, "1"))));

        Add("parallelism above max", new RuleCase(
            "FLK0014", Error, [MaxParallelism, Parallelism],
            ["'pipeline.max-parallelism' is 4", "'parallelism.default' is 8"],
            Settings((Parallelism, "8"), (MaxParallelism, "4")),
            Settings((Parallelism, "8"), (MaxParallelism, "8"))));

        // ---- cross-option rules ----
        Add("unaligned with 2 concurrent", new RuleCase(
            "FLK0020", Error, [MaxConcurrent, Unaligned],
            [
                "maxConcurrentCheckpoints can't be > 1 if UnalignedCheckpoints enabled",
                "'execution.checkpointing.max-concurrent-checkpoints' is 2",
                "'execution.checkpointing.unaligned.enabled' is true",
            ],
            Settings((Interval, "10 s"), (Unaligned, "true"), (MaxConcurrent, "2")),
            Settings((Interval, "10 s"), (Unaligned, "true"), (MaxConcurrent, "1"))));

        Add("min-pause with 2 concurrent", new RuleCase(
            "FLK0021", Error, [MaxConcurrent, MinPause],
            ["'execution.checkpointing.min-pause' is 1 s", "'execution.checkpointing.max-concurrent-checkpoints' is 2"],
            Settings((MinPause, "1 s"), (MaxConcurrent, "2")),
            Settings((MinPause, "1 s"), (MaxConcurrent, "1"))));

        Add("iterations without force", new RuleCase(
            "FLK0022", Error, [ForceCheckpointing],
            [IterationsMessage],
            Settings((Interval, "10 s")),
            Settings((Interval, "10 s"), (ForceCheckpointing, "true")),
            HasIterations: true));

        Add("unaligned with AT_LEAST_ONCE", new RuleCase(
            "FLK0023", Warning, [Unaligned, Mode],
            ["Unaligned checkpoints can only be used with checkpointing mode EXACTLY_ONCE", "'execution.checkpointing.mode' is AT_LEAST_ONCE"],
            Settings((Interval, "10 s"), (Unaligned, "true"), (Mode, "AT_LEAST_ONCE")),
            Settings((Interval, "10 s"), (Unaligned, "true"), (Mode, "EXACTLY_ONCE"))));

        Add("unaligned iterations not forced", new RuleCase(
            "FLK0024", Error, [UnalignedForced, Unaligned],
            [UnalignedIterationsMessage],
            Settings((Interval, "10 s"), (ForceCheckpointing, "true"), (Unaligned, "true")),
            Settings((Interval, "10 s"), (ForceCheckpointing, "true"), (Unaligned, "true"), (UnalignedForced, "true")),
            HasIterations: true));

        Add("unaligned custom partitioner not forced", new RuleCase(
            "FLK0025", Error, [UnalignedForced, Unaligned],
            [UnalignedCustomPartitionerMessage],
            Settings((Interval, "10 s"), (Unaligned, "true")),
            Settings((Interval, "10 s"), (Unaligned, "true"), (UnalignedForced, "true")),
            HasCustomPartitioner: true));

        Add("aligned timeout without unaligned", new RuleCase(
            "FLK0026", Warning, [AlignedTimeout, Unaligned],
            ["only relevant if 'execution.checkpointing.unaligned.enabled' is enabled", "'execution.checkpointing.aligned-checkpoint-timeout' is 30 s"],
            Settings((Interval, "10 s"), (AlignedTimeout, "30 s")),
            Settings((Interval, "10 s"), (AlignedTimeout, "30 s"), (Unaligned, "true"))));

        Add("unaligned without checkpointing", new RuleCase(
            "FLK0027", Warning, [Unaligned, Interval],
            ["'execution.checkpointing.unaligned.enabled' is true", "checkpointing is disabled because 'execution.checkpointing.interval' is not set"],
            Settings((Unaligned, "true")),
            Settings((Unaligned, "true"), (Interval, "10 s"))));

        Add("filesystem without directory", new RuleCase(
            "FLK0028", Error, [Directory, Storage],
            [FilesystemWithoutDirectoryMessage],
            Settings((Storage, "filesystem")),
            Settings((Storage, "filesystem"), (Directory, "file:///tmp/flink-checkpoints"))));

        Add("approximate recovery with unaligned", new RuleCase(
            "FLK0029", Error, [ApproximateLocalRecovery, Unaligned],
            [
                "Approximate Local Recovery and Unaligned Checkpoint can not be used together yet",
                "'execution.state-recovery.approximate-local-recovery' is true",
            ],
            Settings((Interval, "10 s"), (Unaligned, "true"), (ApproximateLocalRecovery, "true")),
            Settings((Interval, "10 s"), (Unaligned, "true"), (ApproximateLocalRecovery, "false"))));

        Add("unknown storage", new RuleCase(
            "FLK0030", Warning, [Storage],
            ["Checkpoint storage 's3' is not built in", "'jobmanager' and 'filesystem'"],
            Settings((Storage, "s3")),
            Settings((Storage, "jobmanager"))));

        Add("retention without directory", new RuleCase(
            "FLK0031", Warning, [Retention, Directory],
            ["'execution.checkpointing.dir' is not set", "'execution.checkpointing.externalized-checkpoint-retention' is RETAIN_ON_CANCELLATION"],
            Settings((Interval, "10 s"), (Retention, "RETAIN_ON_CANCELLATION")),
            Settings((Interval, "10 s"), (Retention, "RETAIN_ON_CANCELLATION"), (Directory, "file:///tmp/flink-checkpoints"))));

        Add("rocksdb backend", new RuleCase(
            "FLK0032", Warning, [StateBackend],
            ["State backend 'rocksdb' is not available in FlinkSdk"],
            Settings((StateBackend, "rocksdb")),
            Settings((StateBackend, "hashmap"))));

        // ---- restart strategies ----
        Add("fixed-delay option under the default none", new RuleCase(
            "FLK0040", Warning, [FixedDelayAttempts, RestartType],
            [
                "'restart-strategy.fixed-delay.attempts' only applies to the fixed-delay restart strategy",
                "the restart strategy in effect is none (the default)",
                "Set 'restart-strategy.type: fixed-delay' to use it.",
            ],
            Settings((FixedDelayAttempts, "3")),
            Settings((FixedDelayAttempts, "3"), (RestartType, "fixed-delay"))));

        AddRestart("fixed-delay attempts -1", "fixed-delay", FixedDelayAttempts, "-1", "0", "Maximum number of restart attempts must be at least 0.", "is -1");
        cases.Add("FLK0041 fixed-delay delay -1 s", new RuleCase(
            "FLK0041", Error, [FixedDelayDelay],
            ["Backoff time between restart attempts must be at least 0 ms.", "'restart-strategy.fixed-delay.delay' is -1 s."],
            SettingsAndCode(FlinkOptions.FixedDelayDelay, TimeSpan.FromSeconds(-1), (RestartType, "fixed-delay")),
            Settings((RestartType, "fixed-delay"), (FixedDelayDelay, "0 ms"))));
        AddRestart("failure-rate max failures 0", "failure-rate", FailureRateMaxFailures, "0", "1", "Maximum number of restart attempts per time unit must be greater than 0.", "is 0");
        AddRestart("failure-rate interval 0", "failure-rate", FailureRateInterval, "0 ms", "1 ms", "Failures interval must be greater than 0 ms.", "is 0 ms");
        cases.Add("FLK0041 failure-rate delay -1 s", new RuleCase(
            "FLK0041", Error, [FailureRateDelay],
            ["Backoff time must be at least 0 ms.", "'restart-strategy.failure-rate.delay' is -1 s."],
            SettingsAndCode(FlinkOptions.FailureRateDelay, TimeSpan.FromSeconds(-1), (RestartType, "failure-rate")),
            Settings((RestartType, "failure-rate"), (FailureRateDelay, "0 ms"))));
        AddRestart("initial backoff 0", "exponential-delay", InitialBackoff, "0 ms", "1 ms", "Initial backoff must be at least 1.", "is 0 ms");
        AddRestart("max backoff 0", "exponential-delay", MaxBackoff, "0 ms", "1 s", "Maximum backoff must be at least 1.", "is 0 ms");
        cases.Add("FLK0041 initial above max backoff", new RuleCase(
            "FLK0041", Error, [InitialBackoff, MaxBackoff],
            [
                "Initial backoff cannot be higher than maximum backoff.",
                "'restart-strategy.exponential-delay.initial-backoff' is 2 min and 'restart-strategy.exponential-delay.max-backoff' is 1 min.",
            ],
            Settings((RestartType, "exponential-delay"), (InitialBackoff, "2 min")),
            Settings((RestartType, "exponential-delay"), (InitialBackoff, "1 min"))));
        AddRestart("backoff multiplier 1", "exponential-delay", BackoffMultiplier, "1", "1.1", "Backoff multiplier must be greater than 1.", "is 1.");
        AddRestart("reset threshold 0", "exponential-delay", ResetBackoffThreshold, "0 ms", "1 ms", "Threshold duration for exponential backoff reset must be at least 1.", "is 0 ms");
        AddRestart("jitter 1.5", "exponential-delay", JitterFactor, "1.5", "1", "Jitter factor must be >= 0 and <= 1.", "is 1.5");
        AddRestart("jitter -0.1", "exponential-delay", JitterFactor, "-0.1", "0", "Jitter factor must be >= 0 and <= 1.", "is -0.1");
        AddRestart("attempts before reset 0", "exponential-delay", AttemptsBeforeReset, "0", "1", "The attemptsBeforeResetBackoff must be at least 1.", "is 0");
        cases.Add("FLK0041 default exponential-delay with checkpointing", new RuleCase(
            "FLK0041", Error, [BackoffMultiplier],
            ["Backoff multiplier must be greater than 1.", "'restart-strategy.exponential-delay.backoff-multiplier' is 0.5"],
            Settings((Interval, "10 s"), (BackoffMultiplier, "0.5")),
            Settings((Interval, "10 s"), (BackoffMultiplier, "2"))));

        return cases;

        void AddRestart(string name, string strategy, string key, string bad, string good, string flinkMessage, string shown) =>
            cases.Add("FLK0041 " + name, new RuleCase(
                "FLK0041", Error, [key],
                [flinkMessage, "'" + key + "' " + shown],
                Settings((RestartType, strategy), (key, bad)),
                Settings((RestartType, strategy), (key, good))));
    }

    private static FlinkConfiguration Config(params (string Key, string Value)[] settings)
    {
        var config = new FlinkConfiguration();
        foreach (var (key, value) in settings)
        {
            config.Set(key, value);
        }

        return config;
    }

    private static Func<FlinkConfiguration> Settings(params (string Key, string Value)[] settings) => () => Config(settings);

    /// <summary>Flink key/value settings plus one value set from code (as the analyzers see it), for values Flink's notation cannot express.</summary>
    private static Func<FlinkConfiguration> SettingsAndCode(OptionDescriptor option, object value, params (string Key, string Value)[] settings) =>
        () =>
        {
            var config = Config(settings);
            config.SetValue(option, value);
            return config;
        };

    private static RuleDescriptor Descriptor(string id) => Assert.Single(Rules.All, r => r.Id == id);

    private sealed record RuleCase(
        string RuleId,
        ProblemSeverity Severity,
        string[] Keys,
        string[] MessageParts,
        Func<FlinkConfiguration> Failing,
        Func<FlinkConfiguration> Passing,
        bool HasIterations = false,
        bool HasCustomPartitioner = false);
}
