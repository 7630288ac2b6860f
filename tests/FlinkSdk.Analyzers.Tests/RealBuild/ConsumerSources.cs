namespace FlinkSdk.Analyzers.Tests.RealBuild;

/// <summary>
/// A small job as a user writes it, once with configuration and state mistakes (in <see cref="Markup"/>: the
/// diagnostics the build must print, on the text where each must point) and once fixed.
/// </summary>
internal static class ConsumerSources
{
    /// <summary>Relative path → markup: C# checkpoint settings, a non-partial operator, config.yaml and appsettings.json mistakes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Broken = new Dictionary<string, string>
    {
        ["Program.cs"] = """
            using FlinkSdk.DataStream;

            var env = StreamExecutionEnvironment.Create(args);
            env.EnableCheckpointing(TimeSpan.FromSeconds(10));
            env.CheckpointConfig.UnalignedCheckpointsEnabled = true;
            env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0020:2|};
            env.FromCollection(["a", "b", "a"])
                .KeyBy(word => word)
                .Process(new CountPerWord())
                .Print();
            await env.ExecuteAsync("real-build");
            """,
        ["Backfill.cs"] = """
            using FlinkSdk.DataStream;

            public static class Backfill
            {
                public static StreamExecutionEnvironment CreateEnvironment()
                {
                    var env = StreamExecutionEnvironment.Create();
                    env.EnableCheckpointing({|FLK0001:TimeSpan.FromMilliseconds(5)|});
                    return env;
                }
            }
            """,
        ["CountPerWord.cs"] = """
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            [StatefulOperator]
            public sealed class {|FLK1001:CountPerWord|} : KeyedProcessFunction<string, string, string>
            {
                [State(1)]
                private long _count;

                public override void ProcessElement(string word, Context context, ICollector<string> output)
                {
                    _count++;
                    output.Collect($"{word} {_count}");
                }
            }
            """,
        ["config.yaml"] = """
            # Flink settings of the job, nested and flat.
            execution:
              checkpointing:
                interval: 10 s
                {|FLK0100:max-concurent-checkpoints|}: 1
            parallelism.default: 1
            """,
        ["appsettings.json"] = """
            {
              "Flink": {
                "execution.checkpointing.timeout": {|FLK0002:"5 ms"|}
              }
            }
            """,
    };

    /// <summary>The same files with every mistake fixed.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fixed = new Dictionary<string, string>
    {
        ["Program.cs"] = Broken["Program.cs"].Replace("{|FLK0020:2|}", "1", StringComparison.Ordinal),
        ["Backfill.cs"] = Broken["Backfill.cs"].Replace("{|FLK0001:TimeSpan.FromMilliseconds(5)|}", "TimeSpan.FromMilliseconds(500)", StringComparison.Ordinal),
        ["CountPerWord.cs"] = Broken["CountPerWord.cs"].Replace("public sealed class {|FLK1001:CountPerWord|}", "public sealed partial class CountPerWord", StringComparison.Ordinal),
        ["config.yaml"] = Broken["config.yaml"].Replace("{|FLK0100:max-concurent-checkpoints|}", "max-concurrent-checkpoints", StringComparison.Ordinal),
        ["appsettings.json"] = Broken["appsettings.json"].Replace("{|FLK0002:\"5 ms\"|}", "\"5 min\"", StringComparison.Ordinal),
    };
}
