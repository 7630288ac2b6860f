using System.Collections;
using System.Text;
using System.Text.Json;
using FlinkSdk.Configuration;
using Microsoft.Extensions.Configuration;

namespace FlinkSdk.Tests.Configuration;

/// <summary>
/// In the style of Flink's <c>CheckpointConfigFromConfigurationTest</c>: one table with a row per option
/// (Flink key, value as written in a configuration, the typed getter, the expected typed value), each row
/// loaded from every kind of source; then layering, deprecated and unknown keys, bad values, and realistic
/// Flink configuration files.
/// </summary>
public class ConfigurationFromSourcesTableTests
{
    /// <summary>The sources every row of <see cref="Table"/> is loaded from.</summary>
    public enum Source
    {
        /// <summary><c>key: value</c> in a YAML file.</summary>
        YamlFlat,

        /// <summary>The key split at dots into nested YAML maps.</summary>
        YamlNested,

        /// <summary>An appsettings JSON file, <c>{"Flink": {"key": "value"}}</c>, loaded with AddJsonFile.</summary>
        JsonFlat,

        /// <summary>An appsettings JSON file with the key split at dots into nested objects.</summary>
        JsonNested,

        /// <summary><c>FLINK__execution__checkpointing__max_concurrent_checkpoints</c>.</summary>
        EnvironmentVariable,

        /// <summary><c>-Dkey=value</c> on the command line.</summary>
        DynamicProperty,

        /// <summary>An in-memory <see cref="IConfiguration"/> passed to AddConfiguration.</summary>
        InMemoryConfiguration,
    }

    /// <summary>One option: its current Flink key, a non-default value as a configuration writes it, how to read it back typed, and the expected typed value.</summary>
    public sealed record OptionRow(string Key, string Text, Func<FlinkConfiguration, object?> Getter, object Expected);

    /// <summary>THE table: one row per option of <see cref="FlinkOptions.All"/>, every value different from Flink's default.</summary>
    private static readonly OptionRow[] Table =
    [
        // execution.checkpointing.*: runtime
        new("execution.checkpointing.interval", "10 s", c => c.Checkpointing.CheckpointInterval, TimeSpan.FromSeconds(10)),
        new("execution.checkpointing.interval-during-backlog", "1 min", c => c.Checkpointing.CheckpointIntervalDuringBacklog, TimeSpan.FromMinutes(1)),
        new("execution.checkpointing.mode", "AT_LEAST_ONCE", c => c.Checkpointing.CheckpointingMode, CheckpointingMode.AtLeastOnce),
        new("execution.checkpointing.timeout", "5 min", c => c.Checkpointing.CheckpointTimeout, TimeSpan.FromMinutes(5)),
        new("execution.checkpointing.max-concurrent-checkpoints", "3", c => c.Checkpointing.MaxConcurrentCheckpoints, 3),
        new("execution.checkpointing.min-pause", "500 ms", c => c.Checkpointing.MinPauseBetweenCheckpoints, TimeSpan.FromMilliseconds(500)),
        new("execution.checkpointing.tolerable-failed-checkpoints", "4", c => c.Checkpointing.TolerableCheckpointFailureNumber, 4),
        new("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION", c => c.Checkpointing.ExternalizedCheckpointRetention, ExternalizedCheckpointRetention.RetainOnCancellation),
        new("execution.checkpointing.unaligned.enabled", "true", c => c.Checkpointing.UnalignedCheckpointsEnabled, true),
        new("execution.checkpointing.aligned-checkpoint-timeout", "30 s", c => c.Checkpointing.AlignedCheckpointTimeout, TimeSpan.FromSeconds(30)),
        new("execution.checkpointing.unaligned.forced", "true", c => c.Checkpointing.ForceUnalignedCheckpoints, true),
        new("execution.checkpointing.unaligned.interruptible-timers.enabled", "true", c => c.Checkpointing.InterruptibleTimersEnabled, true),
        new("execution.checkpointing.unaligned.max-subtasks-per-channel-state-file", "2", c => c.Checkpointing.MaxSubtasksPerChannelStateFile, 2),
        new("execution.checkpointing.checkpoints-after-tasks-finish", "false", c => c.Checkpointing.CheckpointsAfterTasksFinish, false),
        new("execution.checkpointing.force", "true", c => c.Checkpointing.ForceCheckpointing, true),
        new("execution.checkpointing.snapshot-compression", "true", c => c.Checkpointing.SnapshotCompression, true),

        // execution.checkpointing.*: storage and retention
        new("execution.checkpointing.storage", "filesystem", c => c.Checkpointing.CheckpointStorage, "filesystem"),
        new("execution.checkpointing.dir", "s3://bucket/flink/checkpoints", c => c.Checkpointing.CheckpointDirectory, "s3://bucket/flink/checkpoints"),
        new("execution.checkpointing.savepoint-dir", "s3://bucket/flink/savepoints", c => c.Checkpointing.SavepointDirectory, "s3://bucket/flink/savepoints"),
        new("execution.checkpointing.num-retained", "3", c => c.Checkpointing.MaxRetainedCheckpoints, 3),
        new("execution.checkpointing.create-subdir", "false", c => c.Checkpointing.CreateCheckpointSubdirectory, false),
        new("execution.checkpointing.incremental", "true", c => c.Checkpointing.IncrementalCheckpoints, true),
        new("execution.checkpointing.data-inline-threshold", "100 kb", c => c.Checkpointing.DataInlineThreshold, MemorySize.FromKibibytes(100)),
        new("execution.checkpointing.write-buffer-size", "8192", c => c.Checkpointing.WriteBufferSize, 8192),
        new("execution.checkpointing.cleaner.parallel-mode", "false", c => c.Checkpointing.CleanerParallelMode, false),
        new("execution.checkpointing.local-backup.enabled", "true", c => c.Checkpointing.LocalBackupEnabled, true),
        new("execution.checkpointing.local-backup.dirs", "/mnt/flink/local-state", c => c.Checkpointing.LocalBackupDirectories, "/mnt/flink/local-state"),

        // execution.checkpointing.file-merging.*
        new("execution.checkpointing.file-merging.enabled", "true", c => c.Checkpointing.FileMergingEnabled, true),
        new("execution.checkpointing.file-merging.across-checkpoint-boundary", "true", c => c.Checkpointing.FileMergingAcrossCheckpointBoundary, true),
        new("execution.checkpointing.file-merging.max-file-size", "64 mb", c => c.Checkpointing.FileMergingMaxFileSize, MemorySize.FromMebibytes(64)),
        new("execution.checkpointing.file-merging.pool-blocking", "true", c => c.Checkpointing.FileMergingPoolBlocking, true),
        new("execution.checkpointing.file-merging.max-subtasks-per-file", "8", c => c.Checkpointing.FileMergingMaxSubtasksPerFile, 8),
        new("execution.checkpointing.file-merging.max-space-amplification", "3.5", c => c.Checkpointing.FileMergingMaxSpaceAmplification, 3.5),

        // execution.state-recovery.*
        new("execution.state-recovery.path", "s3://bucket/flink/savepoints/savepoint-1a2b3c", c => c.StateRecovery.Path, "s3://bucket/flink/savepoints/savepoint-1a2b3c"),
        new("execution.state-recovery.claim-mode", "CLAIM", c => c.StateRecovery.ClaimMode, RecoveryClaimMode.Claim),
        new("execution.state-recovery.ignore-unclaimed-state", "true", c => c.StateRecovery.IgnoreUnclaimedState, true),
        new("execution.state-recovery.without-channel-state.checkpoint-id", "42", c => c.StateRecovery.CheckpointIdOfIgnoredInFlightData, 42L),
        new("execution.state-recovery.approximate-local-recovery", "true", c => c.StateRecovery.ApproximateLocalRecovery, true),
        new("execution.state-recovery.from-local", "true", c => c.StateRecovery.FromLocal, true),

        // restart-strategy.*
        new("restart-strategy.type", "fixed-delay", c => c.RestartStrategy.Type, RestartStrategyType.FixedDelay),
        new("restart-strategy.fixed-delay.attempts", "5", c => c.RestartStrategy.FixedDelay.Attempts, 5),
        new("restart-strategy.fixed-delay.delay", "10 s", c => c.RestartStrategy.FixedDelay.Delay, TimeSpan.FromSeconds(10)),
        new("restart-strategy.failure-rate.max-failures-per-interval", "3", c => c.RestartStrategy.FailureRate.MaxFailuresPerInterval, 3),
        new("restart-strategy.failure-rate.failure-rate-interval", "5 min", c => c.RestartStrategy.FailureRate.FailureRateInterval, TimeSpan.FromMinutes(5)),
        new("restart-strategy.failure-rate.delay", "2 s", c => c.RestartStrategy.FailureRate.Delay, TimeSpan.FromSeconds(2)),
        new("restart-strategy.exponential-delay.initial-backoff", "2 s", c => c.RestartStrategy.ExponentialDelay.InitialBackoff, TimeSpan.FromSeconds(2)),
        new("restart-strategy.exponential-delay.max-backoff", "2 min", c => c.RestartStrategy.ExponentialDelay.MaxBackoff, TimeSpan.FromMinutes(2)),
        new("restart-strategy.exponential-delay.backoff-multiplier", "2.5", c => c.RestartStrategy.ExponentialDelay.BackoffMultiplier, 2.5),
        new("restart-strategy.exponential-delay.reset-backoff-threshold", "2 h", c => c.RestartStrategy.ExponentialDelay.ResetBackoffThreshold, TimeSpan.FromHours(2)),
        new("restart-strategy.exponential-delay.jitter-factor", "0.25", c => c.RestartStrategy.ExponentialDelay.JitterFactor, 0.25),
        new("restart-strategy.exponential-delay.attempts-before-reset-backoff", "10", c => c.RestartStrategy.ExponentialDelay.AttemptsBeforeResetBackoff, 10),

        // pipeline and state backend
        new("parallelism.default", "4", c => c.Execution.Parallelism, 4),
        new("pipeline.max-parallelism", "256", c => c.Execution.MaxParallelism, 256),
        new("execution.buffer-timeout.enabled", "false", c => c.Execution.BufferTimeoutEnabled, false),
        new("execution.buffer-timeout.interval", "250 ms", c => c.Execution.BufferTimeout, TimeSpan.FromMilliseconds(250)),
        new("state.backend.type", "rocksdb", c => c.Execution.StateBackend, "rocksdb"),
        new("web.checkpoints.history", "20", c => c.Checkpointing.CheckpointHistorySize, 20),
    ];

