using System.Collections.Concurrent;
using System.Diagnostics;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;
using FlinkSdk.Time;

namespace FlinkSdk.Tests.Runtime;

/// <summary>
/// Every pipeline's output, at parallelism 1, 2 and 4, equals a sequential reference computed with LINQ: the
/// runtime may distribute and interleave records, but never lose, duplicate or misroute one.
/// </summary>
public partial class PipelineResultTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] Vocabulary =
    [
        "flink", "stream", "state", "key", "group", "window", "time", "event", "watermark", "barrier",
        "checkpoint", "savepoint", "operator", "task", "slot", "sink", "source", "map", "filter", "reduce",
        "a", "the", "of", "and", "to", "in", "is", "naïve", "Straße", "日本", "😀", "x-1", "x-2", "x-3",
    ];

    /// <summary>
    /// Counts and sums the values of each key in keyed state; emits the running totals and its subtask. The subclasses
    /// keep the totals in annotated state (<see cref="AnnotatedCountAndSum"/>) or in explicit state (<see cref="CountAndSum{TKey}"/>).
    /// </summary>
    private abstract class CountAndSumBase<TKey> : KeyedProcessFunction<TKey, (TKey Key, long Value), (TKey Key, long Count, long Sum, int Subtask)>
        where TKey : notnull
    {
        private int _subtask;

        public override void Open(IRuntimeContext context) => _subtask = context.SubtaskIndex;

        public override void ProcessElement((TKey Key, long Value) value, Context context, ICollector<(TKey Key, long Count, long Sum, int Subtask)> output)
        {
            if (!EqualityComparer<TKey>.Default.Equals(context.CurrentKey, value.Key))
            {
                throw new InvalidOperationException($"CurrentKey {context.CurrentKey} differs from the record's key {value.Key}.");
            }

            var (count, sum) = Add(value.Value);
            output.Collect((value.Key, count, sum, _subtask));
        }

        /// <summary>Adds one record of <paramref name="value"/> to the current key's totals and returns them.</summary>
        protected abstract (long Count, long Sum) Add(long value);
    }

    /// <summary>Totals in annotated state (the generator does not support generic operators, hence long keys only).</summary>
    [StatefulOperator]
    private sealed partial class AnnotatedCountAndSum : CountAndSumBase<long>
    {
        [State(1)]
        private long _count;

        [State(2)]
        private long _sum;

        protected override (long Count, long Sum) Add(long value) => (++_count, _sum += value);
    }

    /// <summary>Totals in explicit state, for any key type.</summary>
    private sealed class CountAndSum<TKey> : CountAndSumBase<TKey>
        where TKey : notnull
    {
        private IValueState<long> _count = null!;
        private IValueState<long> _sum = null!;

        public override void Open(IRuntimeContext context)
        {
            base.Open(context);
            _count = context.GetState(new ValueStateDescriptor<long>("count"));
            _sum = context.GetState(new ValueStateDescriptor<long>("sum"));
        }

        protected override (long Count, long Sum) Add(long value)
        {
            long count = _count.Value + 1;
            long sum = _sum.Value + value;
            _count.Value = count;
            _sum.Value = sum;
            return (count, sum);
        }
    }

    /// <summary>Tags each record with the subtask and parallelism of the instance that saw it.</summary>
    private sealed class TagSubtask<T> : ProcessFunction<T, (T Value, int Subtask, int Parallelism)>
    {
        private int _subtask;
        private int _parallelism;

        public override void Open(IRuntimeContext context)
        {
            _subtask = context.SubtaskIndex;
            _parallelism = context.Parallelism;
        }

        public override void ProcessElement(T value, Context context, ICollector<(T Value, int Subtask, int Parallelism)> output) =>
            output.Collect((value, _subtask, _parallelism));
    }

    /// <summary>Emits each record with the event-time timestamp its context reports.</summary>
    private sealed class WithTimestamp : ProcessFunction<long, (long Value, long? Timestamp)>
    {
        public override void ProcessElement(long value, Context context, ICollector<(long Value, long? Timestamp)> output) =>
            output.Collect((value, context.Timestamp));
    }

    /// <summary>Uses keyed state where Flink forbids it.</summary>
    private sealed class NonKeyedStateUser : ProcessFunction<long, long>
    {
        public override void Open(IRuntimeContext context) => context.GetState(new ValueStateDescriptor<long>("count"));

        public override void ProcessElement(long value, Context context, ICollector<long> output) => output.Collect(value);
    }

    /// <summary>Collects records and remembers the context of every writer it created.</summary>
    private sealed class RecordingSink<T> : ISink<T>
    {
        private readonly ConcurrentQueue<T> _results = new();

        public ConcurrentQueue<SinkWriterContext> Contexts { get; } = new();

        public IReadOnlyList<T> Results => [.. _results];

        public ISinkWriter<T> CreateWriter(SinkWriterContext context)
        {
            Contexts.Enqueue(context);
            return new Writer(_results);
        }

        private sealed class Writer(ConcurrentQueue<T> results) : ISinkWriter<T>
        {
            public void Write(T value, long? timestamp) => results.Enqueue(value);

            public void Flush()
            {
            }

            public void Dispose()
            {
            }
        }
    }

    /// <summary>A key type with only reference equality and a randomized hash: must be rejected by KeyBy.</summary>
    private sealed class PlainKey(long value)
    {
        public long Value { get; } = value;
    }

    /// <summary>A custom key type with a stable hash: accepted by KeyBy.</summary>
    private sealed record StableKey(long Value) : IStableHashable
    {
        public int GetStableHashCode() => StableKeyHash.Of(Value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task MapFilterFlatMapChainMatchesLinqAndIsChainedIntoOneTask(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<string>();
        env.FromSequence(0, 99_999)
            .Map(v => v * 3)
            .Filter(v => v % 2 == 0)
            .FlatMap<long>((v, output) =>
            {
                if (v % 5 == 0)
                {
                    output.Collect(v);
                    output.Collect(-v);
                }
                else
                {
                    output.Collect(v + 1);
                }
            })
            .Map(v => "n" + v)
            .SinkTo(sink);

        var result = await env.ExecuteAsync("map-filter-flatmap").WaitAsync(JobTimeout);

        var expected = Enumerable.Range(0, 100_000).Select(i => (long)i)
            .Select(v => v * 3)
            .Where(v => v % 2 == 0)
            .SelectMany(v => v % 5 == 0 ? new[] { v, -v } : [v + 1])
            .Select(v => "n" + v);
        Assert.Equal(expected.Order(StringComparer.Ordinal), sink.Results.Order(StringComparer.Ordinal));

        // Forward edges between operators of equal parallelism are chained: source, operators and sink form one task.
        Assert.Equal(1, result.VertexCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task KeyedCountAndSumWithStringKeysFromWordsMatchesLinq(int parallelism)
    {
        var random = new Random(20240607);
        string[] lines = [.. Enumerable.Range(0, 4_000).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(0, 13)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])))];

        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<(string Key, long Count, long Sum, int Subtask)>();
        env.FromCollection(lines)
            .FlatMap<string>((line, output) =>
            {
                foreach (string word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    output.Collect(word);
                }
            })
            .Map(word => (Key: word, Value: (long)word.Length))
            .KeyBy(t => t.Key)
            .Process(new CountAndSum<string>())
            .SinkTo(sink);

        await env.ExecuteAsync("word-count").WaitAsync(JobTimeout);

        var input = lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(w => (w, (long)w.Length)).ToList();
        AssertKeyedCountsAndSums(input, sink.Results, parallelism, KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(parallelism));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task KeyedCountAndSumWithLongKeysMatchesLinq(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<(long Key, long Count, long Sum, int Subtask)>();
        env.FromSequence(0, 99_999)
            .Map(v => (Key: (v * 31) % 1009, Value: v))
            .KeyBy(t => t.Key)
            .Process(new AnnotatedCountAndSum())
            .SinkTo(sink);

        await env.ExecuteAsync("long-keys").WaitAsync(JobTimeout);

        var input = Enumerable.Range(0, 100_000).Select(i => ((i * 31L) % 1009, (long)i)).ToList();
        AssertKeyedCountsAndSums(input, sink.Results, parallelism, KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(parallelism));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task KeyedStateUsesTheConfiguredMaxParallelismForKeyGroups(int parallelism)
    {
        // With 7 key groups the owner of a key differs from the default 128 for many keys: routing and the state
        // backend's range check must both use the configured value, or the job fails or misroutes.
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism).SetMaxParallelism(7);
        var sink = new CollectSink<(long Key, long Count, long Sum, int Subtask)>();
        env.FromSequence(0, 19_999)
            .Map(v => (Key: v % 250, Value: v))
            .KeyBy(t => t.Key)
            .Process(new AnnotatedCountAndSum())
            .SinkTo(sink);

        await env.ExecuteAsync("max-parallelism").WaitAsync(JobTimeout);

        var input = Enumerable.Range(0, 20_000).Select(i => (i % 250L, (long)i)).ToList();
        AssertKeyedCountsAndSums(input, sink.Results, parallelism, 7);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task UnionOfTwoSourcesFeedsBothIntoTheKeyedOperator(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<(long Key, long Count, long Sum, int Subtask)>();
        var first = env.FromSequence(0, 4_999);
        var second = env.FromSource(new SequenceSource(100_000, 107_999), "second").SetParallelism(1);
        first.Union(second)
            .Map(v => v * 2)
            .Filter(v => v % 3 != 0)
            .Map(v => (Key: v % 17, Value: v))
            .KeyBy(t => t.Key)
            .Process(new AnnotatedCountAndSum())
            .SinkTo(sink);

        await env.ExecuteAsync("union").WaitAsync(JobTimeout);

        var input = Enumerable.Range(0, 5_000).Select(i => (long)i)
            .Concat(Enumerable.Range(100_000, 8_000).Select(i => (long)i))
            .Select(v => v * 2)
            .Where(v => v % 3 != 0)
            .Select(v => (v % 17, v))
            .ToList();
        AssertKeyedCountsAndSums(input, sink.Results, parallelism, KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(parallelism));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task UnionWithoutKeyByKeepsEveryRecordOfBothInputs(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<long>();
        var first = env.FromSequence(0, 9_999);
        var second = env.FromCollection(Enumerable.Range(0, 3_000).Select(i => -1L - i));
        first.Union(second).Map(v => v + 1).SinkTo(sink);

        await env.ExecuteAsync("union-plain").WaitAsync(JobTimeout);

        var expected = Enumerable.Range(0, 10_000).Select(i => (long)i).Concat(Enumerable.Range(0, 3_000).Select(i => -1L - i)).Select(v => v + 1);
        Assert.Equal(expected.Order(), sink.Results.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task RebalanceSpreadsRecordsEvenlyAndKeepsThemAll(int parallelism)
    {
        const int Count = 10_000;
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<(long Value, int Subtask, int Parallelism)>();
        env.FromSequence(0, Count - 1).SetParallelism(1)
            .Rebalance()
            .Process(new TagSubtask<long>())
            .SinkTo(sink);

        var result = await env.ExecuteAsync("rebalance").WaitAsync(JobTimeout);

        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), sink.Results.Select(r => r.Value).Order());
        Assert.All(sink.Results, r => Assert.Equal(parallelism, r.Parallelism));

        // Round-robin from one producer: every subtask gets Count/p records, give or take one.
        var perSubtask = sink.Results.GroupBy(r => r.Subtask).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, parallelism), perSubtask.Keys.Order());
        Assert.All(perSubtask.Values, c => Assert.InRange(c, (Count / parallelism) - 1, (Count / parallelism) + 1));

        // A rebalance edge is never chained: the source is one task, the process function and sink another.
        Assert.Equal(2, result.VertexCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task BroadcastToThreeSubtasksDeliversEveryRecordToEach(int parallelism)
    {
        const int Count = 1_000;
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<(long Value, int Subtask, int Parallelism)>();
        env.FromSequence(0, Count - 1)
            .Broadcast()
            .Process(new TagSubtask<long>()).SetParallelism(3)
            .SinkTo(sink);

        await env.ExecuteAsync("broadcast").WaitAsync(JobTimeout);

        Assert.Equal(3 * Count, sink.Results.Count);
        for (int subtask = 0; subtask < 3; subtask++)
        {
            Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), sink.Results.Where(r => r.Subtask == subtask).Select(r => r.Value).Order());
        }

        Assert.All(sink.Results, r => Assert.Equal(3, r.Parallelism));
    }

    [Fact]
    public async Task ForwardWithEqualParallelismChainsAndKeepsRecords()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        var sink = new CollectSink<long>();
        env.FromSequence(0, 999).Forward().Map(v => v * 10).SinkTo(sink);

        var result = await env.ExecuteAsync("forward").WaitAsync(JobTimeout);

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => i * 10L), sink.Results.Order());
        Assert.Equal(1, result.VertexCount);
    }

    [Fact]
    public async Task ForwardWithUnequalParallelismIsRejectedWithFlinksMessage()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 99).Forward().Map(v => v).SetParallelism(3).SinkTo(new DiscardingSink<long>());

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => env.ExecuteAsync("forward-bad").WaitAsync(JobTimeout));

        Assert.Contains("Forward partitioning does not allow change of parallelism", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task PerOperatorParallelismOverridesTheEnvironment(int parallelism)
    {
        const int Count = 20_000;
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var tags = new ConcurrentQueue<(int Subtask, int Parallelism)>();
        var sink = new RecordingSink<(long Key, long Count, long Sum, int Subtask)>();
        env.FromSequence(0, Count - 1).SetParallelism(1)
            .Process(new TagSubtask<long>()).SetParallelism(3)
            .Map(t =>
            {
                tags.Enqueue((t.Subtask, t.Parallelism));
                return (Key: t.Value % 101, t.Value);
            }).SetParallelism(3)
            .KeyBy(t => t.Key)
            .Process(new AnnotatedCountAndSum()).SetParallelism(2)
            .SinkTo(sink).SetParallelism(1);

        var result = await env.ExecuteAsync("per-operator-parallelism").WaitAsync(JobTimeout);

        Assert.Equal(Count, tags.Count);
        Assert.All(tags, t => Assert.Equal(3, t.Parallelism));
        Assert.Equal([0, 1, 2], tags.Select(t => t.Subtask).Distinct().Order());

        var input = Enumerable.Range(0, Count).Select(i => (i % 101L, (long)i)).ToList();
        AssertKeyedCountsAndSums(input, sink.Results, 2, KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(2));
        Assert.Equal(new SinkWriterContext(0, 1), Assert.Single(sink.Contexts));

        // Source (1) | process + map (3, chained) | keyed process (2) | sink (1).
        Assert.Equal(4, result.VertexCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task ProcessFunctionSeesTheTimestampAssignedAtTheSource(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<(long Value, long? Timestamp)>();
        var strategy = WatermarkStrategy.ForMonotonousTimestamps<long>().WithTimestampAssigner((v, _) => 1_700_000_000_000 + (v * 10));
        env.FromSource(new CollectionSource<long>([.. Enumerable.Range(0, 5_000).Select(i => (long)i)]), strategy, "timestamped")
            .Rebalance()
            .Process(new WithTimestamp())
            .SinkTo(sink);

        await env.ExecuteAsync("timestamps").WaitAsync(JobTimeout);

        var expected = Enumerable.Range(0, 5_000).Select(i => ((long)i, (long?)(1_700_000_000_000 + (i * 10L))));
        Assert.Equal(expected.Order(), sink.Results.Order());
    }

    [Fact]
    public async Task ProcessFunctionSeesNoTimestampWithoutAnAssigner()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        var sink = new CollectSink<(long Value, long? Timestamp)>();
        env.FromSequence(0, 999).Process(new WithTimestamp()).SinkTo(sink);

        await env.ExecuteAsync("no-timestamps").WaitAsync(JobTimeout);

        Assert.Equal(1_000, sink.Results.Count);
        Assert.All(sink.Results, r => Assert.Null(r.Timestamp));
    }

    [Fact]
    public async Task KeyedStateInANonKeyedOperatorFailsTheJob()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 99).Process(new NonKeyedStateUser()).SinkTo(new DiscardingSink<long>());

        var ex = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("non-keyed-state").WaitAsync(JobTimeout));

        Assert.Contains("Keyed state can only be used on a 'keyed stream'", ex.Message);
        var inner = Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Contains("Keyed state can only be used on a 'keyed stream'", inner.Message);
    }

    [Fact]
    public async Task DuplicateUidIsRejected()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 99).Uid("same")
            .Map(v => v + 1).Uid("same")
            .SinkTo(new DiscardingSink<long>());

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => env.ExecuteAsync("duplicate-uid").WaitAsync(JobTimeout));

        Assert.Contains("Hash collision on user-specified ID", ex.Message);
        Assert.Contains("\"same\"", ex.Message);
    }

    [Fact]
    public async Task DuplicateUidOnASinkIsRejected()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(1);
        env.FromSequence(0, 99).Uid("ids").SinkTo(new DiscardingSink<long>()).Uid("ids");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => env.ExecuteAsync("duplicate-sink-uid").WaitAsync(JobTimeout));

        Assert.Contains("Hash collision on user-specified ID", ex.Message);
    }

    [Fact]
    public async Task DistinctUidsAreAccepted()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        var sink = new CollectSink<long>();
        env.FromSequence(0, 99).Uid("source").Map(v => v + 1).Uid("mapper").SinkTo(sink).Uid("sink");

        await env.ExecuteAsync("distinct-uids").WaitAsync(JobTimeout);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), sink.Results.Order());
    }

    [Fact]
    public async Task JobWithoutSinkIsRejected()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 99).Map(v => v + 1);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => env.ExecuteAsync("no-sink").WaitAsync(JobTimeout));

        Assert.Contains("No operators defined in streaming topology", ex.Message);
    }

    [Fact]
    public void UnsupportedKeyTypeIsRejectedAtKeyByNamingTheType()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        var stream = env.FromSequence(0, 99);

        var ex = Assert.Throws<NotSupportedException>(() => stream.KeyBy(v => new PlainKey(v)));

        Assert.Contains(typeof(PlainKey).FullName!, ex.Message);
        Assert.Contains(nameof(IStableHashable), ex.Message);
    }

    [Fact]
    public void TupleKeyWithAnUnsupportedElementIsRejectedAtKeyBy()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        var stream = env.FromSequence(0, 99);

        var ex = Assert.Throws<NotSupportedException>(() => stream.KeyBy(v => (v, new PlainKey(v))));

        Assert.Contains(nameof(PlainKey), ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task StableHashableKeyTypeIsAcceptedAndRoutedByItsStableHash(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<(StableKey Key, long Count, long Sum, int Subtask)>();
        env.FromSequence(0, 9_999)
            .Map(v => (Key: new StableKey(v % 97), Value: v))
            .KeyBy(t => t.Key)
            .Process(new CountAndSum<StableKey>())
            .SinkTo(sink);

        await env.ExecuteAsync("stable-key").WaitAsync(JobTimeout);

        var input = Enumerable.Range(0, 10_000).Select(i => (new StableKey(i % 97), (long)i)).ToList();
        AssertKeyedCountsAndSums(input, sink.Results, parallelism, KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(parallelism));
    }

    [Fact]
    public async Task CancellingAnUnboundedJobEndsItPromptly()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        long seen = 0;
        env.FromSource(new SequenceSource(0, long.MaxValue - 1, recordsPerSecondPerReader: 2_000), "endless")
            .Map(v =>
            {
                Interlocked.Increment(ref seen);
                return v;
            })
            .KeyBy(v => v % 10)
            .Process(new CountAndSumAdapter())
            .SinkTo(new DiscardingSink<long>());

        using var cts = new CancellationTokenSource();
        var job = env.ExecuteAsync("endless", cts.Token);

        // The job must really be running before it is cancelled.
        var running = Stopwatch.StartNew();
        while (Interlocked.Read(ref seen) == 0 && running.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.True(Interlocked.Read(ref seen) > 0, "The unbounded job emitted nothing within 10 s.");
        Assert.False(job.IsCompleted, "An unbounded job must not complete by itself: " + job.Status);

        var stopwatch = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(JobTimeout));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Cancellation took {stopwatch.Elapsed}.");
        Assert.True(job.IsCanceled, "The job's task should end in the Canceled state, not " + job.Status);
    }

    [Fact]
    public async Task AlreadyCancelledTokenEndsTheJobPromptly()
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSource(new SequenceSource(0, long.MaxValue - 1, recordsPerSecondPerReader: 1_000), "endless")
            .Map(v => v + 1)
            .SinkTo(new DiscardingSink<long>());

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => env.ExecuteAsync("pre-cancelled", new CancellationToken(canceled: true)).WaitAsync(JobTimeout));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Cancellation took {stopwatch.Elapsed}.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task FileSinkWritesOnePartFilePerSubtaskWhoseLinesTogetherEqualTheReference(int parallelism)
    {
        string directory = Path.Combine(Path.GetTempPath(), "flinksdk-filesink-" + Guid.NewGuid().ToString("N"));
        try
        {
            var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
            env.FromSequence(0, 9_999)
                .Filter(v => v % 7 != 3)
                .Map(v => $"line-{v} ünïcode")
                .SinkTo(FileSink.Lines<string>(directory));

            await env.ExecuteAsync("file-sink").WaitAsync(JobTimeout);

            var files = Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Enumerable.Range(0, parallelism).Select(i => $"part-{i}-0").Order(StringComparer.Ordinal), files);

            var expected = Enumerable.Range(0, 10_000).Where(v => v % 7 != 3).Select(v => $"line-{v} ünïcode").ToList();
            var lines = files.SelectMany(f => File.ReadAllLines(Path.Combine(directory, f!))).ToList();
            Assert.Equal(expected.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));

            // The chain is forward, so part-i-0 holds sequence reader i's contiguous range, in order.
            for (int i = 0; i < parallelism; i++)
            {
                long start = 10_000L * i / parallelism;
                long end = (10_000L * (i + 1) / parallelism) - 1;
                var expectedPart = expected.Where(l => long.Parse(l["line-".Length..l.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) is var v && v >= start && v <= end);
                Assert.Equal(expectedPart, File.ReadAllLines(Path.Combine(directory, $"part-{i}-0")));
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task PrintSinkPrefixesTheSubtaskOnlyWhenParallel(int parallelism)
    {
        var writer = new StringWriter();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        env.FromSequence(0, 99).SinkTo(new PrintSink<long>(writer));

        await env.ExecuteAsync("print").WaitAsync(JobTimeout);

        string[] lines = writer.ToString().Split(writer.NewLine, StringSplitOptions.RemoveEmptyEntries);
        if (parallelism == 1)
        {
            // One subtask: no prefix, and the order of the single reader is kept.
            Assert.Equal(Enumerable.Range(0, 100).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines);
        }
        else
        {
            // Subtask i (1-based in the prefix, as Flink's "2> ") printed reader i's range.
            var expected = Enumerable.Range(0, 100).Select(v => $"{Enumerable.Range(0, parallelism).Single(i => v >= 100 * i / parallelism && v < 100 * (i + 1) / parallelism) + 1}> {v}");
            Assert.Equal(expected.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("1> ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("2> ", StringComparison.Ordinal));
        }
    }

    /// <summary>Checks the output of a <see cref="CountAndSumBase{TKey}"/> against LINQ over its input.</summary>
    private static void AssertKeyedCountsAndSums<TKey>(
        IReadOnlyList<(TKey Key, long Value)> input,
        IReadOnlyList<(TKey Key, long Count, long Sum, int Subtask)> output,
        int parallelism,
        int maxParallelism)
        where TKey : notnull
    {
        var expected = input.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => (Count: (long)g.Count(), Sum: g.Sum(r => r.Value)));
        Assert.Equal(input.Count, output.Count);

        var byKey = output.GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(expected.Keys.ToHashSet().SetEquals(byKey.Keys), "The output's keys differ from the input's keys.");
        foreach (var (key, (count, sum)) in expected)
        {
            var records = byKey[key];

            // Each record saw the key's state exactly once: the running counts are 1..n, and the last sum is the total.
            Assert.Equal(Enumerable.Range(1, (int)count).Select(c => (long)c), records.Select(r => r.Count).Order());
            Assert.Equal(sum, records.Single(r => r.Count == count).Sum);

            // And the key lived in the one subtask owning its key group.
            int keyGroup = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(StableKeyHash.Of(key), maxParallelism);
            int owner = KeyGroupRangeAssignment.ComputeOperatorIndexForKeyGroup(keyGroup, maxParallelism, parallelism);
            Assert.All(records, r => Assert.Equal(owner, r.Subtask));
        }
    }

    /// <summary>Keyed pass-through used by the cancellation test, so the endless job crosses a network edge.</summary>
    [StatefulOperator]
    private sealed partial class CountAndSumAdapter : KeyedProcessFunction<long, long, long>
    {
        [State(1)]
        private long _count;

        public override void ProcessElement(long value, Context context, ICollector<long> output)
        {
            _count++;
            output.Collect(value);
        }
    }
}
