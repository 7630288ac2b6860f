extern alias StateV1;
extern alias StateV2;

using FlinkSdk.Configuration;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;
using FlinkSdk.Storage;
using V1 = StateV1::FlinkSdk.Tests.Evolution;
using V2 = StateV2::FlinkSdk.Tests.Evolution;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// Version tolerance end to end: version 1 of an annotated operator (tests/FlinkSdk.Tests/AnnotatedState/Versions/V1)
/// runs a job that retains a checkpoint of all its input; a job with another build of the operator under the same uid
/// (Versions/V2, or <see cref="IncompatibleCounter"/>) is then started from that checkpoint, as <c>flink run -s</c> does.
/// The two versions are separate assemblies so that they can declare the same type names, as two builds of one job do.
/// </summary>
public sealed class VersionToleranceTests : IDisposable
{
    private const string OperatorName = "evolving-counter";
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(30);

    private static readonly (int Key, long Value)[] Input = [(0, 5), (1, 7), (0, 11), (2, 13), (1, 17), (0, 19)];

    /// <summary>After <see cref="Input"/>: one element per key, key 3 new.</summary>
    private static readonly (int Key, long Value)[] Probes = [(0, -1), (1, -1), (2, -1), (3, -1)];

    /// <summary>
    /// What version 2 finds per key: count, recent values (renamed to lastValues) and total (renamed to amount) kept;
    /// the added generation at its initial value 2; of the user type, Sum and Last kept and the added member at its
    /// initial value; the removed note and the removed Summary member skipped. Key 3 was never checkpointed.
    /// </summary>
    private static readonly string[] RestoredByVersion2 =
    [
        "0: count=3 lastValues=[5,11,19] generation=2 summary=(Sum=35, Last=19, Added=fresh) amount=17.5",
        "1: count=2 lastValues=[7,17] generation=2 summary=(Sum=24, Last=17, Added=fresh) amount=12.0",
        "2: count=1 lastValues=[13] generation=2 summary=(Sum=13, Last=13, Added=fresh) amount=6.5",
        "3: count=0 lastValues=[] generation=2 summary=(Sum=0, Last=, Added=fresh) amount=0",
    ];

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("flinksdk-evolution-");

    private string CheckpointDirectory => Path.Combine(_dir.FullName, "checkpoints");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Version_2_keeps_renamed_and_reordered_members_defaults_added_ones_and_skips_removed_ones()
    {
        string checkpoint = await CheckpointVersion1Async("evolution");

        var (lines, result) = await RunFromAsync(checkpoint, new V2.EvolvingCounter(), "evolution-v2");

        Assert.Equal(RestoredByVersion2, lines);
        Assert.Equal(Path.TrimEndingDirectorySeparator(checkpoint), Path.TrimEndingDirectorySeparator(result.RestoredFrom!));
    }

    [Fact]
    public async Task A_member_whose_type_changed_fails_the_restore_naming_the_operator_the_member_and_both_types()
    {
        string checkpoint = await CheckpointVersion1Async("evolution-type-change");
        var sink = new CollectSink<string>();

        var error = await Assert.ThrowsAsync<JobExecutionException>(() => RestoringJob(checkpoint, new IncompatibleCounter(), sink).ExecuteAsync("evolution-type-change-v2").WaitAsync(JobTimeout));

        const string migration =
            "State '__fields': member 5 ('_total') was checkpointed as decimal and is now declared as string. " +
            "A member id must keep its type; give the new member a new id (the old data is then skipped) or restore with the old type.";
        Assert.Equal(
            $"Job 'evolution-type-change-v2' failed: Operator '{OperatorName}' (subtask 1/1) failed: StateMigrationException: {migration} (Recovery is suppressed by NoRestartBackoffTimeStrategy)",
            error.Message);
        Assert.Equal(OperatorName, error.OperatorName);
        Assert.Equal(migration, Assert.IsType<StateMigrationException>(error.InnerException).Message);

        // Nothing ran on half-restored state, and the checkpoint is untouched: a compatible version still restores all of it.
        Assert.Empty(sink.Results);
        var (lines, _) = await RunFromAsync(checkpoint, new V2.EvolvingCounter(), "evolution-after-failure");
        Assert.Equal(RestoredByVersion2, lines);
    }