    public static TheoryData<string, Source> RowsFromEverySource
    {
        get
        {
            var data = new TheoryData<string, Source>();
            foreach (var row in Table)
            {
                foreach (var source in Enum.GetValues<Source>())
                {
                    data.Add(row.Key, source);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> RowKeys
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var row in Table)
            {
                data.Add(row.Key);
            }

            return data;
        }
    }

    private static OptionRow Row(string key) => Table.Single(r => r.Key == key);

    [Fact]
    public void TableCoversEveryOptionExactlyOnce()
    {
        var tableKeys = Table.Select(r => r.Key).ToList();
        var catalogKeys = FlinkOptions.All.Select(o => o.Key).ToList();

        Assert.Equal(tableKeys.Count, tableKeys.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(catalogKeys.Except(tableKeys, StringComparer.Ordinal)); // an option without a row
        Assert.Empty(tableKeys.Except(catalogKeys, StringComparer.Ordinal)); // a row without an option
        Assert.Equal(catalogKeys.Count, tableKeys.Count);
    }

    [Theory]
    [MemberData(nameof(RowKeys))]
    public void RowValueDiffersFromTheDefault(string key)
    {
        var row = Row(key);

        Assert.NotEqual(row.Expected, row.Getter(new FlinkConfiguration()));
    }

    [Theory]
    [MemberData(nameof(RowKeys))]
    public void RowValueIsSetBySetFromTheFlinkKey(string key)
    {
        var row = Row(key);

        var config = new FlinkConfiguration().Set(row.Key, row.Text);

        Assert.Equal(row.Expected, row.Getter(config));
        Assert.Equal(ConfigOrigin.Code, Effective(config, row.Key).Origin);
    }

    [Theory]
    [MemberData(nameof(RowsFromEverySource))]
    public void RowLoadsFromSource(string key, Source source)
    {
        var row = Row(key);
        using var temp = new TempDirectory();

        var (config, expectedOrigin) = Load(row, source, temp);

        Assert.Equal(row.Expected, row.Getter(config));
        Assert.Empty(LoadProblems(config));
        Assert.Empty(config.IgnoredKeys);

        var effective = Effective(config, row.Key);
        Assert.Equal(expectedOrigin, effective.Origin);
        var option = FlinkOptions.Find(row.Key)!;
        Assert.True(OptionValueParser.TryParse(option, row.Text, out var written, out _));
        Assert.True(OptionValueParser.TryParse(option, effective.Value, out var shown, out var error), error);
        Assert.Equal(written, shown);
    }

    private static (FlinkConfiguration Config, ConfigOrigin Origin) Load(OptionRow row, Source source, TempDirectory temp)
    {
        string[] parts = row.Key.Split('.');
        switch (source)
        {
            case Source.YamlFlat:
                return (new FlinkConfiguration().AddYaml($"{row.Key}: {row.Text}\n", "config.yaml"),
                    new ConfigOrigin(ConfigOriginKind.File, "config.yaml:1"));
            case Source.YamlNested:
                return (new FlinkConfiguration().AddYaml(NestedYaml(parts, row.Text), "config.yaml"),
                    new ConfigOrigin(ConfigOriginKind.File, $"config.yaml:{parts.Length}"));
            case Source.JsonFlat:
            {
                string path = temp.Write("appsettings.json", Json([row.Key], row.Text));
                return (new FlinkConfiguration().AddJsonFile(path), new ConfigOrigin(ConfigOriginKind.File, path));
            }

            case Source.JsonNested:
            {
                string path = temp.Write("appsettings.json", Json(parts, row.Text));
                return (new FlinkConfiguration().AddJsonFile(path), new ConfigOrigin(ConfigOriginKind.File, path));
            }

            case Source.EnvironmentVariable:
            {
                string name = "FLINK__" + row.Key.Replace(".", "__", StringComparison.Ordinal).Replace("-", "_", StringComparison.Ordinal);
                var variables = new Dictionary<string, string>
                {
                    [name] = row.Text,
                    ["PATH"] = "/usr/bin", // not ours: ignored without a trace
                    ["FLINKX__execution__checkpointing__interval"] = "1 ms", // prefix does not match
                };
                return (new FlinkConfiguration().AddEnvironmentVariables(variables), new ConfigOrigin(ConfigOriginKind.Environment, name));
            }

            case Source.DynamicProperty:
                return (new FlinkConfiguration().AddCommandLine(["--detached", $"-D{row.Key}={row.Text}", "job.jar"]),
                    new ConfigOrigin(ConfigOriginKind.Argument, "-D" + row.Key));
            case Source.InMemoryConfiguration:
            {
                var root = new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["Flink:" + row.Key] = row.Text, ["Logging:LogLevel:Default"] = "Debug" })
                    .Build();
                return (new FlinkConfiguration().AddConfiguration(root), ConfigOrigin.Code);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, null);
        }
    }

    private static string NestedYaml(string[] parts, string value)
    {
        var yaml = new StringBuilder();
        for (int i = 0; i < parts.Length; i++)
        {
            yaml.Append(' ', 2 * i).Append(parts[i]).Append(':');
            yaml.Append(i == parts.Length - 1 ? " " + value : string.Empty).Append('\n');
        }

        return yaml.ToString();
    }

