using System.Globalization;
using FlinkSdk.Configuration;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;
using FlinkSdk.Tests.Checkpointing;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>A per-key summary kept as a user type in annotated state.</summary>
[SnapshotType]
public sealed record KeySummary
{
    [Key(1)]
    public long Sum { get; init; }

    [Key(2)]
    public string Last { get; init; } = string.Empty;
}

/// <summary>Keyed annotated state of several kinds; its output lets the test check every member after recovery.</summary>
[StatefulOperator]
public sealed partial class AnnotatedCounter : KeyedProcessFunction<long, long, string>
{
    [State(1)]
    private long _count;

    [State(2)]
    private List<long> _recent = [];

    [State(3)]
    private KeySummary? _summary;

    [State(4)]
    private string _label = "new";

    public override void ProcessElement(long value, Context context, ICollector<string> output)
    {
        _count++;
        _recent.Add(value);
        if (_recent.Count > 3)
        {
            _recent.RemoveAt(0);
        }

        _summary = new KeySummary { Sum = (_summary?.Sum ?? 0) + value, Last = value.ToString(CultureInfo.InvariantCulture) };
        string wasLabel = _label;
        _label = "seen";
        output.Collect(string.Create(CultureInfo.InvariantCulture,
            $"{context.CurrentKey}\t{_count}\t{string.Join(',', _recent)}\t{_summary.Sum}\t{wasLabel}"));
    }
}

/// <summary>Non-keyed annotated state (operator state) with checkpoint callbacks.</summary>
[StatefulOperator]
public sealed partial class AnnotatedSequenceNumberer : ProcessFunction<string, string>
{
    [State(1)]
    private long _emitted;

    /// <summary>Shared by the per-subtask copies of the function (they are shallow copies).</summary>
    public CallbackLog Log { get; } = new();

    public override void ProcessElement(string value, Context context, ICollector<string> output) => output.Collect(value + "\t#" + (++_emitted).ToString(CultureInfo.InvariantCulture));

    [BeforeSnapshot]
    private void Prepare(long checkpointId) => Log.Prepared.Add(checkpointId);

    [OnCheckpointComplete]
    private void Completed(long checkpointId) => Log.Completed.Add(checkpointId);
}

/// <summary>Which checkpoints a function was called back for.</summary>
public sealed class CallbackLog
{
    public System.Collections.Concurrent.ConcurrentBag<long> Prepared { get; } = [];

    public System.Collections.Concurrent.ConcurrentBag<long> Completed { get; } = [];
}

