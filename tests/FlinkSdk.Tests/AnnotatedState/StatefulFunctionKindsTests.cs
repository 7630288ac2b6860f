using System.Globalization;
using FlinkSdk.Configuration;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.Tests.Checkpointing;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// Annotated state in every kind of stateful class — keyed rich flatMap, non-keyed rich map, source reader, sink
/// writer — survives an injected failure: the committed output equals a failure-free run's, and the state visibly
/// continues from the checkpoint (counts and sums never restart).
/// </summary>
public sealed class StatefulFunctionKindsTests : IDisposable
{
    private const long Records = 6_000;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("flinksdk-kinds-");

    private delegate void Pipeline(StreamExecutionEnvironment env, FailOnce failer, string output);

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task KeyedRichFlatMapStateSurvivesAFailure()
    {
        // One source subtask: each key's records reach its flatMap subtask in one order, so every run emits the same lines.
        static void Build(StreamExecutionEnvironment env, FailOnce failer, string output) =>
            env.FromSource(new SequenceSource(0, Records - 1, recordsPerSecondPerReader: 6_000.0), "numbers").Uid("numbers").SetParallelism(1)
                .Map(new FailOnceAfterCheckpoint<long>(failer)).Uid("failing-mapper").SetParallelism(1)
                .KeyBy(v => v % 10)
                .FlatMap(new KeyedRunningTotals()).Uid("totals")
                .SinkTo(FileSink.Lines<string>(output)).Uid("sink");

        var recovered = await AssertRecoveredRunEqualsFailureFreeRunAsync(Build);

        foreach (var perKey in recovered.Select(l => l.Split('\t')).GroupBy(r => long.Parse(r[0], CultureInfo.InvariantCulture)))
        {
            // Keyed: each key counts its own records 1..600 once; the sum of the last one is the key's total.
            var rows = perKey.OrderBy(r => long.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(1, (int)(Records / 10)).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[1]));
            Assert.Equal(Enumerable.Range(0, (int)Records).Where(v => v % 10 == perKey.Key).Sum(v => (long)v), long.Parse(rows[^1][2], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task NonKeyedRichMapStateSurvivesAFailure()
    {
        var numbering = new SubtaskNumbering();
        void Build(StreamExecutionEnvironment env, FailOnce failer, string output) =>
            env.FromSource(new SequenceSource(0, Records - 1, recordsPerSecondPerReader: 3_000.0), "numbers").Uid("numbers")
                .Map(new FailOnceAfterCheckpoint<long>(failer)).Uid("failing-mapper")
                .Map(numbering).Uid("numbering")
                .SinkTo(FileSink.Lines<string>(output)).Uid("sink");

        var recovered = await AssertRecoveredRunEqualsFailureFreeRunAsync(Build);

        // Operator state per subtask: subtask i numbers its range 1, 2, … without a gap or a restart.
        AssertNumberedPerSubtask(recovered);
        Assert.NotEmpty(numbering.Log.Prepared);
    }

    [Fact]
    public async Task SourceReaderStateSurvivesAFailure()
    {
        static void Build(StreamExecutionEnvironment env, FailOnce failer, string output) =>
            env.FromSource(new ChecksummedSequence(Records, recordsPerSecondPerReader: 3_000.0), "checksummed").Uid("checksummed")
                .Map(new FailOnceAfterCheckpoint<(long Value, long Checksum)>(failer)).Uid("failing-mapper")
                .Map(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value}\t{r.Checksum}")).Uid("to-text")
                .SinkTo(FileSink.Lines<string>(output)).Uid("sink");

        var recovered = await AssertRecoveredRunEqualsFailureFreeRunAsync(Build);

        // The checksum lives only in the reader's [State] field: had it restarted, it would not be the range's running sum.
        long half = Records / 2;
        foreach (var row in recovered.Select(l => l.Split('\t').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray()))
        {
            long start = row[0] < half ? 0 : half;
            Assert.Equal((start + row[0]) * (row[0] - start + 1) / 2, row[1]);
        }
    }

    [Fact]
    public async Task SinkWriterStateSurvivesAFailure()
    {
        NumberingLineSink? sink = null;
        void Build(StreamExecutionEnvironment env, FailOnce failer, string output)
        {
            sink = new NumberingLineSink(output);
            env.FromSource(new SequenceSource(0, Records - 1, recordsPerSecondPerReader: 3_000.0), "numbers").Uid("numbers")
                .Map(new FailOnceAfterCheckpoint<long>(failer)).Uid("failing-mapper")
                .SinkTo(sink).Uid("numbering-sink");
        }

        var recovered = await AssertRecoveredRunEqualsFailureFreeRunAsync(Build);

        AssertNumberedPerSubtask(recovered);
        Assert.NotEmpty(sink!.Log.Completed);
        Assert.Subset(sink.Log.Prepared.ToHashSet(), sink.Log.Completed.ToHashSet());
    }

    [Fact]
    public async Task ExplicitKeyedStateDeclaredInOpenWorksInARichFlatMap()
    {
        static void Build(StreamExecutionEnvironment env, FailOnce failer, string output) =>
            env.FromSource(new SequenceSource(0, Records - 1, recordsPerSecondPerReader: 6_000.0), "numbers").Uid("numbers").SetParallelism(1)
                .Map(new FailOnceAfterCheckpoint<long>(failer)).Uid("failing-mapper").SetParallelism(1)
                .KeyBy(v => v % 10)
                .FlatMap(new ExplicitKeyedCount()).Uid("explicit-count")
                .SinkTo(FileSink.Lines<string>(output)).Uid("sink");

        var recovered = await AssertRecoveredRunEqualsFailureFreeRunAsync(Build);

        foreach (var perKey in recovered.Select(l => l.Split('\t')).GroupBy(r => r[0]))
        {
            Assert.Equal(Enumerable.Range(1, (int)(Records / 10)), perKey.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).Order());
        }
    }

    [Fact]
    public async Task KeyedStateInANonKeyedRichFlatMapFailsNamingTheOperator()
    {
        var env = StreamExecutionEnvironment.Create(new FlinkConfiguration()).SetParallelism(1);
        env.FromSequence(0, 9)
            .FlatMap(new ExplicitKeyedCount()).Name("explicit-count")
            .SinkTo(new CollectSink<string>());

        var error = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("not-keyed").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("explicit-count", error.OperatorName);
        Assert.Contains("Keyed state can only be used on a 'keyed stream'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyedRichFilterKeepsEveryThirdRecordOfEachKey()
    {
        var sink = new CollectSink<long>();
        var env = StreamExecutionEnvironment.Create(new FlinkConfiguration()).SetParallelism(2);
        env.FromSequence(0, 299).SetParallelism(1)
            .KeyBy(v => v % 4)
            .Filter(new EveryThirdPerKey())
            .SinkTo(sink);

        await env.ExecuteAsync("keyed-filter").WaitAsync(TimeSpan.FromSeconds(30));

        // Per key the cycle is the key's own: its 3rd, 6th, … records, i.e. values k + 4·(3j + 2).
        Assert.Equal(Enumerable.Range(0, 300).Where(v => (v / 4) % 3 == 2).Select(v => (long)v), sink.Results.Order());
    }

    [Fact]
    public async Task SubtasksNeverShareTheInitialValueOfAMutableMember()
    {
        // The subtasks run copies of one function object; a list from a field initializer must not be shared by them.
        var sink = new CollectSink<string>();
        var env = StreamExecutionEnvironment.Create(new FlinkConfiguration()).SetParallelism(2);
        env.FromSource(new SequenceSource(0, Records - 1), "numbers")
            .Map(new RecentPerSubtask())
            .SinkTo(sink);

        await env.ExecuteAsync("per-subtask-lists").WaitAsync(TimeSpan.FromSeconds(30));

        AssertNumberedPerSubtask([.. sink.Results.Order(StringComparer.Ordinal)]);
    }

    /// <summary>Runs the pipeline without and with an injected failure; returns the recovered run's committed lines.</summary>
    private async Task<List<string>> AssertRecoveredRunEqualsFailureFreeRunAsync(Pipeline build)
    {
        var (failureFree, cleanResult, _) = await RunAsync(build, failAfter: null);
        var (recovered, result, failer) = await RunAsync(build, failAfter: 1); // the first checkpoint notification of any subtask

        Assert.Equal(0, cleanResult.Restarts);
        Assert.Equal(1, failer.Failures);
        Assert.Equal(1, result.Restarts);
        Assert.Equal(Records, recovered.Count);
        Assert.Equal(failureFree, recovered);
        return recovered;
    }

    private async Task<(List<string> Lines, JobExecutionResult Result, FailOnce Failer)> RunAsync(Pipeline build, long? failAfter)
    {
        string run = Path.Combine(_dir.FullName, failAfter is null ? "clean" : "failing");
        string output = Path.Combine(run, "out");
        var failer = new FailOnce(after: failAfter ?? 0);
        var config = new FlinkConfiguration()
            .Set("execution.checkpointing.interval", "50 ms")
            .Set("execution.checkpointing.dir", Path.Combine(run, "checkpoints"))
            .Set("restart-strategy.type", "fixed-delay")
            .Set("restart-strategy.fixed-delay.attempts", "3")
            .Set("restart-strategy.fixed-delay.delay", "0 ms");
        var env = StreamExecutionEnvironment.Create(config).SetParallelism(2);
        build(env, failer, output);

        var result = await env.ExecuteAsync("function-kinds").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(Directory.GetFiles(output, ".*"));
        var lines = Directory.GetFiles(output, "part-*").SelectMany(File.ReadLines).Order(StringComparer.Ordinal).ToList();
        return (lines, result, failer);
    }

    /// <summary>Lines <c>value, #n</c> from two subtasks over halves of 0..Records-1: n is the value's place in its half.</summary>
    private static void AssertNumberedPerSubtask(List<string> lines)
    {
        long half = Records / 2;
        var expected = Enumerable.Range(0, (int)Records).Select(v => string.Create(CultureInfo.InvariantCulture, $"{v}\t#{(v % half) + 1}"));
        Assert.Equal(expected.Order(StringComparer.Ordinal), lines);
    }
}