    private static string Json(string[] path, string value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Logging");
            writer.WriteString("Default", "Information");
            writer.WriteEndObject();
            writer.WriteStartObject(FlinkConfiguration.DefaultSectionName);
            for (int i = 0; i < path.Length - 1; i++)
            {
                writer.WriteStartObject(path[i]);
            }

            writer.WriteString(path[^1], value);
            for (int i = 0; i < path.Length - 1; i++)
            {
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // ---- .NET configuration sources and origins ----

    [Fact]
    public void AddConfigurationReportsTheOriginOfEachProvider()
    {
        using var temp = new TempDirectory();
        string jsonPath = temp.Write("appsettings.json", """
            {
              "Flink": {
                "execution.checkpointing.interval": "10 s",
                "execution.checkpointing.timeout": "7 min",
                "execution": { "checkpointing": { "max-concurrent-checkpoints": "2" } }
              }
            }
            """);
        string prefix = "FLINKSDK_TEST_" + Guid.NewGuid().ToString("N") + "_";
        string minPauseVariable = prefix + "Flink__execution__checkpointing__min_pause";
        Environment.SetEnvironmentVariable(minPauseVariable, "30 s");
        try
        {
            var root = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Flink:execution.checkpointing.tolerable-failed-checkpoints"] = "3",
                    ["Flink:execution.checkpointing.interval"] = "1 min",
                })
                .AddJsonFile(jsonPath)
                .AddEnvironmentVariables(prefix)
                .AddCommandLine([
                    "--Flink:execution.checkpointing.mode=AT_LEAST_ONCE",
                    "--Flink:execution.checkpointing.timeout=8 min",
                    "--Flink:execution:checkpointing:num-retained=4",
                ])
                .Build();

            var config = new FlinkConfiguration().AddConfiguration(root);

            Assert.Empty(LoadProblems(config));
            Assert.Equal(TimeSpan.FromSeconds(10), config.Checkpointing.CheckpointInterval); // JSON overrides memory
            Assert.Equal(TimeSpan.FromMinutes(8), config.Checkpointing.CheckpointTimeout); // command line overrides JSON
            Assert.Equal(2, config.Checkpointing.MaxConcurrentCheckpoints);
            Assert.Equal(TimeSpan.FromSeconds(30), config.Checkpointing.MinPauseBetweenCheckpoints);
            Assert.Equal(CheckpointingMode.AtLeastOnce, config.Checkpointing.CheckpointingMode);
            Assert.Equal(4, config.Checkpointing.MaxRetainedCheckpoints);
            Assert.Equal(3, config.Checkpointing.TolerableCheckpointFailureNumber);

            var interval = Effective(config, "execution.checkpointing.interval").Origin;
            Assert.Equal(ConfigOriginKind.File, interval.Kind);
            Assert.EndsWith("appsettings.json", interval.Location, StringComparison.Ordinal);
            Assert.Equal(ConfigOriginKind.File, Effective(config, "execution.checkpointing.max-concurrent-checkpoints").Origin.Kind);

            var minPause = Effective(config, "execution.checkpointing.min-pause").Origin;
            Assert.Equal(ConfigOriginKind.Environment, minPause.Kind);
            Assert.EndsWith("Flink__execution__checkpointing__min_pause", minPause.Location, StringComparison.OrdinalIgnoreCase);

            Assert.Equal(
                new ConfigOrigin(ConfigOriginKind.Argument, "--Flink:execution.checkpointing.mode"),
                Effective(config, "execution.checkpointing.mode").Origin);
            Assert.Equal(
                new ConfigOrigin(ConfigOriginKind.Argument, "--Flink:execution.checkpointing.timeout"),
                Effective(config, "execution.checkpointing.timeout").Origin);
            Assert.Equal(ConfigOriginKind.Argument, Effective(config, "execution.checkpointing.num-retained").Origin.Kind);

            Assert.Equal(ConfigOrigin.Code, Effective(config, "execution.checkpointing.tolerable-failed-checkpoints").Origin);
            Assert.Equal(ConfigOrigin.Default, Effective(config, "execution.checkpointing.unaligned.enabled").Origin);
        }
        finally
        {
            Environment.SetEnvironmentVariable(minPauseVariable, null);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LaterProviderWinsEvenWhenItSpellsTheKeyDifferently(bool laterIsFlat)
    {
        // appsettings.json may nest the key while a later provider (command line, environment) writes it flat,
        // or the other way round: as everywhere in .NET configuration, the provider added last must win.
        var flat = new Dictionary<string, string?> { ["Flink:execution.checkpointing.timeout"] = "7 min" };
        var nested = new Dictionary<string, string?> { ["Flink:execution:checkpointing:timeout"] = "8 min" };
        var builder = new ConfigurationBuilder();
        if (laterIsFlat)
        {
            builder.AddInMemoryCollection(nested).AddInMemoryCollection(flat);
        }
        else
        {
            builder.AddInMemoryCollection(flat).AddInMemoryCollection(nested);
        }

        var config = new FlinkConfiguration().AddConfiguration(builder.Build());

        Assert.Equal(laterIsFlat ? TimeSpan.FromMinutes(7) : TimeSpan.FromMinutes(8), config.Checkpointing.CheckpointTimeout);
        Assert.DoesNotContain(config.Validate(), p => p.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void AddConfigurationReadsAnotherSectionName()
    {
        var root = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Jobs:Orders:execution.checkpointing.interval"] = "20 s",
                ["Flink:execution.checkpointing.interval"] = "99 s",
            })
            .Build();

        var config = new FlinkConfiguration().AddConfiguration(root, "Jobs:Orders");

        Assert.Equal(TimeSpan.FromSeconds(20), config.Checkpointing.CheckpointInterval);
    }

    [Fact]
    public void AddConfigurationAcceptsPascalCaseAndUnderscorePaths()
    {
        var root = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Flink:Execution:Checkpointing:Max_Concurrent_Checkpoints"] = "3",
                ["Flink:Restart_Strategy:Type"] = "failure-rate",
            })
            .Build();

        var config = new FlinkConfiguration().AddConfiguration(root);

        Assert.Empty(LoadProblems(config));
        Assert.Equal(3, config.Checkpointing.MaxConcurrentCheckpoints);
        Assert.Equal(RestartStrategyType.FailureRate, config.RestartStrategy.Type);
    }

    [Fact]
    public void DynamicPropertiesFromTheCommandLine()
    {
        var config = new FlinkConfiguration().AddCommandLine(
            ["-Dexecution.checkpointing.interval=10s", "-D", "execution.checkpointing.mode=AT_LEAST_ONCE", "--class", "org.example.Job"]);

        Assert.Empty(LoadProblems(config));
        Assert.Equal(TimeSpan.FromSeconds(10), config.Checkpointing.CheckpointInterval);
        Assert.Equal(CheckpointingMode.AtLeastOnce, config.Checkpointing.CheckpointingMode);
        Assert.Equal("argument -Dexecution.checkpointing.interval", Effective(config, "execution.checkpointing.interval").Origin.ToString());
        Assert.Equal("argument -Dexecution.checkpointing.mode", Effective(config, "execution.checkpointing.mode").Origin.ToString());
        Assert.Equal(ConfigOriginKind.Argument, Effective(config, "execution.checkpointing.mode").Origin.Kind);
    }

    [Fact]
    public void DynamicPropertyValueMayContainEqualsSigns()
    {
        var config = new FlinkConfiguration().AddCommandLine(["-Dexecution.checkpointing.dir=s3://bucket/cp?x=1"]);

        Assert.Equal("s3://bucket/cp?x=1", config.Checkpointing.CheckpointDirectory);
    }

