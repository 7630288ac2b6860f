using FlinkSdk.Configuration;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.Checkpointing;

public sealed partial class ExactlyOnceRecoveryTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("flinksdk-eo-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>Emits "key\trunning count" per record; the subclasses keep the count in annotated or in explicit state.</summary>
    private abstract class CountPerKey : KeyedProcessFunction<long, long, string>
    {
        public override void ProcessElement(long value, Context context, ICollector<string> output) => output.Collect($"{context.CurrentKey}\t{Increment()}");

        /// <summary>Adds one to the current key's count and returns it.</summary>
        protected abstract long Increment();
    }

    [StatefulOperator]
    private sealed partial class AnnotatedCountPerKey : CountPerKey
    {
        [State(1)]
        private long _count;

        protected override long Increment() => ++_count;
    }

    private sealed class ExplicitCountPerKey : CountPerKey
    {
        private IValueState<long> _count = null!;

        public override void Open(IRuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

        protected override long Increment()
        {
            long next = _count.Value + 1;
            _count.Value = next;
            return next;
        }
    }

    [Theory]
    [InlineData(1, CheckpointingMode.ExactlyOnce, true)]
    [InlineData(3, CheckpointingMode.ExactlyOnce, true)]
    [InlineData(3, CheckpointingMode.AtLeastOnce, true)]
    [InlineData(3, CheckpointingMode.ExactlyOnce, false)]
    public async Task CommittedOutputAfterAFailureEqualsAFailureFreeRun(int parallelism, CheckpointingMode mode, bool annotatedState)
    {
        const long records = 6_000;
        string output = Path.Combine(_dir.FullName, "out");
        var failer = new FailOnce(after: records / 2);
        var config = new FlinkConfiguration()
            .Set("execution.checkpointing.interval", "50 ms")
            .Set("execution.checkpointing.dir", Path.Combine(_dir.FullName, "checkpoints"))
            .Set("restart-strategy.type", "fixed-delay")
            .Set("restart-strategy.fixed-delay.attempts", "3")
            .Set("restart-strategy.fixed-delay.delay", "0 ms");
        config.Checkpointing.CheckpointingMode = mode;
        var env = StreamExecutionEnvironment.Create(config).SetParallelism(parallelism);
        env.FromSource(new SequenceSource(0, records - 1, recordsPerSecondPerReader: 6_000.0 / parallelism), "numbers").Uid("numbers")
            .Map(failer.Map).Uid("failing-mapper")
            .KeyBy(v => v % 10)
            .Process(annotatedState ? new AnnotatedCountPerKey() : (CountPerKey)new ExplicitCountPerKey()).Uid("count")
            .SinkTo(FileSink.Lines<string>(output)).Uid("sink");

        var result = await env.ExecuteAsync("eo-test").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, failer.Failures);
        Assert.Equal(1, result.Restarts);
        Assert.True(result.Checkpoints!.NumberOfCompletedCheckpoints >= 2, $"completed: {result.Checkpoints.NumberOfCompletedCheckpoints}");
        var lines = Directory.GetFiles(output, "part-*").SelectMany(File.ReadLines).ToList();
        Assert.Empty(Directory.GetFiles(output, ".*"));
        var perKey = lines.Select(l => l.Split('\t')).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Select(p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).ToList());
        Assert.Equal(10, perKey.Count);
        foreach (var (key, counts) in perKey)
        {
            if (mode == CheckpointingMode.ExactlyOnce)
            {
                // No loss, no duplicates: every running count 1..600 exactly once.
                Assert.Equal(Enumerable.Range(1, (int)(records / 10)).Select(i => (long)i), counts.Order());
            }
            else
            {
                // At least once: no loss (replayed records may count twice, so counts can run past 600).
                Assert.Empty(Enumerable.Range(1, (int)(records / 10)).Select(i => (long)i).Except(counts));
            }
        }
    }
}
