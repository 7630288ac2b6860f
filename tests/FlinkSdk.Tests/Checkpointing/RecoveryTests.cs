using System.Globalization;
using FlinkSdk.Configuration;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.Serialization;
using FlinkSdk.State;
using FlinkSdk.Storage;

namespace FlinkSdk.Tests.Checkpointing;

/// <summary>
/// Failure and recovery end to end through <see cref="StreamExecutionEnvironment"/> (reference §3.8, §4.4, §4.6, §4.8,
/// §5): restart strategies, checkpoint failures in the asynchronous phase, failures while restoring, and resuming a job
/// from a retained checkpoint. Every job counts records per key into exactly-once <see cref="FileSink"/> output, which is
/// compared with the output of a failure-free run.
/// </summary>
public sealed partial class RecoveryTests : IDisposable
{
    private const int Keys = 10;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("flinksdk-recovery-");

    public void Dispose()
    {
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Output => Path.Combine(_dir.FullName, "out");

    private string CheckpointDirectory => Path.Combine(_dir.FullName, "checkpoints");

    // ---------------------------------------------------------------- job pieces

    /// <summary>Emits "key\trunning count" for every record: any loss or duplicate changes the output.</summary>
    [StatefulOperator]
    private sealed partial class CountPerKey : KeyedProcessFunction<long, long, string>
    {
        [State(1)]
        private long _count;

        public override void ProcessElement(long value, Context context, ICollector<string> output)
            => output.Collect(string.Create(CultureInfo.InvariantCulture, $"{context.CurrentKey}\t{++_count}"));
    }

    /// <summary>Counts records, and throws on the <c>failAt</c>-th record of the first <c>failures</c> times it reaches it.</summary>
    private sealed class Injector(long failAt = long.MaxValue, int failures = 1)
    {
        private long _seen;
        private int _failures;

        public long Seen => Interlocked.Read(ref _seen);

        public int Failures => Volatile.Read(ref _failures);

        public long Map(long value)
        {
            if (Interlocked.Increment(ref _seen) % failAt == 0 && Volatile.Read(ref _failures) < failures)
            {
                Interlocked.Increment(ref _failures);
                throw new InvalidOperationException($"Injected failure #{_failures} at record {value}");
            }

            return value;
        }

        public void Reset() => Interlocked.Exchange(ref _seen, 0);
    }

    /// <summary>Throws whenever it sees <c>value</c>, at most <c>times</c> times.</summary>
    private sealed class FailOnValue(long value, int times)
    {
        private int _seen;
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public long Map(long input)
        {
            if (input == value && Interlocked.Increment(ref _seen) <= times)
            {
                Interlocked.Increment(ref _failures);
                throw new InvalidOperationException($"Injected failure on {input}");
            }

            return input;
        }
    }

    private static FlinkConfiguration CheckpointedConfig(string checkpointDirectory, string interval = "30 ms") => new FlinkConfiguration()
        .Set("execution.checkpointing.interval", interval)
        .Set("execution.checkpointing.dir", checkpointDirectory)
        .Set("web.checkpoints.history", "100000");

    private static FlinkConfiguration FixedDelay(FlinkConfiguration config, int attempts) => config
        .Set("restart-strategy.type", "fixed-delay")
        .Set("restart-strategy.fixed-delay.attempts", attempts.ToString(CultureInfo.InvariantCulture))
        .Set("restart-strategy.fixed-delay.delay", "0 ms");

    /// <summary>numbers → map → keyBy(v % 10) → running count per key → exactly-once line files.</summary>
    private static StreamExecutionEnvironment CountingJob(
        FlinkConfiguration config, long records, double? ratePerReader, Func<long, long> map, string output, int parallelism = 2,
        KeyedProcessFunction<long, long, string>? counter = null)
    {
        var env = StreamExecutionEnvironment.Create(config).SetParallelism(parallelism);
        env.FromSource(new SequenceSource(0, records - 1, ratePerReader), "numbers").Uid("numbers")
            .Map(map).Uid("mapper")
            .KeyBy(v => v % Keys)
            .Process(counter ?? new CountPerKey()).Uid("count")
            .SinkTo(FileSink.Lines<string>(output)).Uid("sink");
        return env;
    }

    /// <summary>The committed (visible) lines of a finished job; asserts no in-progress or pending file is left.</summary>
    private static List<string> CommittedLines(string output)
    {
        Assert.Empty(Directory.GetFiles(output, ".*"));
        return VisibleLines(output);
    }

    /// <summary>The committed (visible) lines, ignoring hidden in-progress files (of a cancelled job).</summary>
    private static List<string> VisibleLines(string output) => [.. Directory.GetFiles(output, "part-*").SelectMany(File.ReadLines)];

    /// <summary>The output of a failure-free run of <see cref="CountingJob"/> (see <see cref="AFailureFreeRunProducesTheReferenceOutput"/>).</summary>
    private static List<string> Reference(long records) =>
        [.. Enumerable.Range(0, Keys).SelectMany(key => Enumerable.Range(1, (int)(records / Keys)).Select(count => $"{key}\t{count}")).Order(StringComparer.Ordinal)];

    private static void AssertEqualsReference(long records, List<string> lines)
    {
        var expected = Reference(records);
        var actual = lines.Order(StringComparer.Ordinal).ToList();
        var missing = expected.Except(actual).Take(5).ToList();
        var duplicates = actual.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(missing.Count == 0 && duplicates.Count == 0 && actual.Count == expected.Count,
            $"expected {expected.Count} lines, got {actual.Count}; missing e.g. [{string.Join(", ", missing)}], duplicated e.g. [{string.Join(", ", duplicates)}]");
        Assert.Equal(expected, actual);
    }

    private static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(JobTimeout);

    // ---------------------------------------------------------------- reference

    [Fact]
    public async Task AFailureFreeRunProducesTheReferenceOutput()
    {
        const long records = 2_000;
        var injector = new Injector();
        var env = CountingJob(CheckpointedConfig(CheckpointDirectory), records, ratePerReader: null, injector.Map, Output);

        var result = await Within(env.ExecuteAsync("reference"));

        Assert.Equal(0, result.Restarts);
        Assert.Null(result.RestoredFrom);
        Assert.Equal(records, injector.Seen);
        AssertEqualsReference(records, CommittedLines(Output));
    }

    // ---------------------------------------------------------------- restart strategies (§5)

    [Fact]
    public async Task WithoutCheckpointingAFailureIsNotRestartedByDefault()
    {
        var failer = new FailOnValue(500, times: int.MaxValue);
        var env = StreamExecutionEnvironment.Create(new FlinkConfiguration()).SetParallelism(1);
        env.FromSource(new SequenceSource(0, 999), "numbers").Map(failer.Map).SinkTo(new DiscardingSink<long>());

        var error = await Assert.ThrowsAsync<JobExecutionException>(() => Within(env.ExecuteAsync("no-restart")));

        Assert.Contains("NoRestartBackoffTimeStrategy", error.Message, StringComparison.Ordinal);
        Assert.Contains("Injected failure on 500", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal(1, failer.Failures);
    }

    [Fact]
    public async Task WithCheckpointingAndNoRestartStrategyTheExponentialDelayDefaultRestarts()
    {
        const long records = 2_000;
        var injector = new Injector(failAt: 1_000);
        var config = CheckpointedConfig(CheckpointDirectory, "20 ms")
            .Set("restart-strategy.exponential-delay.initial-backoff", "1 ms")
            .Set("restart-strategy.exponential-delay.max-backoff", "2 ms");
        Assert.Null(config.RestartStrategy.Type);
        var env = CountingJob(config, records, ratePerReader: 2_000, injector.Map, Output);

        var result = await Within(env.ExecuteAsync("exponential-default"));

        Assert.Equal(1, injector.Failures);
        Assert.Equal(1, result.Restarts);
        AssertEqualsReference(records, CommittedLines(Output));
    }

    [Fact]
    public async Task FixedDelayWithOneAttemptFailsTheJobOnTheSecondFailure()
    {
        var failer = new FailOnValue(300, times: 2);
        var config = FixedDelay(CheckpointedConfig(CheckpointDirectory, "20 ms"), attempts: 1);
        var env = CountingJob(config, 1_000, ratePerReader: null, failer.Map, Output, parallelism: 1);

        var error = await Assert.ThrowsAsync<JobExecutionException>(() => Within(env.ExecuteAsync("fixed-delay-1")));

        Assert.Contains("Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=1", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, failer.Failures);
    }

    [Fact]
    public async Task FixedDelayWithOneAttemptSurvivesASingleFailure()
    {
        const long records = 1_000;
        var failer = new FailOnValue(300, times: 1);
        var config = FixedDelay(CheckpointedConfig(CheckpointDirectory, "20 ms"), attempts: 1);
        var env = CountingJob(config, records, ratePerReader: 2_000, failer.Map, Output, parallelism: 1);

        var result = await Within(env.ExecuteAsync("fixed-delay-1-ok"));

        Assert.Equal(1, result.Restarts);
        Assert.Equal(1, failer.Failures);
        AssertEqualsReference(records, CommittedLines(Output));
    }

    // ---------------------------------------------------------------- failure in the asynchronous snapshot phase (§3.8, §4.4)

    /// <summary>Arms <see cref="Tally"/>'s serializer to throw once, after the first checkpoint completed.</summary>
    private static class SnapshotPoison
    {
        private static int _armed;
        private static int _throwsLeft;
        private static int _thrown;

        public static int Thrown => Volatile.Read(ref _thrown);

        public static void Reset(int throws)
        {
            Volatile.Write(ref _armed, 0);
            Volatile.Write(ref _thrown, 0);
            Volatile.Write(ref _throwsLeft, throws);
        }

        public static void Arm() => Volatile.Write(ref _armed, 1);

        public static void MaybeThrow()
        {
            if (Volatile.Read(ref _armed) == 1 && Interlocked.Decrement(ref _throwsLeft) >= 0)
            {
                Interlocked.Increment(ref _thrown);
                throw new IOException("Injected serializer failure");
            }
        }
    }

    /// <summary>A state value whose serializer (run in the asynchronous phase of a checkpoint) can be made to throw.</summary>
    private readonly record struct Tally(long Count) : IStateSerializable<Tally>
    {
        public static void Serialize(ref MessagePackWriter writer, Tally value)
        {
            SnapshotPoison.MaybeThrow();
            writer.Write(value.Count);
        }

        public static Tally Deserialize(ref MessagePackReader reader) => new(reader.ReadInt64());
    }

    /// <summary>Explicit state with a custom serializer (annotated state has no way to inject one).</summary>
    private sealed class CountPerKeyWithTally : KeyedProcessFunction<long, long, string>, ICheckpointListener
    {
        private IValueState<Tally> _count = null!;

        public override void Open(IRuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<Tally>("tally"));

        public override void ProcessElement(long value, Context context, ICollector<string> output)
        {
            var next = new Tally(_count.Value.Count + 1);
            _count.Value = next;
            output.Collect(string.Create(CultureInfo.InvariantCulture, $"{context.CurrentKey}\t{next.Count}"));
        }

        public void NotifyCheckpointComplete(long checkpointId) => SnapshotPoison.Arm();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public async Task AFailureWhileSerializingStateDeclinesTheCheckpointWhichCountsTowardsTheTolerableFailures(int tolerable, int expectedRestarts)
    {
        const long records = 2_000;
        SnapshotPoison.Reset(throws: 1);
        var injector = new Injector();
        var config = FixedDelay(CheckpointedConfig(CheckpointDirectory, "25 ms"), attempts: 3)
            .Set("execution.checkpointing.tolerable-failed-checkpoints", tolerable.ToString(CultureInfo.InvariantCulture));
        var env = CountingJob(config, records, ratePerReader: 2_000, injector.Map, Output, parallelism: 1, counter: new CountPerKeyWithTally());

        var result = await Within(env.ExecuteAsync("snapshot-failure"));

        Assert.Equal(1, SnapshotPoison.Thrown);
        Assert.Equal(expectedRestarts, result.Restarts);
        var stats = result.Checkpoints!;
        var declined = Assert.Single(stats.History, s => s.FailureMessage?.Contains("Injected serializer failure", StringComparison.Ordinal) == true);
        Assert.Equal(FlinkSdk.Checkpointing.CheckpointStatus.Failed, declined.Status);
        Assert.Contains("Asynchronous task checkpoint failed", declined.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(stats.History, s => s.Status == FlinkSdk.Checkpointing.CheckpointStatus.Completed && s.Id < declined.Id);
        Assert.Contains(stats.History, s => s.Status == FlinkSdk.Checkpointing.CheckpointStatus.Completed && s.Id > declined.Id);
        Assert.Equal(expectedRestarts, stats.NumberOfRestoredCheckpoints);
        AssertEqualsReference(records, CommittedLines(Output));
    }

    // ---------------------------------------------------------------- failure while restoring

    private sealed class RestoreFailure
    {
        private int _openFailuresLeft = 1;
        private int _opens;

        public volatile bool Armed;

        public int Opens => Volatile.Read(ref _opens);

        public int OpenFailures { get; private set; }

        public void OnOpen()
        {
            Interlocked.Increment(ref _opens);
            if (Armed && Interlocked.Exchange(ref _openFailuresLeft, 0) == 1)
            {
                OpenFailures++;
                throw new InvalidOperationException("Injected failure while restoring");
            }
        }
    }

    /// <summary>Its annotated state is restored before <see cref="Open"/> runs, which may fail.</summary>
    [StatefulOperator]
    private sealed partial class CountPerKeyFailingOpen(RestoreFailure failure) : KeyedProcessFunction<long, long, string>
    {
        [State(1)]
        private long _count;

        public override void Open(IRuntimeContext context) => failure.OnOpen();

        public override void ProcessElement(long value, Context context, ICollector<string> output)
            => output.Collect(string.Create(CultureInfo.InvariantCulture, $"{context.CurrentKey}\t{++_count}"));
    }

    [Fact]
    public async Task AFailureWhileRestoringIsRestartedAgainAndTheOutputIsStillExactlyOnce()
    {
        const long records = 2_000;
        var restoreFailure = new RestoreFailure();
        var injector = new Injector(failAt: 1_000);
        var config = FixedDelay(CheckpointedConfig(CheckpointDirectory, "25 ms"), attempts: 3);
        var env = CountingJob(
            config, records, ratePerReader: 1_000, v =>
            {
                try
                {
                    return injector.Map(v);
                }
                catch (InvalidOperationException)
                {
                    restoreFailure.Armed = true; // the next attempt fails while restoring
                    throw;
                }
            },
            Output, counter: new CountPerKeyFailingOpen(restoreFailure));

        var result = await Within(env.ExecuteAsync("restore-failure"));

        Assert.Equal(1, injector.Failures);
        Assert.Equal(1, restoreFailure.OpenFailures);
        Assert.Equal(2, result.Restarts);
        Assert.True(result.Checkpoints!.NumberOfCompletedCheckpoints >= 2, $"completed: {result.Checkpoints.NumberOfCompletedCheckpoints}");
        AssertEqualsReference(records, CommittedLines(Output));
    }

    // ---------------------------------------------------------------- resuming from a retained checkpoint (§4.6, §4.8)

    private FlinkConfiguration RetainingConfig() => CheckpointedConfig(CheckpointDirectory)
        .Set("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")
        .Set("execution.checkpointing.num-retained", "2");

    /// <summary>Runs the job until at least <paramref name="minRetained"/> valid checkpoints with id ≥ <paramref name="minId"/> are on disk, then cancels it.</summary>
    private async Task<List<RetainedCheckpoint>> RunAndCancelAsync(string jobName, long records, double rate, int minRetained, long minId)
    {
        var injector = new Injector();
        var env = CountingJob(RetainingConfig(), records, rate, injector.Map, Output);
        using var cancellation = new CancellationTokenSource();
        var run = env.ExecuteAsync(jobName, cancellation.Token);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (CheckpointStorages.FindRetained(CheckpointDirectory, jobName).Count(c => c.IsValid && c.CheckpointId >= minId) < minRetained)
        {
            Assert.False(run.IsCompleted, "The job ended before it was cancelled: " + run.Exception?.GetBaseException().Message);
            Assert.True(DateTime.UtcNow < deadline, "No checkpoint was retained in time.");
            await Task.Delay(5);
        }

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(JobTimeout));
        Assert.True(injector.Seen < records, "The first run must not have consumed all input.");

        var retained = CheckpointStorages.FindRetained(CheckpointDirectory, jobName).Where(c => c.IsValid).OrderBy(c => c.CheckpointId).ToList();
        Assert.Equal(2, retained.Count);
        return retained;
    }

    [Fact]
    public async Task ACancelledJobResumesFromItsRetainedCheckpointExactlyOnce()
    {
        const long records = 9_000;
        var retained = await RunAndCancelAsync("resumable", records, rate: 1_500, minRetained: 1, minId: 3);
        var newest = retained[^1];
        var committedBefore = VisibleLines(Output);

        var injector = new Injector();
        var config = RetainingConfig().Set("execution.state-recovery.path", newest.ExternalPointer);
        var result = await Within(CountingJob(config, records, 1_500, injector.Map, Output).ExecuteAsync("resumable"));

        Assert.NotNull(result.RestoredFrom);
        Assert.Equal(Path.GetFullPath(newest.ExternalPointer).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(result.RestoredFrom).TrimEnd(Path.DirectorySeparatorChar));
        Assert.Equal(0, result.Restarts);
        Assert.Equal(1, result.Checkpoints!.NumberOfRestoredCheckpoints);

        // The second run starts where the checkpoint left off: it reads only the rest of the input ...
        Assert.InRange(injector.Seen, 1, records - 1);

        // ... its checkpoint ids continue after the restored one ...
        Assert.Equal(newest.CheckpointId + 1, result.Checkpoints.History.Min(s => s.Id));

        // ... and together with what the first run committed, the output is the failure-free one.
        var lines = CommittedLines(Output);
        Assert.Superset(committedBefore.ToHashSet(), lines.ToHashSet());
        AssertEqualsReference(records, lines);
    }

    [Fact]
    public async Task RestoringFromACorruptedRetainedCheckpointFailsNamingThePathAndAnOlderOneStillWorks()
    {
        const long records = 9_000;
        var retained = await RunAndCancelAsync("corruptible", records, rate: 1_500, minRetained: 2, minId: 2);
        var (older, newest) = (retained[0], retained[1]);

        string metadata = Path.Combine(newest.ExternalPointer, "_metadata");
        byte[] bytes = File.ReadAllBytes(metadata);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(metadata, bytes);

        var corruptedConfig = RetainingConfig().Set("execution.state-recovery.path", newest.ExternalPointer);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Within(CountingJob(corruptedConfig, records, 1_500, v => v, Output).ExecuteAsync("corruptible")));
        Assert.Contains(newest.ExternalPointer, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.OrdinalIgnoreCase);

        var config = RetainingConfig().Set("execution.state-recovery.path", older.ExternalPointer);
        var result = await Within(CountingJob(config, records, 1_500, v => v, Output).ExecuteAsync("corruptible"));

        Assert.Equal(Path.GetFullPath(older.ExternalPointer).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(result.RestoredFrom!).TrimEnd(Path.DirectorySeparatorChar));
        AssertEqualsReference(records, CommittedLines(Output));
    }
}
