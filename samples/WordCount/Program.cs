using System.Globalization;
using FlinkSdk.Configuration;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.Samples.WordCount;
using FlinkSdk.Storage;

// WordCount, the main job: words of text files counted per word in keyed state; every occurrence writes a
// "word<TAB>running-count" line through the exactly-once file sink; checkpoints every second, retained on
// cancellation, and a restarted run resumes from the newest retained checkpoint. Kill it at any moment and run
// it again: the committed output ends identical to a run that never failed.
const string JobName = "word-count";

WordCountOptions options;
try
{
    options = WordCountOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(WordCountOptions.Usage);
    return 2;
}

var configuration = new FlinkConfiguration().AddEnvironmentVariables().AddCommandLine(args);
var checkpointing = configuration.Checkpointing;
checkpointing.CheckpointInterval = options.Interval;
checkpointing.CheckpointingMode = options.Mode;
checkpointing.CheckpointDirectory = options.CheckpointDirectory;
checkpointing.ExternalizedCheckpointRetention = ExternalizedCheckpointRetention.RetainOnCancellation;
configuration.StateRecovery.ClaimMode = RecoveryClaimMode.Claim;
configuration.Execution.Parallelism = options.Parallelism;

string? resumeFrom = ResolveCheckpoint(options);
if (resumeFrom is null)
{
    // A fresh run owns the output directory: nothing from an earlier run may mix with its committed files.
    if (Directory.Exists(options.Output))
    {
        Directory.Delete(options.Output, recursive: true);
    }
}
else
{
    configuration.StateRecovery.Path = resumeFrom;
}

var env = StreamExecutionEnvironment.Create(configuration);
env.Logger = new ConsoleLogger();
var progress = new Progress(options.FailAfter);
env.FromSource(FileSource.Lines(options.Input), "lines").Uid("lines")
    .FlatMap<string>(Tokenizer.Split).Name("Tokenize").Uid("tokenize")
    .Map(progress.Observe).Name("Progress").Uid("progress")
    .KeyBy(word => word)
    .Process(new RunningCount()).Name("Count words").Uid("count-words")
    .SinkTo(FileSink.Lines<string>(options.Output), "Committed counts").Uid("committed-counts");

Console.WriteLine($"WordCount: {options.Input} -> {options.Output}, checkpoints every {options.Interval.TotalMilliseconds:0} ms ({options.Mode}) in {options.CheckpointDirectory}, parallelism {options.Parallelism}");
using var ticker = new Timer(_ => Console.WriteLine($"  progress: {progress.Count:N0} words"), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
var result = await env.ExecuteAsync(JobName);
ticker.Change(Timeout.Infinite, Timeout.Infinite);

var checkpoints = result.Checkpoints!;
long committed = Directory.GetFiles(options.Output, "part-*").Sum(f => File.ReadLines(f).LongCount());
Console.WriteLine($"Done in {result.NetRuntime.TotalSeconds:0.00} s: {committed:N0} committed lines in {options.Output}, {result.Restarts} restart(s).");
Console.WriteLine($"Checkpoints: {checkpoints.NumberOfCompletedCheckpoints} completed, {checkpoints.NumberOfFailedCheckpoints} failed, {checkpoints.NumberOfRestoredCheckpoints} restored" +
    (result.RestoredFrom is null ? "." : $"; resumed from {result.RestoredFrom}."));
foreach (var checkpoint in checkpoints.History.TakeLast(5))
{
    Console.WriteLine($"  #{checkpoint.Id,-4} {checkpoint.Status,-10} {checkpoint.EndToEndDuration,5} ms {checkpoint.StateSize,10:N0} bytes {checkpoint.FailureMessage}");
}

return 0;

static string? ResolveCheckpoint(WordCountOptions options)
{
    switch (options.FromCheckpoint)
    {
        case "none":
            return null;
        case "latest":
            if (!Directory.Exists(options.CheckpointDirectory))
            {
                return null;
            }

            var retained = CheckpointStorages.FindRetained(options.CheckpointDirectory, JobName);
            foreach (var corrupt in retained.Where(r => !r.IsValid))
            {
                Console.WriteLine($"Skipping corrupted checkpoint {corrupt.ExternalPointer}: {corrupt.Corruption}");
            }

            var valid = retained.Where(r => r.IsValid).OrderBy(r => r.LastWriteTimeUtc).ThenBy(r => r.CheckpointId).ToList();
            if (valid.Count == 0)
            {
                return null;
            }

            var newest = valid[^1];
            Console.WriteLine($"Resuming from retained checkpoint {newest.CheckpointId} at {newest.ExternalPointer}");

            // Older retained checkpoints of this job are superseded by the newest: delete them now, so a later run can
            // never resume from one of them (the newest itself is claimed and deleted once a newer one completes).
            foreach (var older in valid.Take(valid.Count - 1))
            {
                CheckpointStorages.OpenForRestore(older.ExternalPointer).Discard(older.CheckpointId);
            }

            return newest.ExternalPointer;
        default:
            return options.FromCheckpoint;
    }
}

/// <summary>Counts words for the progress line and injects the requested failure once.</summary>
internal sealed class Progress(long? failAfter)
{
    private long _count;
    private int _failed;

    public long Count => Interlocked.Read(ref _count);

    public string Observe(string word)
    {
        long seen = Interlocked.Increment(ref _count);
        if (failAfter is { } after && seen >= after && Interlocked.Exchange(ref _failed, 1) == 0)
        {
            throw new InvalidOperationException($"Injected failure after {after} words (--fail-after).");
        }

        return word;
    }
}
