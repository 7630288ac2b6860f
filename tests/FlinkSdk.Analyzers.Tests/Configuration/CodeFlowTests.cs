using FlinkSdk.Analyzers.Tests.Infrastructure;

namespace FlinkSdk.Analyzers.Tests.Configuration;

/// <summary>How writes spread over a method body are tied to one configuration object, and when the analyzers stay silent.</summary>
public class CodeFlowTests
{
    [Fact]
    public async Task A_configuration_split_over_statements_views_and_locals_is_checked_as_one()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Job
            {
                public static void Main()
                {
                    var config = new FlinkConfiguration();
                    var env = StreamExecutionEnvironment.Create(config);
                    var checkpoints = env.CheckpointConfig;
                    checkpoints.UnalignedCheckpointsEnabled = true;
                    env.SetParallelism(4).EnableCheckpointing(TimeSpan.FromSeconds(10));
                    config.Checkpointing.Owner.Checkpointing.MaxConcurrentCheckpoints = {|FLK0020:2|};
                }
            }
            """));
    }

    [Fact]
    public async Task Values_of_const_fields_and_constant_expressions_are_evaluated()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Settings
            {
                public const int Concurrent = 1 + 1;
                public const long IntervalMillis = 5;
                public const bool Unaligned = true;
            }

            public static class Job
            {
                private const string Storage = "file" + "system";

                public static void Main()
                {
                    var env = StreamExecutionEnvironment.Create(new FlinkConfiguration());
                    env.EnableCheckpointing({|FLK0001:TimeSpan.FromMilliseconds(Settings.IntervalMillis)|});
                    env.CheckpointConfig.UnalignedCheckpointsEnabled = Settings.Unaligned;
                    env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0020:Settings.Concurrent|};
                    env.CheckpointConfig.CheckpointStorage = {|FLK0028:Storage|};
                }
            }
            """));
    }

    [Fact]
    public async Task TimeSpan_constructors_arithmetic_and_integer_factories_are_evaluated()
    {
        await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain("""
            env.CheckpointConfig.CheckpointTimeout = {|FLK0002:new TimeSpan(0, 0, 0, 0, 9)|};
            env.CheckpointConfig.MinPauseBetweenCheckpoints = {|FLK0003:TimeSpan.FromSeconds(1) - TimeSpan.FromSeconds(2)|};
            env.CheckpointConfig.CheckpointIntervalDuringBacklog = {|FLK0006:TimeSpan.FromMilliseconds(1, 500)|};
            """)));
    }

    [Fact]
    public async Task Object_initializers_write_into_the_created_configuration()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Job
            {
                public static FlinkConfiguration Create() => new FlinkConfiguration
                {
                    Checkpointing =
                    {
                        CheckpointInterval = TimeSpan.FromSeconds(1),
                        UnalignedCheckpointsEnabled = true,
                        MaxConcurrentCheckpoints = {|FLK0020:3|},
                    },
                };
            }
            """));
    }

    [Fact]
    public async Task Two_configuration_objects_in_one_body_are_checked_apart()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Job
            {
                public static void Main()
                {
                    var first = StreamExecutionEnvironment.Create(new FlinkConfiguration());
                    var second = StreamExecutionEnvironment.Create(new FlinkConfiguration());
                    first.EnableCheckpointing(TimeSpan.FromSeconds(1));
                    second.EnableCheckpointing(TimeSpan.FromSeconds(1));
                    first.CheckpointConfig.UnalignedCheckpointsEnabled = true;
                    second.CheckpointConfig.MaxConcurrentCheckpoints = 2;
                }
            }
            """));
    }

    [Fact]
    public async Task The_last_write_of_an_option_wins()
    {
        await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain("""
            env.EnableCheckpointing(TimeSpan.FromSeconds(1));
            env.CheckpointConfig.UnalignedCheckpointsEnabled = true;
            env.CheckpointConfig.MaxConcurrentCheckpoints = 2;
            env.CheckpointConfig.MaxConcurrentCheckpoints = 1;
            """)));
    }

    [Fact]
    public async Task Writes_on_some_paths_only_do_not_combine_but_still_get_their_own_checks()
    {
        await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain("""
            env.EnableCheckpointing(TimeSpan.FromSeconds(1));
            env.CheckpointConfig.UnalignedCheckpointsEnabled = true;
            if (flag)
            {
                env.CheckpointConfig.MaxConcurrentCheckpoints = 2;
            }
            else
            {
                env.CheckpointConfig.TolerableCheckpointFailureNumber = {|FLK0005:-1|};
            }

            Action later = () => env.CheckpointConfig.MaxConcurrentCheckpoints = 3;
            for (int i = 0; i < 2; i++)
            {
                env.CheckpointConfig.MaxRetainedCheckpoints = {|FLK0008:0|};
            }
            """)));
    }

    [Fact]
    public async Task A_configuration_created_inside_a_branch_is_checked_within_that_branch()
    {
        await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain("""
            if (flag)
            {
                var local = new FlinkConfiguration();
                local.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(1);
                local.Checkpointing.UnalignedCheckpointsEnabled = true;
                local.Checkpointing.MaxConcurrentCheckpoints = {|FLK0020:2|};
            }
            """)));
    }

    [Fact]
    public async Task Values_that_are_not_constant_are_unknown_so_no_rule_guesses()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Job
            {
                public static void Main(int concurrent, TimeSpan interval)
                {
                    var env = StreamExecutionEnvironment.Create(new FlinkConfiguration());
                    env.EnableCheckpointing(interval);
                    env.CheckpointConfig.UnalignedCheckpointsEnabled = true;
                    env.CheckpointConfig.MaxConcurrentCheckpoints = concurrent;
                    env.CheckpointConfig.MaxConcurrentCheckpoints += 1;
                }
            }
            """));
    }

    [Fact]
    public async Task An_environment_from_outside_sources_reports_only_rules_whose_options_the_code_writes()
    {
        // Create(args) also reads config.yaml, FLINK__* variables and -D arguments: the interval may come from there,
        // so "unaligned without checkpointing" is not reported, while a conflict written wholly in code is.
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Job
            {
                public static void Main(string[] args)
                {
                    var env = StreamExecutionEnvironment.Create(args);
                    env.CheckpointConfig.UnalignedCheckpointsEnabled = true;
                    env.CheckpointConfig.CheckpointStorage = "filesystem";
                    env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0020:2|};
                }
            }
            """));
    }

    [Fact]
    public async Task A_configuration_without_other_sources_reports_what_is_missing()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Job
            {
                public static void Main()
                {
                    var env = StreamExecutionEnvironment.Create(new FlinkConfiguration());
                    env.CheckpointConfig.UnalignedCheckpointsEnabled = {|FLK0027:true|};
                    env.CheckpointConfig.CheckpointStorage = {|FLK0028:"filesystem"|};
                }
            }
            """));
    }

    [Fact]
    public async Task Settings_loaded_from_files_after_a_write_may_override_it()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Job
            {
                public static void Main()
                {
                    var config = new FlinkConfiguration();
                    config.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(1);
                    config.Checkpointing.UnalignedCheckpointsEnabled = true;
                    config.AddYamlFile("config.yaml");
                    config.Checkpointing.MaxConcurrentCheckpoints = 2;
                    config.Checkpointing.MinPauseBetweenCheckpoints = TimeSpan.FromSeconds(1);
                    config.Checkpointing.MaxConcurrentCheckpoints = {|FLK0021:3|};
                }
            }
            """));
    }

    [Fact]
    public async Task A_load_on_some_paths_only_still_makes_earlier_writes_uncertain()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Job
            {
                public static void Main(bool flag)
                {
                    var config = new FlinkConfiguration();
                    config.Checkpointing.CheckpointInterval = TimeSpan.FromSeconds(1);
                    config.Checkpointing.UnalignedCheckpointsEnabled = true;
                    if (flag)
                    {
                        config.AddEnvironmentVariables();
                    }

                    config.Checkpointing.MaxConcurrentCheckpoints = 2;
                }
            }
            """));
    }

    [Fact]
    public async Task Parameters_and_lambda_parameters_are_configuration_objects_too()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public static class Job
            {
                public static void Configure(CheckpointConfig checkpoints)
                {
                    checkpoints.UnalignedCheckpointsEnabled = true;
                    checkpoints.MaxConcurrentCheckpoints = {|FLK0020:2|};
                }

                public static readonly Action<StreamExecutionEnvironment> Setup = env =>
                {
                    env.EnableCheckpointing(TimeSpan.FromSeconds(5));
                    env.CheckpointConfig.MinPauseBetweenCheckpoints = TimeSpan.FromSeconds(1);
                    env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0021:2|};
                };
            }
            """));
    }

    [Fact]
    public async Task Disabling_checkpointing_removes_the_interval_written_before()
    {
        var run = await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain("""
            env.EnableCheckpointing(TimeSpan.FromSeconds(1));
            env.CheckpointConfig.DisableCheckpointing();
            env.CheckpointConfig.UnalignedCheckpointsEnabled = {|FLK0027:true|};
            """)));
        Assert.Contains("checkpointing is disabled", run.Single("FLK0027").GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enum_and_nullable_values_map_onto_Flink_values()
    {
        await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain("""
            env.CheckpointConfig.CheckpointInterval = TimeSpan.FromSeconds(1);
            env.CheckpointConfig.CheckpointingMode = CheckpointingMode.AtLeastOnce;
            env.CheckpointConfig.UnalignedCheckpointsEnabled = {|FLK0023:true|};
            env.Configuration.RestartStrategy.Type = RestartStrategyType.ExponentialDelay;
            env.Configuration.RestartStrategy.FixedDelay.Delay = {|FLK0040:TimeSpan.FromSeconds(2)|};
            env.CheckpointConfig.CheckpointIntervalDuringBacklog = null;
            """)));
    }

    [Fact]
    public async Task Set_by_key_with_a_deprecated_key_and_a_bad_value_reports_only_the_error_as_the_runtime_throws()
    {
        var run = await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain("""
            env.Configuration.Set("state.checkpoints.num-retained", {|FLK0101:"many"|});
            env.Configuration.Set({|FLK0100:"taskmanager.memory.size"|}, "1 gb");
            """)));
        Assert.Contains("Expected a whole number", run.Single("FLK0101").GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_by_key_values_join_the_other_writes_of_the_configuration()
    {
        await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain("""
            env.Configuration.Set("execution.checkpointing.interval", "10 s");
            env.Configuration.Set("execution.checkpointing.unaligned.enabled", "true");
            env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0020:2|};
            """)));
    }
}