    [Fact]
    public void MalformedDynamicPropertyIsReported()
    {
        var config = new FlinkConfiguration().AddCommandLine(["-Dexecution.checkpointing.interval"]);

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0104");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("-Dkey=value", problem.Message, StringComparison.Ordinal);
        Assert.Null(config.Checkpointing.CheckpointInterval);
    }

    [Fact]
    public void EnvironmentVariableOriginPrintsTheVariableName()
    {
        var config = new FlinkConfiguration().AddEnvironmentVariables(
            new Hashtable { ["FLINK__execution__checkpointing__interval"] = "15 s" });

        Assert.Equal("environment FLINK__execution__checkpointing__interval", Effective(config, "execution.checkpointing.interval").Origin.ToString());
        Assert.Equal(TimeSpan.FromSeconds(15), config.Checkpointing.CheckpointInterval);
    }

    [Fact]
    public void EnvironmentVariableNamesAreCaseInsensitive()
    {
        var config = new FlinkConfiguration().AddEnvironmentVariables(new Dictionary<string, string>
        {
            ["FLINK__EXECUTION__CHECKPOINTING__INTERVAL"] = "15 s",
            ["flink__execution__checkpointing__max_concurrent_checkpoints"] = "2",
            ["FLINK__Restart_Strategy__Type"] = "fixed-delay",
        });

        Assert.Empty(LoadProblems(config));
        Assert.Equal(TimeSpan.FromSeconds(15), config.Checkpointing.CheckpointInterval);
        Assert.Equal(2, config.Checkpointing.MaxConcurrentCheckpoints);
        Assert.Equal(RestartStrategyType.FixedDelay, config.RestartStrategy.Type);
        Assert.Equal("environment FLINK__EXECUTION__CHECKPOINTING__INTERVAL", Effective(config, "execution.checkpointing.interval").Origin.ToString());
    }

    [Fact]
    public void YamlOriginPrintsFileAndOneBasedLine()
    {
        var config = new FlinkConfiguration().AddYaml("""
            # comment
            taskmanager.numberOfTaskSlots: 2

            execution.checkpointing.interval: 10 s
            """, "config.yaml");

        Assert.Equal("file config.yaml:4", Effective(config, "execution.checkpointing.interval").Origin.ToString());
    }

    // ---- Layering ----

    [Fact]
    public void LaterSourcesWin()
    {
        var config = new FlinkConfiguration()
            .AddYaml("""
                execution.checkpointing.interval: 10 s
                execution.checkpointing.timeout: 5 min
                execution.checkpointing.dir: /from/yaml
                execution.checkpointing.max-concurrent-checkpoints: 2
                """, "config.yaml");
        Assert.Equal(TimeSpan.FromSeconds(10), config.Checkpointing.CheckpointInterval);

        config.AddEnvironmentVariables(new Dictionary<string, string>
        {
            ["FLINK__execution__checkpointing__interval"] = "20 s",
            ["FLINK__execution__checkpointing__timeout"] = "6 min",
            ["FLINK__state__checkpoints__dir"] = "/from/env", // a deprecated key in a later source still wins
        });
        Assert.Equal(TimeSpan.FromSeconds(20), config.Checkpointing.CheckpointInterval);

        config.AddCommandLine(["-Dexecution.checkpointing.interval=30 s"]);

        Assert.Equal(TimeSpan.FromSeconds(30), config.Checkpointing.CheckpointInterval);
        Assert.Equal(TimeSpan.FromMinutes(6), config.Checkpointing.CheckpointTimeout);
        Assert.Equal("/from/env", config.Checkpointing.CheckpointDirectory);
        Assert.Equal(2, config.Checkpointing.MaxConcurrentCheckpoints);

        Assert.Equal("argument -Dexecution.checkpointing.interval", Effective(config, "execution.checkpointing.interval").Origin.ToString());
        Assert.Equal("environment FLINK__execution__checkpointing__timeout", Effective(config, "execution.checkpointing.timeout").Origin.ToString());
        Assert.Equal("environment FLINK__state__checkpoints__dir", Effective(config, "execution.checkpointing.dir").Origin.ToString());
        Assert.Equal("file config.yaml:4", Effective(config, "execution.checkpointing.max-concurrent-checkpoints").Origin.ToString());

        Assert.Equal(3, config.Sources.Count);
        Assert.Equal("config.yaml", config.Sources[0].Name);
        Assert.StartsWith("environment", config.Sources[1].Name, StringComparison.Ordinal);
        Assert.Equal("command line", config.Sources[2].Name);
        Assert.Equal([4, 3, 1], config.Sources.Select(s => s.Count));
    }

