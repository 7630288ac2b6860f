using System.Globalization;
using FlinkSdk.Configuration;

namespace FlinkSdk.Samples.WordCount;

/// <summary>The command line of the WordCount job.</summary>
internal sealed record WordCountOptions(
    string Input,
    string Output,
    string CheckpointDirectory,
    TimeSpan Interval,
    int Parallelism,
    CheckpointingMode Mode,
    long? FailAfter,
    string FromCheckpoint)
{
    public const string Usage =
        "Usage: WordCount [--input PATH] [--output DIR] [--checkpoint-dir DIR] [--interval DURATION] [--parallelism N]\n" +
        "                 [--mode exactly-once|at-least-once] [--fail-after N] [--from-checkpoint PATH|latest|none] [-Dkey=value ...]";

    public static WordCountOptions Parse(IReadOnlyList<string> args)
    {
        var options = new WordCountOptions(
            Path.Combine(AppContext.BaseDirectory, "input"),
            Path.GetFullPath(Path.Combine("out", "word-count")),
            Path.GetFullPath("checkpoints"),
            TimeSpan.FromSeconds(1),
            2,
            CheckpointingMode.ExactlyOnce,
            null,
            "latest");
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg.StartsWith("-D", StringComparison.Ordinal))
            {
                i += arg == "-D" ? 1 : 0; // Flink properties are read by the configuration
                continue;
            }

            string value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option '{arg}' needs a value.");
            options = arg switch
            {
                "--input" => options with { Input = value },
                "--output" => options with { Output = Path.GetFullPath(value) },
                "--checkpoint-dir" => options with { CheckpointDirectory = Path.GetFullPath(value) },
                "--interval" => options with { Interval = ParseInterval(value) },
                "--parallelism" => options with { Parallelism = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p >= 1 ? p : throw new ArgumentException($"Invalid --parallelism '{value}': expected a whole number of at least 1.") },
                "--mode" => options with
                {
                    Mode = value switch
                    {
                        "exactly-once" => CheckpointingMode.ExactlyOnce,
                        "at-least-once" => CheckpointingMode.AtLeastOnce,
                        _ => throw new ArgumentException($"Invalid --mode '{value}': expected exactly-once or at-least-once."),
                    },
                },
                "--fail-after" => options with { FailAfter = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= 1 ? n : throw new ArgumentException($"Invalid --fail-after '{value}': expected a positive number of records.") },
                "--from-checkpoint" => options with { FromCheckpoint = value },
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }

        return options;
    }

    private static TimeSpan ParseInterval(string value)
    {
        var configuration = new FlinkConfiguration();
        try
        {
            configuration.Set("execution.checkpointing.interval", value);
        }
        catch (FlinkConfigurationException e)
        {
            throw new ArgumentException($"Invalid --interval '{value}': {e.Problems[0].Message}", e);
        }

        return configuration.Checkpointing.CheckpointInterval!.Value;
    }
}