    /// <summary>Runs version 1 over <see cref="Input"/> until a retained checkpoint holds all of it, cancels the job, and returns that checkpoint's path.</summary>
    private async Task<string> CheckpointVersion1Async(string jobName)
    {
        var counter = new V1.EvolvingCounter();
        var config = new FlinkConfiguration()
            .Set("execution.checkpointing.interval", "20 ms")
            .Set("execution.checkpointing.dir", CheckpointDirectory)
            .Set("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        var env = StreamExecutionEnvironment.Create(config).SetParallelism(1);
        Pipeline(env, new HoldOpenSource<(int Key, long Value)>(Input), counter, new DiscardingSink<string>());

        using var cancellation = new CancellationTokenSource();
        var run = env.ExecuteAsync(jobName, cancellation.Token);
        var deadline = DateTime.UtcNow + JobTimeout;
        while (!Retained(jobName).Any(c => counter.ProcessedAtCheckpoint.GetValueOrDefault(c.CheckpointId) == Input.Length))
        {
            Assert.False(run.IsCompleted, "Version 1's job ended before it was cancelled: " + run.Exception?.GetBaseException().Message);
            Assert.True(DateTime.UtcNow < deadline, "No checkpoint of all input was retained in time.");
            await Task.Delay(10);
        }

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(JobTimeout));

        // Only the newest is retained; any checkpoint after one of all input holds all input too.
        var newest = Retained(jobName).MaxBy(c => c.CheckpointId)!;
        Assert.Equal(Input.Length, counter.ProcessedAtCheckpoint[newest.CheckpointId]);
        return newest.ExternalPointer;
    }

    private IEnumerable<RetainedCheckpoint> Retained(string jobName) => CheckpointStorages.FindRetained(CheckpointDirectory, jobName).Where(c => c.IsValid);

    /// <summary>Runs <paramref name="counter"/> restored from <paramref name="checkpoint"/> over the input and the probes; returns its output.</summary>
    private static async Task<(IReadOnlyList<string> Lines, JobExecutionResult Result)> RunFromAsync(
        string checkpoint, KeyedProcessFunction<int, (int Key, long Value), string> counter, string jobName)
    {
        var sink = new CollectSink<string>();
        var result = await RestoringJob(checkpoint, counter, sink).ExecuteAsync(jobName).WaitAsync(JobTimeout);
        return (sink.Results, result);
    }

    /// <summary>
    /// The job restored from <paramref name="checkpoint"/> (no checkpointing, so no restarts): its source continues after
    /// <see cref="Input"/>, so the counter sees only the probes.
    /// </summary>
    private static StreamExecutionEnvironment RestoringJob(string checkpoint, KeyedProcessFunction<int, (int Key, long Value), string> counter, CollectSink<string> sink)
    {
        var env = StreamExecutionEnvironment.Create(new FlinkConfiguration().Set("execution.state-recovery.path", checkpoint)).SetParallelism(1);
        Pipeline(env, new CollectionSource<(int Key, long Value)>([.. Input, .. Probes]), counter, sink);
        return env;
    }

    /// <summary>The job graph of every version: the uids, not the classes, tie the state to the operators.</summary>
    private static void Pipeline(StreamExecutionEnvironment env, ISource<(int Key, long Value)> source, KeyedProcessFunction<int, (int Key, long Value), string> counter, ISink<string> sink)
        => env.FromSource(source, "records").Uid("records")
            .KeyBy(record => record.Key)
            .Process(counter).Name(OperatorName).Uid(OperatorName)
            .SinkTo(sink).Uid("sink");
}