    [Fact]
    public void CodeSettersOverrideLoadedValuesAndLaterSourcesOverrideCode()
    {
        var config = new FlinkConfiguration().AddYaml("execution.checkpointing.interval: 10 s", "config.yaml");

        config.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(42);
        Assert.Equal(ConfigOrigin.Code, Effective(config, "execution.checkpointing.interval").Origin);

        config.AddYaml("execution.checkpointing.interval: 11 s", "override.yaml");
        Assert.Equal(TimeSpan.FromSeconds(11), config.Checkpointing.CheckpointInterval);
        Assert.Equal("file override.yaml:1", Effective(config, "execution.checkpointing.interval").Origin.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CurrentKeyBeatsDeprecatedKeyInOneFileRegardlessOfOrder(bool currentFirst)
    {
        string current = "execution.checkpointing.dir: /new";
        string deprecated = "state.checkpoints.dir: /old";
        string yaml = currentFirst ? current + "\n" + deprecated + "\n" : deprecated + "\n" + current + "\n";

        var config = new FlinkConfiguration().AddYaml(yaml, "config.yaml");

        Assert.Equal("/new", config.Checkpointing.CheckpointDirectory);
        int currentLine = currentFirst ? 1 : 2;
        Assert.Equal($"file config.yaml:{currentLine}", Effective(config, "execution.checkpointing.dir").Origin.ToString());

        var problems = config.Validate();
        var duplicate = Assert.Single(problems, p => p.RuleId == "FLK0103");
        Assert.Equal(ProblemSeverity.Warning, duplicate.Severity);
        Assert.Contains("'execution.checkpointing.dir'", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("'state.checkpoints.dir'", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("is overridden by 'execution.checkpointing.dir'", duplicate.Message, StringComparison.Ordinal);
        Assert.Single(problems, p => p.RuleId == "FLK0102");
        Assert.DoesNotContain(problems, p => p.Severity == ProblemSeverity.Error);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NewerDeprecatedKeyBeatsOlderDeprecatedKeyRegardlessOfOrder(bool newerFirst)
    {
        // Flink tries an option's fallback keys in declaration order ("state.checkpoints.dir" before
        // "state.backend.fs.checkpointdir"), whatever order the file writes them in.
        string newer = "state.checkpoints.dir: /newer";
        string older = "state.backend.fs.checkpointdir: /older";
        string yaml = newerFirst ? newer + "\n" + older + "\n" : older + "\n" + newer + "\n";

        var config = new FlinkConfiguration().AddYaml(yaml, "flink-conf.yaml");

        Assert.Equal("/newer", config.Checkpointing.CheckpointDirectory);
        Assert.Equal(2, config.Validate().Count(p => p.RuleId == "FLK0102"));
        Assert.Single(config.Validate(), p => p.RuleId == "FLK0103");
    }

    [Fact]
    public void CurrentKeyBeatsDeprecatedKeyInOneEnvironment()
    {
        var config = new FlinkConfiguration().AddEnvironmentVariables(new Dictionary<string, string>
        {
            ["FLINK__state__checkpoints__num_retained"] = "7",
            ["FLINK__execution__checkpointing__num_retained"] = "3",
        });

        Assert.Equal(3, config.Checkpointing.MaxRetainedCheckpoints);
        Assert.Contains(config.Validate(), p => p.RuleId == "FLK0103");
    }

    [Fact]
    public void SameKeyTwiceInOneFileKeepsTheLastAndWarns()
    {
        var config = new FlinkConfiguration().AddYaml("""
            execution.checkpointing.interval: 10 s
            execution:
              checkpointing:
                interval: 20 s
            """, "config.yaml");

        Assert.Equal(TimeSpan.FromSeconds(20), config.Checkpointing.CheckpointInterval);
        Assert.Equal("file config.yaml:4", Effective(config, "execution.checkpointing.interval").Origin.ToString());
        var duplicate = Assert.Single(config.Validate(), p => p.RuleId == "FLK0103");
        Assert.Equal("file config.yaml:4", duplicate.Location);
    }

    // ---- Deprecated, unknown and foreign keys ----

    public static TheoryData<string, string, string> DeprecatedKeys => new()
    {
        { "state.checkpoints.dir", "/data/checkpoints", "execution.checkpointing.dir" },
        { "state.backend.fs.checkpointdir", "/data/checkpoints", "execution.checkpointing.dir" },
        { "state.savepoints.dir", "/data/savepoints", "execution.checkpointing.savepoint-dir" },
        { "state.checkpoints.num-retained", "5", "execution.checkpointing.num-retained" },
        { "state.checkpoints.create-subdir", "false", "execution.checkpointing.create-subdir" },
        { "state.checkpoint-storage", "filesystem", "execution.checkpointing.storage" },
        { "state.backend.incremental", "true", "execution.checkpointing.incremental" },
        { "state.storage.fs.memory-threshold", "1 kb", "execution.checkpointing.data-inline-threshold" },
        { "state.storage.fs.write-buffer-size", "16384", "execution.checkpointing.write-buffer-size" },
        { "execution.checkpointing.unaligned", "true", "execution.checkpointing.unaligned.enabled" },
        { "execution.checkpointing.alignment-timeout", "30 s", "execution.checkpointing.aligned-checkpoint-timeout" },
        { "execution.checkpointing.checkpoints-after-tasks-finish.enabled", "false", "execution.checkpointing.checkpoints-after-tasks-finish" },
        { "restart-strategy", "fixed-delay", "restart-strategy.type" },
        { "execution.savepoint.path", "/data/savepoints/savepoint-1", "execution.state-recovery.path" },
        { "execution.savepoint-restore-mode", "CLAIM", "execution.state-recovery.claim-mode" },
        { "execution.savepoint.ignore-unclaimed-state", "true", "execution.state-recovery.ignore-unclaimed-state" },
        { "state.backend.local-recovery", "true", "execution.state-recovery.from-local" },
        { "taskmanager.state.local.root-dirs", "/mnt/local", "execution.checkpointing.local-backup.dirs" },
        { "state.backend", "hashmap", "state.backend.type" },
        { "jobmanager.web.checkpoints.history", "15", "web.checkpoints.history" },
    };

    [Theory]
    [MemberData(nameof(DeprecatedKeys))]
    public void DeprecatedKeyMapsToTheNewOptionWithAWarning(string deprecatedKey, string value, string newKey)
    {
        var config = new FlinkConfiguration().AddYaml($"{deprecatedKey}: {value}\n", "flink-conf.yaml");

        var option = FlinkOptions.Find(newKey)!;
        Assert.True(OptionValueParser.TryParse(option, value, out var expected, out _));
        Assert.Equal(expected, config.Get(option));
        Assert.True(config.IsSet(option));
        var effective = Effective(config, newKey);
        Assert.Equal("file flink-conf.yaml:1", effective.Origin.ToString());

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0102");
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal("file flink-conf.yaml:1", problem.Location);
        Assert.Equal(deprecatedKey, problem.Keys[0]);
        Assert.Contains($"'{deprecatedKey}' is deprecated", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"use '{newKey}' instead", problem.Message, StringComparison.Ordinal);
        Assert.Empty(config.IgnoredKeys);
    }

    [Fact]
    public void DeprecatedKeysReachTheTypedViews()
    {
        var config = new FlinkConfiguration().AddYaml("""
            execution.checkpointing.interval: 1 min
            state.checkpoints.dir: hdfs:///flink/checkpoints
            state.checkpoints.num-retained: 5
            state.backend.incremental: true
            execution.checkpointing.unaligned: true
            execution.checkpointing.alignment-timeout: 30 s
            restart-strategy: fixed-delay
            execution.savepoint.path: hdfs:///flink/savepoints/savepoint-42
            """, "flink-conf.yaml");

        Assert.Equal("hdfs:///flink/checkpoints", config.Checkpointing.CheckpointDirectory);
        Assert.Equal(5, config.Checkpointing.MaxRetainedCheckpoints);
        Assert.True(config.Checkpointing.IncrementalCheckpoints);
        Assert.True(config.Checkpointing.UnalignedCheckpointsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Checkpointing.AlignedCheckpointTimeout);
        Assert.Equal(RestartStrategyType.FixedDelay, config.RestartStrategy.Type);
        Assert.Equal(RestartStrategyType.FixedDelay, config.RestartStrategy.EffectiveType);
        Assert.Equal("hdfs:///flink/savepoints/savepoint-42", config.StateRecovery.Path);

        var warnings = config.Validate().Where(p => p.RuleId == "FLK0102").ToList();
        Assert.Equal(7, warnings.Count);
        Assert.Equal(
            ["file flink-conf.yaml:2", "file flink-conf.yaml:3", "file flink-conf.yaml:4", "file flink-conf.yaml:5", "file flink-conf.yaml:6", "file flink-conf.yaml:7", "file flink-conf.yaml:8"],
            warnings.Select(w => w.Location));
    }

    [Fact]
    public void UnknownKeyUnderAnOwnedPrefixIsAnErrorWithASuggestion()
    {
        var config = new FlinkConfiguration().AddYaml("""
            execution.checkpointing.interval: 10 s
            execution.checkpointing.intervall: 20 s
            """, "config.yaml");

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0100");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("'execution.checkpointing.intervall'", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("Did you mean 'execution.checkpointing.interval'?", problem.Message, StringComparison.Ordinal);
        Assert.Equal("file config.yaml:2", problem.Location);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Checkpointing.CheckpointInterval);
        Assert.Empty(config.IgnoredKeys);
        Assert.Throws<FlinkConfigurationException>(() => config.ThrowIfInvalid());
    }

    [Theory]
    [InlineData("execution.checkpointing.intervall", "execution.checkpointing.interval")]
    [InlineData("execution.checkpointing.max-concurent-checkpoints", "execution.checkpointing.max-concurrent-checkpoints")]
    [InlineData("execution.checkpointing.unaligned.enable", "execution.checkpointing.unaligned.enabled")]
    [InlineData("restart-strategy.fixed-delay.attempt", "restart-strategy.fixed-delay.attempts")]
    [InlineData("execution.state-recovery.claimmode", "execution.state-recovery.claim-mode")]
    [InlineData("state.checkpoints.dirs", "execution.checkpointing.dir")]
    public void UnknownKeySuggestsTheClosestCurrentKey(string typo, string suggestion)
    {
        var config = new FlinkConfiguration().AddYaml($"{typo}: 1\n", "config.yaml");

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0100");
        Assert.Contains($"Did you mean '{suggestion}'?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyFarFromAnyOptionHasNoSuggestion()
    {
        var config = new FlinkConfiguration().AddYaml("execution.checkpointing.something-completely-different-and-long: 1\n", "config.yaml");

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0100");
        Assert.DoesNotContain("Did you mean", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysOutsideOwnedPrefixesAreIgnoredAndListed()
    {
        var config = new FlinkConfiguration().AddYaml("""
            taskmanager.numberOfTaskSlots: 4
            jobmanager.rpc.address: localhost
            execution.checkpointing.interval: 10 s
            """, "config.yaml");

        Assert.Equal(["taskmanager.numberOfTaskSlots", "jobmanager.rpc.address"], config.IgnoredKeys);
        Assert.Empty(config.Validate());
        Assert.Equal(TimeSpan.FromSeconds(10), config.Checkpointing.CheckpointInterval);
    }

    // ---- Bad values ----

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "execution.checkpointing.interval", "10 parsecs", DurationParser.ValidFormatsText },
        { "execution.checkpointing.unaligned.enabled", "maybe", "'true' or 'false'" },
        { "execution.checkpointing.mode", "EXACTLY_TWICE", "one of 'EXACTLY_ONCE', 'AT_LEAST_ONCE'" },
        { "execution.checkpointing.externalized-checkpoint-retention", "KEEP", "one of 'DELETE_ON_CANCELLATION', 'RETAIN_ON_CANCELLATION', 'NO_EXTERNALIZED_CHECKPOINTS'" },
        { "execution.state-recovery.claim-mode", "SOMETIMES", "one of 'CLAIM', 'NO_CLAIM', 'LEGACY'" },
        { "restart-strategy.type", "sometimes", "one of 'none', 'fixed-delay', 'failure-rate', 'exponential-delay'" },
        { "execution.checkpointing.max-concurrent-checkpoints", "two", "a whole number between -2147483648 and 2147483647" },
        { "execution.checkpointing.max-concurrent-checkpoints", "99999999999", "a whole number between -2147483648 and 2147483647" },
        { "execution.checkpointing.max-concurrent-checkpoints", "1.5", "a whole number" },
        { "execution.state-recovery.without-channel-state.checkpoint-id", "latest", "a whole number between -9223372036854775808 and 9223372036854775807" },
        { "restart-strategy.exponential-delay.backoff-multiplier", "fast", "a decimal number" },
        { "restart-strategy.exponential-delay.backoff-multiplier", "NaN", "a decimal number" },
        { "execution.checkpointing.data-inline-threshold", "20 parsecs", MemorySizeParser.ValidFormatsText },
        { "execution.checkpointing.timeout", "-5 s", DurationParser.ValidFormatsText },
        { "execution.checkpointing.timeout", "1 min 30 s", DurationParser.ValidFormatsText },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValueIsReportedWithKeyValueAndValidValues(string key, string value, string validValues)
    {
        var option = FlinkOptions.Find(key)!;
        var config = new FlinkConfiguration().AddYaml($"""
            parallelism.default: 2
            {key}: "{value}"
            """, "config.yaml");

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0101");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal("file config.yaml:2", problem.Location);
        Assert.Equal(key, problem.Keys[0]);
        Assert.Contains($"'{key}'", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", problem.Message, StringComparison.Ordinal);
        Assert.Contains(validValues, problem.Message, StringComparison.Ordinal);

        // The option keeps its previous value (here: Flink's default); the rest of the file still loads.
        Assert.False(config.IsSet(option));
        Assert.Equal(OptionValues.DefaultOf(option), config.Get(option));
        Assert.Equal(2, config.Execution.Parallelism);
        Assert.Throws<FlinkConfigurationException>(() => config.ThrowIfInvalid());
    }

    [Fact]
    public void BadDurationNamesTheUnit()
    {
        var config = new FlinkConfiguration().AddYaml("execution.checkpointing.interval: 10 parsecs", "config.yaml");

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0101");
        Assert.StartsWith("Invalid value '10 parsecs' for key 'execution.checkpointing.interval'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("the unit 'parsecs'", problem.Message, StringComparison.Ordinal);
        Assert.Null(config.Checkpointing.CheckpointInterval);
    }

    [Fact]
    public void BadValueInALaterSourceKeepsTheEarlierValue()
    {
        var config = new FlinkConfiguration()
            .AddYaml("execution.checkpointing.mode: AT_LEAST_ONCE", "config.yaml")
            .AddEnvironmentVariables(new Dictionary<string, string> { ["FLINK__execution__checkpointing__mode"] = "EXACTLY_TWICE" });

        Assert.Equal(CheckpointingMode.AtLeastOnce, config.Checkpointing.CheckpointingMode);
        Assert.Equal("file config.yaml:1", Effective(config, "execution.checkpointing.mode").Origin.ToString());
        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0101");
        Assert.Equal("environment FLINK__execution__checkpointing__mode", problem.Location);
    }

    [Fact]
    public void SetThrowsForBadValuesAndUnknownKeys()
    {
        var config = new FlinkConfiguration();

        var bad = Assert.Throws<FlinkConfigurationException>(() => config.Set("execution.checkpointing.mode", "EXACTLY_TWICE"));
        Assert.Equal("FLK0101", Assert.Single(bad.Problems).RuleId);
        Assert.Contains("EXACTLY_TWICE", bad.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<FlinkConfigurationException>(() => config.Set("execution.checkpointing.intervall", "10 s"));
        Assert.Equal("FLK0100", Assert.Single(unknown.Problems).RuleId);

        // A failed Set leaves no trace.
        Assert.Empty(config.Validate());
        Assert.Equal(CheckpointingMode.ExactlyOnce, config.Checkpointing.CheckpointingMode);
    }

    // ---- Enum spellings ----

    [Theory]
    [InlineData("EXACTLY_ONCE", CheckpointingMode.ExactlyOnce)]
    [InlineData("exactly_once", CheckpointingMode.ExactlyOnce)]
    [InlineData("ExactlyOnce", CheckpointingMode.ExactlyOnce)]
    [InlineData("exactly-once", CheckpointingMode.ExactlyOnce)]
    [InlineData("AT_LEAST_ONCE", CheckpointingMode.AtLeastOnce)]
    [InlineData("at_least_once", CheckpointingMode.AtLeastOnce)]
    [InlineData("AtLeastOnce", CheckpointingMode.AtLeastOnce)]
    public void CheckpointingModeSpellings(string text, CheckpointingMode expected)
    {
        // Start from the other mode so that an ignored value cannot pass.
        var config = new FlinkConfiguration();
        config.Checkpointing.CheckpointingMode = expected == CheckpointingMode.ExactlyOnce ? CheckpointingMode.AtLeastOnce : CheckpointingMode.ExactlyOnce;

        config.AddYaml($"execution.checkpointing.mode: {text}", "config.yaml");

        Assert.Empty(config.Validate());
        Assert.Equal(expected, config.Checkpointing.CheckpointingMode);
        var effective = Effective(config, "execution.checkpointing.mode");
        Assert.Equal(expected == CheckpointingMode.ExactlyOnce ? "EXACTLY_ONCE" : "AT_LEAST_ONCE", effective.Value);
        Assert.Equal("file config.yaml:1", effective.Origin.ToString());
    }

    [Theory]
    [InlineData("RETAIN_ON_CANCELLATION", ExternalizedCheckpointRetention.RetainOnCancellation)]
    [InlineData("retain_on_cancellation", ExternalizedCheckpointRetention.RetainOnCancellation)]
    [InlineData("RetainOnCancellation", ExternalizedCheckpointRetention.RetainOnCancellation)]
    [InlineData("DELETE_ON_CANCELLATION", ExternalizedCheckpointRetention.DeleteOnCancellation)]
    [InlineData("delete_on_cancellation", ExternalizedCheckpointRetention.DeleteOnCancellation)]
    public void RetentionSpellings(string text, ExternalizedCheckpointRetention expected)
    {
        var config = new FlinkConfiguration().AddYaml($"execution.checkpointing.externalized-checkpoint-retention: {text}", "config.yaml");

        Assert.Empty(LoadProblems(config));
        Assert.Equal(expected, config.Checkpointing.ExternalizedCheckpointRetention);
    }

    [Theory]
    [InlineData("claim", RecoveryClaimMode.Claim)]
    [InlineData("NO_CLAIM", RecoveryClaimMode.NoClaim)]
    [InlineData("no_claim", RecoveryClaimMode.NoClaim)]
    [InlineData("NoClaim", RecoveryClaimMode.NoClaim)]
    [InlineData("LEGACY", RecoveryClaimMode.Legacy)]
    public void ClaimModeSpellings(string text, RecoveryClaimMode expected)
    {
        var config = new FlinkConfiguration().AddYaml($"execution.state-recovery.claim-mode: {text}", "config.yaml");

        Assert.Empty(LoadProblems(config));
        Assert.Equal(expected, config.StateRecovery.ClaimMode);
        Assert.True(config.IsSet(FlinkOptions.StateRecoveryClaimMode));
    }

    [Theory]
    [InlineData("none", RestartStrategyType.None, "none")]
    [InlineData("off", RestartStrategyType.None, "none")]
    [InlineData("disable", RestartStrategyType.None, "none")]
    [InlineData("OFF", RestartStrategyType.None, "none")]
    [InlineData("fixed-delay", RestartStrategyType.FixedDelay, "fixed-delay")]
    [InlineData("fixeddelay", RestartStrategyType.FixedDelay, "fixed-delay")]
    [InlineData("FIXED-DELAY", RestartStrategyType.FixedDelay, "fixed-delay")]
    [InlineData("failure-rate", RestartStrategyType.FailureRate, "failure-rate")]
    [InlineData("failurerate", RestartStrategyType.FailureRate, "failure-rate")]
    [InlineData("exponential-delay", RestartStrategyType.ExponentialDelay, "exponential-delay")]
    [InlineData("exponentialdelay", RestartStrategyType.ExponentialDelay, "exponential-delay")]
    public void RestartStrategyTypeAliases(string text, RestartStrategyType expected, string canonical)
    {
        // Checkpointing is on, so the default would be exponential-delay: the explicit type must win.
        var config = new FlinkConfiguration().AddYaml($"""
            execution.checkpointing.interval: 10 s
            restart-strategy.type: {text}
            """, "config.yaml");

        Assert.Empty(LoadProblems(config));
        Assert.Equal(expected, config.RestartStrategy.Type);
        Assert.Equal(expected, config.RestartStrategy.EffectiveType);
        var effective = Effective(config, "restart-strategy.type");
        Assert.Equal(canonical, effective.Value);
        Assert.Equal("file config.yaml:2", effective.Origin.ToString());
    }

    // ---- Realistic Flink configuration files ----

    private const string Flink2ConfigYaml = """
        # Flink 2.x config.yaml (standard YAML)
        jobmanager:
          bind-host: 0.0.0.0
          rpc:
            address: jobmanager
            port: 6123
          memory:
            process:
              size: 1600m
          execution:
            failover-strategy: region

        taskmanager:
          bind-host: 0.0.0.0
          host: taskmanager
          numberOfTaskSlots: 4
          memory:
            process:
              size: 1728m

        parallelism:
          default: 2

        rest:
          address: jobmanager
          bind-address: 0.0.0.0
          port: 8081

        execution:
          checkpointing:
            interval: 3 min
            mode: EXACTLY_ONCE
            timeout: 10 min
            min-pause: 30 s
            max-concurrent-checkpoints: 1
            tolerable-failed-checkpoints: 3
            externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
            dir: s3://flink-data/checkpoints
            savepoint-dir: s3://flink-data/savepoints
            num-retained: 3
            unaligned:
              enabled: true
            aligned-checkpoint-timeout: 30 s

        state:
          backend:
            type: hashmap

        env:
          java:
            opts:
              all: --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED

        classloader:
          resolve-order: parent-first
        """;

    [Fact]
    public void Flink2ConfigYamlProducesFlinksEffectiveValues()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("config.yaml", Flink2ConfigYaml);

        var config = new FlinkConfiguration().AddYamlFile(path);

        Assert.Empty(config.Validate());
        var cp = config.Checkpointing;
        Assert.True(cp.IsCheckpointingEnabled);
        Assert.Equal(TimeSpan.FromMinutes(3), cp.CheckpointInterval);
        Assert.Equal(CheckpointingMode.ExactlyOnce, cp.CheckpointingMode);
        Assert.Equal(TimeSpan.FromMinutes(10), cp.CheckpointTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), cp.MinPauseBetweenCheckpoints);
        Assert.Equal(3, cp.TolerableCheckpointFailureNumber);
        Assert.Equal(ExternalizedCheckpointRetention.RetainOnCancellation, cp.ExternalizedCheckpointRetention);
        Assert.Equal("s3://flink-data/checkpoints", cp.CheckpointDirectory);
        Assert.Equal("s3://flink-data/savepoints", cp.SavepointDirectory);
        Assert.Equal(3, cp.MaxRetainedCheckpoints);
        Assert.True(cp.UnalignedCheckpointsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(30), cp.AlignedCheckpointTimeout);
        Assert.Null(cp.CheckpointStorage);
        Assert.Equal("filesystem", cp.EffectiveCheckpointStorage);
        Assert.Equal(2, config.Execution.Parallelism);
        Assert.Equal("hashmap", config.Execution.StateBackend);
        Assert.Equal(RestartStrategyType.ExponentialDelay, config.RestartStrategy.EffectiveType);

        var effective = config.GetEffectiveOptions().ToDictionary(o => o.Key);
        Assert.Equal(FlinkOptions.All.Count, effective.Count);
        Assert.Equal("exponential-delay", effective["restart-strategy.type"].Value);
        Assert.Equal(ConfigOrigin.Default, effective["restart-strategy.type"].Origin);
        Assert.Equal("filesystem", effective["execution.checkpointing.storage"].Value);
        Assert.Equal(ConfigOrigin.Default, effective["execution.checkpointing.storage"].Origin);
        Assert.Equal("3 min", effective["execution.checkpointing.interval"].Value);
        Assert.Equal(new ConfigOrigin(ConfigOriginKind.File, path + ":31"), effective["execution.checkpointing.interval"].Origin);
        Assert.Equal("true", effective["execution.checkpointing.unaligned.enabled"].Value);
        Assert.Equal(new ConfigOrigin(ConfigOriginKind.File, path + ":42"), effective["execution.checkpointing.unaligned.enabled"].Origin);
        Assert.Equal("20 kb", effective["execution.checkpointing.data-inline-threshold"].Value);
        Assert.Equal("1 s", effective["restart-strategy.exponential-delay.initial-backoff"].Value);
        Assert.Equal("(none)", effective["execution.state-recovery.path"].Value);
        Assert.Equal("false", effective["execution.checkpointing.local-backup.enabled"].Value);

        Assert.Equal(
            [
                "jobmanager.bind-host", "jobmanager.rpc.address", "jobmanager.rpc.port", "jobmanager.memory.process.size",
                "jobmanager.execution.failover-strategy", "taskmanager.bind-host", "taskmanager.host", "taskmanager.numberOfTaskSlots",
                "taskmanager.memory.process.size", "rest.address", "rest.bind-address", "rest.port", "env.java.opts.all",
                "classloader.resolve-order",
            ],
            config.IgnoredKeys);
    }

    private const string Flink120FlinkConfYaml = """
        #==============================================================================
        # Common
        #==============================================================================

        jobmanager.rpc.address: localhost
        jobmanager.rpc.port: 6123
        jobmanager.bind-host: localhost
        jobmanager.memory.process.size: 1600m
        taskmanager.bind-host: localhost
        taskmanager.host: localhost
        taskmanager.memory.process.size: 1728m
        taskmanager.numberOfTaskSlots: 1
        parallelism.default: 1
        jobmanager.execution.failover-strategy: region

        #==============================================================================
        # Fault tolerance and checkpointing
        #==============================================================================

        state.backend.type: hashmap
        state.checkpoints.dir: hdfs://namenode:8020/flink/checkpoints
        state.savepoints.dir: hdfs://namenode:8020/flink/savepoints
        state.backend.incremental: false
        execution.checkpointing.interval: 60000
        execution.checkpointing.mode: EXACTLY_ONCE
        execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
        restart-strategy: fixed-delay
        restart-strategy.fixed-delay.attempts: 10
        restart-strategy.fixed-delay.delay: 10 s

        #==============================================================================
        # Rest & web frontend
        #==============================================================================

        rest.port: 8081
        rest.address: localhost
        web.submit.enable: false
        """;

    [Fact]
    public void Flink120FlinkConfYamlProducesFlinksEffectiveValues()
    {
        var config = new FlinkConfiguration().AddYaml(Flink120FlinkConfYaml, "flink-conf.yaml");

        var problems = config.Validate();
        Assert.All(problems, p => Assert.Equal("FLK0102", p.RuleId));
        Assert.Equal(
            ["state.checkpoints.dir", "state.savepoints.dir", "state.backend.incremental", "restart-strategy"],
            problems.Select(p => p.Keys[0]));
        Assert.Equal("file flink-conf.yaml:21", problems[0].Location);

        var cp = config.Checkpointing;
        Assert.Equal(TimeSpan.FromMinutes(1), cp.CheckpointInterval);
        Assert.Equal("hdfs://namenode:8020/flink/checkpoints", cp.CheckpointDirectory);
        Assert.Equal("hdfs://namenode:8020/flink/savepoints", cp.SavepointDirectory);
        Assert.False(cp.IncrementalCheckpoints);
        Assert.True(config.IsSet(FlinkOptions.IncrementalCheckpoints));
        Assert.Equal(ExternalizedCheckpointRetention.RetainOnCancellation, cp.ExternalizedCheckpointRetention);
        Assert.Equal(RestartStrategyType.FixedDelay, config.RestartStrategy.EffectiveType);
        Assert.Equal(10, config.RestartStrategy.FixedDelay.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(10), config.RestartStrategy.FixedDelay.Delay);
        Assert.Equal(1, config.Execution.Parallelism);

        var effective = config.GetEffectiveOptions().ToDictionary(o => o.Key);
        Assert.Equal("1 min", effective["execution.checkpointing.interval"].Value);
        Assert.Equal("fixed-delay", effective["restart-strategy.type"].Value);
        Assert.Equal("file flink-conf.yaml:27", effective["restart-strategy.type"].Origin.ToString());
        Assert.Equal("filesystem", effective["execution.checkpointing.storage"].Value);
        Assert.Equal("hdfs://namenode:8020/flink/checkpoints", effective["execution.checkpointing.dir"].Value);
        Assert.Equal("file flink-conf.yaml:21", effective["execution.checkpointing.dir"].Origin.ToString());

        Assert.Contains("taskmanager.numberOfTaskSlots", config.IgnoredKeys);
        Assert.Contains("jobmanager.memory.process.size", config.IgnoredKeys);
        Assert.Contains("rest.port", config.IgnoredKeys);
        Assert.Contains("web.submit.enable", config.IgnoredKeys);
        Assert.DoesNotContain("state.backend.type", config.IgnoredKeys);
        Assert.Equal(12, config.IgnoredKeys.Count);
    }

    [Fact]
    public void WithoutADirectoryTheStorageIsTheJobManager()
    {
        var config = new FlinkConfiguration().AddYaml("""
            execution.checkpointing.interval: 10 s
            taskmanager.numberOfTaskSlots: 2
            """, "config.yaml");

        var effective = config.GetEffectiveOptions().ToDictionary(o => o.Key);

        Assert.Equal("jobmanager", effective["execution.checkpointing.storage"].Value);
        Assert.Equal("jobmanager", config.Checkpointing.EffectiveCheckpointStorage);
        Assert.Equal("exponential-delay", effective["restart-strategy.type"].Value);
    }

    [Fact]
    public void WithoutCheckpointingTheRestartStrategyIsNone()
    {
        var config = new FlinkConfiguration().AddYaml("taskmanager.numberOfTaskSlots: 2", "config.yaml");

        var effective = config.GetEffectiveOptions().ToDictionary(o => o.Key);

        Assert.Equal("none", effective["restart-strategy.type"].Value);
        Assert.Equal("(none)", effective["execution.checkpointing.interval"].Value);
        Assert.Equal("jobmanager", effective["execution.checkpointing.storage"].Value);
    }

    [Fact]
    public void ExplicitStorageWinsOverTheDirectoryRule()
    {
        var config = new FlinkConfiguration().AddYaml("""
            execution.checkpointing.dir: /tmp/checkpoints
            execution.checkpointing.storage: jobmanager
            """, "config.yaml");

        var storage = Effective(config, "execution.checkpointing.storage");

        Assert.Equal("jobmanager", storage.Value);
        Assert.Equal("file config.yaml:2", storage.Origin.ToString());
    }

    // ---- Unreadable sources ----

    [Fact]
    public void MalformedYamlIsReportedWithFileAndLine()
    {
        var config = new FlinkConfiguration().AddYaml("""
            execution.checkpointing.interval: 10 s
            a: [unclosed
            """, "config.yaml");

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0104");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("'config.yaml'", problem.Message, StringComparison.Ordinal);

        // YamlDotNet notices the unclosed sequence at the end of the stream: the line of the '[' or the one after.
        Assert.Matches(@"at line [23], column \d+", problem.Message);
        Assert.NotNull(problem.Location);
        Assert.Matches(@"config\.yaml:[23]$", problem.Location);
        Assert.Throws<FlinkConfigurationException>(() => config.ThrowIfInvalid());
    }

    [Fact]
    public void MalformedYamlInTheMiddleReportsThatLine()
    {
        var config = new FlinkConfiguration().AddYaml("""
            execution.checkpointing.interval: 10 s
            execution.checkpointing.timeout: 5 min: x
            execution.checkpointing.mode: AT_LEAST_ONCE
            """, "config.yaml");

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0104");
        Assert.Contains("Cannot parse YAML in 'config.yaml' at line 2, column ", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Location);
        Assert.EndsWith("config.yaml:2", problem.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedQuotedValueIsReportedOnItsLine()
    {
        var config = new FlinkConfiguration().AddYaml("""
            execution.checkpointing.interval: 10 s
            execution.checkpointing.timeout: 5 min
            execution.checkpointing.mode: "EXACTLY_ONCE
            """, "config.yaml");

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0104");
        Assert.Contains("'config.yaml' at line 3", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a\n- b\n")]
    [InlineData("just a string\n")]
    public void YamlThatIsNotAMapIsUnreadable(string yaml)
    {
        var config = new FlinkConfiguration().AddYaml(yaml, "config.yaml");

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0104");
        Assert.Contains("map of keys to values", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingYamlFileIsUnreadable()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "missing.yaml");

        var config = new FlinkConfiguration().AddYamlFile(path);

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0104");
        Assert.Contains(path, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJsonFileIsUnreadable()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("appsettings.json", """{ "Flink": { "execution.checkpointing.interval": "10 s", """);

        var config = new FlinkConfiguration().AddJsonFile(path);

        var problem = Assert.Single(config.Validate(), p => p.RuleId == "FLK0104");
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("appsettings.json", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyYamlIsFine()
    {
        var config = new FlinkConfiguration().AddYaml("# nothing here\n", "config.yaml");

        Assert.Empty(config.Validate());
        Assert.Equal([("config.yaml", 0)], config.Sources);
    }

    // ---- Helpers ----

    private static EffectiveOption Effective(FlinkConfiguration config, string key) =>
        Assert.Single(config.GetEffectiveOptions(), o => o.Key == key);

    /// <summary>Problems found while loading (FLK01xx), as opposed to range and cross-option rules.</summary>
    private static List<ConfigurationProblem> LoadProblems(FlinkConfiguration config) =>
        config.Validate().Where(p => p.RuleId.StartsWith("FLK01", StringComparison.Ordinal)).ToList();

    private sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flinksdk-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string fileName, string content)
        {
            string path = System.IO.Path.Combine(Path, fileName);
            File.WriteAllText(path, content);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
