using System.Globalization;
using FlinkSdk.Benchmarks.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Benchmarks.Analyzers;

/// <summary>
/// The generator benchmark's project of stateful operators (<see cref="GeneratorWorkload"/>) plus what FlinkSdk's
/// configuration analyzers read: a job per ten operators configuring its environment over several statements
/// (checkpoint settings, <c>Set(key, value)</c>, parallelism) and wiring an operator, a <c>config.yaml</c> and an
/// <c>appsettings.json</c>. Everything is valid: the analyzers do all their work and report nothing.
/// </summary>
internal sealed class AnalyzerWorkload
{
    private AnalyzerWorkload(GeneratorWorkload operators, IReadOnlyList<SyntaxTree> jobs)
    {
        Operators = operators;
        Jobs = jobs;
        Trees = [.. operators.Trees, .. jobs];
    }

    /// <summary>The operators, records and plain classes.</summary>
    public GeneratorWorkload Operators { get; }

    /// <summary>The configuration code, one file per job.</summary>
    public IReadOnlyList<SyntaxTree> Jobs { get; }

    /// <summary>Every C# file of the project.</summary>
    public IReadOnlyList<SyntaxTree> Trees { get; }

    /// <summary>The configuration files, by file name.</summary>
    public IReadOnlyDictionary<string, string> ConfigurationFiles { get; } = new Dictionary<string, string>
    {
        ["config.yaml"] = """
            execution:
              checkpointing:
                interval: 30 s
                timeout: 5 min
                min-pause: 1 s
                max-concurrent-checkpoints: 1
                externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                dir: file:///var/flink/checkpoints
                unaligned:
                  enabled: true
            parallelism.default: 4
            pipeline.max-parallelism: 128
            restart-strategy.type: fixed-delay
            restart-strategy.fixed-delay.attempts: 5
            restart-strategy.fixed-delay.delay: 10 s
            taskmanager.memory.process.size: 4g
            """,
        ["appsettings.json"] = """
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "Flink": {
                "execution.checkpointing.interval": "1 min",
                "execution": { "checkpointing": { "tolerable-failed-checkpoints": "3", "mode": "EXACTLY_ONCE" } },
                "parallelism.default": "2"
              }
            }
            """,
    };

    /// <summary>Builds the project: <paramref name="operators"/> operators (at least 10; see <see cref="GeneratorWorkload.Create"/>) and a job per ten.</summary>
    public static AnalyzerWorkload Create(int operators, int plainClasses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(operators, 10);
        var workload = GeneratorWorkload.Create(operators, plainClasses);
        var jobs = Enumerable.Range(0, operators / 10)
            .Select(i => CSharpSyntaxTreeFor(Job(i, keyedOperator: 10 * i + 1), $"Jobs/Job{i}.cs"))
            .ToList();
        return new AnalyzerWorkload(workload, jobs);
    }

    /// <summary>Writes every file under <paramref name="directory"/> at its path in the project.</summary>
    public void WriteTo(string directory)
    {
        foreach (var tree in Trees)
        {
            Write(directory, tree.FilePath, tree.GetText().ToString());
        }

        foreach (var (name, text) in ConfigurationFiles)
        {
            Write(directory, name, text);
        }
    }

    /// <summary>The configuration files as the compiler hands them to analyzers.</summary>
    public IEnumerable<AdditionalText> AdditionalTexts(string directory) =>
        ConfigurationFiles.Select(file => (AdditionalText)new InMemoryAdditionalText(Path.Combine(directory, file.Key), file.Value));

    private static SyntaxTree CSharpSyntaxTreeFor(string text, string path) =>
        Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text, GeneratorWorkload.ParseOptions, path);

    private static void Write(string directory, string relativePath, string text)
    {
        string path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>
    /// A job configured over several statements and views, as users write it, running operator
    /// <paramref name="keyedOperator"/> (an odd index: <see cref="GeneratorWorkload"/> makes those keyed).
    /// </summary>
    private static string Job(int i, int keyedOperator)
    {
        bool unaligned = i % 2 == 0;
        string alignment = unaligned
            ? "checkpoints.UnalignedCheckpointsEnabled = true;\n        checkpoints.AlignedCheckpointTimeout = TimeSpan.FromSeconds(30);"
            : "checkpoints.MinPauseBetweenCheckpoints = TimeSpan.FromMilliseconds(500);";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            using System;
            using FlinkSdk.Configuration;
            using FlinkSdk.DataStream;

            namespace Workload.Jobs;

            public static class Job{{i}}
            {
                private const int Retained = {{1 + (i % 5)}};

                public static StreamExecutionEnvironment Create(string[] args)
                {
                    var env = StreamExecutionEnvironment.Create(args);
                    env.EnableCheckpointing(TimeSpan.FromSeconds({{10 + i}}));
                    env.SetParallelism({{1 + (i % 4)}});
                    var checkpoints = env.CheckpointConfig;
                    checkpoints.MaxConcurrentCheckpoints = 1;
                    checkpoints.CheckpointTimeout = TimeSpan.FromMinutes(5);
                    checkpoints.TolerableCheckpointFailureNumber = 3;
                    {{alignment}}
                    env.Configuration.Set("execution.checkpointing.num-retained", Retained.ToString());
                    env.Configuration.Set("restart-strategy.type", "fixed-delay");
                    env.FromCollection(["a", "b", "a"])
                        .KeyBy(word => word)
                        .Process(new Workload.Operators.Group{{keyedOperator / 50}}.Operator{{keyedOperator}}())
                        .Print();
                    return env;
                }

                public static FlinkConfiguration Defaults()
                {
                    var configuration = new FlinkConfiguration();
                    configuration.Checkpointing.CheckpointInterval = TimeSpan.FromMinutes(1);
                    configuration.Checkpointing.CheckpointStorage = "filesystem";
                    configuration.Checkpointing.CheckpointDirectory = "file:///var/flink/job{{i}}";
                    configuration.Execution.MaxParallelism = 128;
                    return configuration;
                }
            }
            """);
    }

    /// <summary>An additional file held in memory, as the compiler passes one.</summary>
    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