/// <summary>The failure-injection harness of the checkpointing tests, with annotated state instead of explicit state.</summary>
public sealed class AnnotatedStateRecoveryTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("flinksdk-annotated-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task AnnotatedKeyedStateSurvivesAFailureWithExactlyOnceResults(int parallelism)
    {
        const long records = 6_000;
        string output = Path.Combine(_dir.FullName, "out");
        var failer = new FailOnce(after: records / 2);
        var env = StreamExecutionEnvironment.Create(Config()).SetParallelism(parallelism);
        env.FromSource(new SequenceSource(0, records - 1, recordsPerSecondPerReader: 6_000.0 / parallelism), "numbers").Uid("numbers")
            .Map(failer.Map).Uid("failing-mapper")
            .KeyBy(v => v % 10)
            .Process(new AnnotatedCounter()).Uid("count")
            .SinkTo(FileSink.Lines<string>(output)).Uid("sink");

        var result = await env.ExecuteAsync("annotated-eo").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, failer.Failures);
        Assert.Equal(1, result.Restarts);
        Assert.True(result.Checkpoints!.NumberOfCompletedCheckpoints >= 2, $"completed: {result.Checkpoints.NumberOfCompletedCheckpoints}");
        var lines = Directory.GetFiles(output, "part-*").SelectMany(File.ReadLines).ToList();
        Assert.Equal(records, lines.Count);

        var rows = lines.Select(l => l.Split('\t')).ToList();
        foreach (var perKey in rows.GroupBy(r => long.Parse(r[0], CultureInfo.InvariantCulture)))
        {
            // No loss, no duplicates: every running count exactly once; "new" only on the key's first element.
            var byCount = perKey.OrderBy(r => long.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(1, (int)(records / 10)).Select(i => i.ToString(CultureInfo.InvariantCulture)), byCount.Select(r => r[1]));
            Assert.Equal("new", byCount[0][4]);
            Assert.All(byCount.Skip(1), r => Assert.Equal("seen", r[4]));

            // The collection and the user type survived too: each sum and recent list continues the previous row's.
            for (int i = 1; i < byCount.Count; i++)
            {
                var previous = byCount[i - 1];
                var row = byCount[i];
                long last = long.Parse(row[2].Split(',')[^1], CultureInfo.InvariantCulture);
                Assert.Equal(long.Parse(previous[3], CultureInfo.InvariantCulture) + last, long.Parse(row[3], CultureInfo.InvariantCulture));
                var expectedRecent = previous[2].Split(',').Append(last.ToString(CultureInfo.InvariantCulture)).TakeLast(3);
                Assert.Equal(string.Join(',', expectedRecent), row[2]);
            }

            Assert.Equal(Enumerable.Range(0, (int)records).Where(v => v % 10 == perKey.Key).Sum(v => (long)v), long.Parse(byCount[^1][3], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task AnnotatedOperatorStateAndCallbacksSurviveAFailure()
    {
        const long records = 3_000;
        string output = Path.Combine(_dir.FullName, "out");
        var failer = new FailOnce(after: records / 2);
        var numberer = new AnnotatedSequenceNumberer();
        var env = StreamExecutionEnvironment.Create(Config()).SetParallelism(1);
        env.FromSource(new SequenceSource(0, records - 1, recordsPerSecondPerReader: 6_000.0), "numbers").Uid("numbers")
            .Map(failer.Map).Uid("failing-mapper")
            .Map(v => v.ToString(CultureInfo.InvariantCulture)).Uid("to-text")
            .Process(numberer).Uid("numberer")
            .SinkTo(FileSink.Lines<string>(output)).Uid("sink");

        var result = await env.ExecuteAsync("annotated-operator-state").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.Restarts);
        var lines = Directory.GetFiles(output, "part-*").SelectMany(File.ReadLines).ToList();

        // Exactly once, and the counter continued from the checkpoint: record v is the (v+1)-th emitted.
        Assert.Equal(Enumerable.Range(0, (int)records).Select(v => string.Create(CultureInfo.InvariantCulture, $"{v}\t#{v + 1}")), lines.Order(Comparer<string>.Create((a, b) => long.Parse(a.Split('\t')[0], CultureInfo.InvariantCulture).CompareTo(long.Parse(b.Split('\t')[0], CultureInfo.InvariantCulture)))));
    }

    [Fact]
    public async Task CallbacksRunOnTheTaskForEveryCheckpoint()
    {
        var numberer = new AnnotatedSequenceNumberer();
        var sink = new CollectSink<string>();
        var env = StreamExecutionEnvironment.Create(Config()).SetParallelism(1);
        env.FromSource(new EndAfterSource<long>(new SequenceSource(0, 999, recordsPerSecondPerReader: 5_000.0), () => !numberer.Log.Completed.IsEmpty), "numbers")
            .Map(v => v.ToString(CultureInfo.InvariantCulture))
            .Process(numberer)
            .SinkTo(sink);

        var result = await env.ExecuteAsync("annotated-callbacks").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1000, sink.Results.Count);
        var completed = result.Checkpoints!.History.Where(c => c.Status == FlinkSdk.Checkpointing.CheckpointStatus.Completed).Select(c => c.Id).ToList();
        Assert.True(completed.Count >= 2, $"completed: {completed.Count}");

        // Every completed checkpoint was prepared on the task before its state was captured, and the final one
        // (the job waits for it) was notified; notifications never name a checkpoint that was not prepared.
        Assert.Subset(numberer.Log.Prepared.ToHashSet(), completed.ToHashSet());
        Assert.Contains(completed.Max(), numberer.Log.Completed);
        Assert.Subset(numberer.Log.Prepared.ToHashSet(), numberer.Log.Completed.ToHashSet());
    }

    private FlinkConfiguration Config() => new FlinkConfiguration()
        .Set("execution.checkpointing.interval", "50 ms")
        .Set("execution.checkpointing.dir", Path.Combine(_dir.FullName, "checkpoints"))
        .Set("restart-strategy.type", "fixed-delay")
        .Set("restart-strategy.fixed-delay.attempts", "3")
        .Set("restart-strategy.fixed-delay.delay", "0 ms");
}
