using System.Diagnostics;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.Runtime;

/// <summary>
/// A failing user function fails the whole job with a <see cref="JobExecutionException"/> that names the operator,
/// the subtask and the record and keeps the original exception; the job never hangs, and functions are closed.
/// </summary>
public partial class FailureTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The exception user code throws in these tests.</summary>
    private sealed class BoomException(string message) : Exception(message);

    /// <summary>The instance a user function threw, shared by all copies of the function.</summary>
    private sealed class Thrown
    {
        private Exception? _exception;

        public Exception? Exception => Volatile.Read(ref _exception);

        public BoomException Throw(string message)
        {
            var exception = new BoomException(message);
            Interlocked.CompareExchange(ref _exception, exception, null);
            return exception;
        }
    }

    /// <summary>Counts Open and Close calls over every subtask's copy of a function.</summary>
    private sealed class Tracker
    {
        private int _opens;
        private int _closes;

        public int Opens => Volatile.Read(ref _opens);

        public int Closes => Volatile.Read(ref _closes);

        public void Opened() => Interlocked.Increment(ref _opens);

        public void Closed() => Interlocked.Increment(ref _closes);
    }

    private sealed class FailingProcess(string failOn, Thrown thrown) : ProcessFunction<string, string>
    {
        public override void ProcessElement(string value, Context context, ICollector<string> output)
        {
            if (value == failOn)
            {
                throw thrown.Throw("process failed on " + value);
            }

            output.Collect(value);
        }
    }

    /// <summary>Counts per key and throws on one key; the subclasses keep the count in annotated or in explicit state.</summary>
    private abstract class FailingKeyed(string failOn, Thrown thrown) : KeyedProcessFunction<string, string, string>
    {
        public override void ProcessElement(string value, Context context, ICollector<string> output)
        {
            Increment();
            if (context.CurrentKey == failOn)
            {
                throw thrown.Throw("keyed failed on " + value);
            }

            output.Collect(value);
        }

        protected abstract void Increment();
    }

    [StatefulOperator]
    private sealed partial class AnnotatedFailingKeyed(string failOn, Thrown thrown) : FailingKeyed(failOn, thrown)
    {
        [State(1)]
        private long _count;

        protected override void Increment() => _count++;
    }

    private sealed class ExplicitFailingKeyed(string failOn, Thrown thrown) : FailingKeyed(failOn, thrown)
    {
        private IValueState<long> _count = null!;

        public override void Open(IRuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

        protected override void Increment() => _count.Value++;
    }

    private sealed class TrackedProcess(Tracker tracker, long failOn = -1, bool failInOpenOnSubtask0 = false, Thrown? thrown = null) : ProcessFunction<long, long>
    {
        public override void Open(IRuntimeContext context)
        {
            tracker.Opened();
            if (failInOpenOnSubtask0 && context.SubtaskIndex == 0)
            {
                throw (thrown ?? new Thrown()).Throw("open failed in " + context.OperatorName);
            }
        }

        public override void Close() => tracker.Closed();

        public override void ProcessElement(long value, Context context, ICollector<long> output)
        {
            if (value == failOn)
            {
                throw (thrown ?? new Thrown()).Throw("process failed on " + value);
            }

            output.Collect(value);
        }
    }

    private sealed class TrackedKeyed(Tracker tracker, long failOn = -1) : KeyedProcessFunction<long, long, long>
    {
        public override void Open(IRuntimeContext context) => tracker.Opened();

        public override void Close() => tracker.Closed();

        public override void ProcessElement(long value, Context context, ICollector<long> output)
        {
            if (value == failOn)
            {
                throw new BoomException("keyed failed on " + value);
            }

            output.Collect(value);
        }
    }

    /// <summary>A sink that fails on one record (or at flush) and counts its writers' life cycle.</summary>
    private sealed class TrackedSink<T>(Func<T, bool>? failOn = null, bool failOnFlush = false, Thrown? thrown = null) : ISink<T>
    {
        private int _created;
        private int _disposed;
        private int _flushed;

        public int Created => Volatile.Read(ref _created);

        public int Disposed => Volatile.Read(ref _disposed);

        public int Flushed => Volatile.Read(ref _flushed);

        public ISinkWriter<T> CreateWriter(SinkWriterContext context)
        {
            Interlocked.Increment(ref _created);
            return new Writer(this);
        }

        private Func<T, bool>? FailOn { get; } = failOn;

        private bool FailOnFlush { get; } = failOnFlush;

        private Thrown Thrown { get; } = thrown ?? new Thrown();

        private sealed class Writer(TrackedSink<T> sink) : ISinkWriter<T>
        {
            public void Write(T value, long? timestamp)
            {
                if (sink.FailOn?.Invoke(value) == true)
                {
                    throw sink.Thrown.Throw("sink failed on " + value);
                }
            }

            public void Flush()
            {
                Interlocked.Increment(ref sink._flushed);
                if (sink.FailOnFlush)
                {
                    throw sink.Thrown.Throw("sink failed at flush");
                }
            }

            public void Dispose() => Interlocked.Increment(ref sink._disposed);
        }
    }

    /// <summary>Runs records through one subtask-aware function: slow (and optionally failing) on one subtask.</summary>
    private sealed class SlowOnSubtask0(int sleepEvery, long failAfter, Thrown thrown) : ProcessFunction<long, long>
    {
        private int _subtask;
        private long _count;

        public override void Open(IRuntimeContext context) => _subtask = context.SubtaskIndex;

        public override void ProcessElement(long value, Context context, ICollector<long> output)
        {
            if (_subtask == 0)
            {
                if (++_count % sleepEvery == 0)
                {
                    Thread.Sleep(1);
                }

                if (_count == failAfter)
                {
                    throw thrown.Throw("slow subtask failed on " + value);
                }
            }

            output.Collect(value);
        }
    }

    [Theory]
    [InlineData("map", 1)]
    [InlineData("map", 2)]
    [InlineData("map", 4)]
    [InlineData("filter", 2)]
    [InlineData("flatmap", 2)]
    [InlineData("flatmap", 4)]
    [InlineData("process", 2)]
    public async Task ExceptionInAFunctionNamesOperatorSubtaskAndRecordAndKeepsTheCause(string kind, int parallelism)
    {
        const string Record = "rec-0777";
        var thrown = new Thrown();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var records = env.FromSequence(0, 999).Map(v => $"rec-{v:D4}");
        string name = "my-" + kind;
        DataStream<string> failing = kind switch
        {
            "map" => records.Map(s => s == Record ? throw thrown.Throw("map failed on " + s) : s.ToUpperInvariant()),
            "filter" => records.Filter(s => s == Record ? throw thrown.Throw("filter failed on " + s) : s.Length > 0),
            "flatmap" => records.FlatMap<string>((s, output) =>
            {
                output.Collect(s);
                if (s == Record)
                {
                    throw thrown.Throw("flatmap failed on " + s);
                }
            }),
            "process" => records.Process(new FailingProcess(Record, thrown)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        failing.Name(name).SinkTo(new DiscardingSink<string>());

        var ex = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("failing-" + kind).WaitAsync(JobTimeout));

        // The sequence is split into contiguous ranges and the chain is forward: record 777 is in this subtask.
        int subtask = Enumerable.Range(0, parallelism).Single(i => 777 >= 1000 * i / parallelism && 777 < 1000 * (i + 1) / parallelism);
        AssertFailure(ex, "failing-" + kind, name, subtask, parallelism, Record, thrown);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(3, false)]
    public async Task ExceptionInAKeyedProcessFunctionNamesTheSubtaskOwningTheKey(int parallelism, bool annotatedState)
    {
        const string Key = "boom-key";
        var thrown = new Thrown();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        env.FromCollection(Enumerable.Range(0, 500).Select(i => "word-" + (i % 37)).Append(Key).Concat(["x", "y"]))
            .KeyBy(s => s)
            .Process(annotatedState ? new AnnotatedFailingKeyed(Key, thrown) : (FailingKeyed)new ExplicitFailingKeyed(Key, thrown)).Name("my-keyed")
            .SinkTo(new DiscardingSink<string>());

        var ex = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("failing-keyed").WaitAsync(JobTimeout));

        int maxParallelism = KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(parallelism);
        int keyGroup = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(StableKeyHash.Of(Key), maxParallelism);
        int subtask = KeyGroupRangeAssignment.ComputeOperatorIndexForKeyGroup(keyGroup, maxParallelism, parallelism);
        AssertFailure(ex, "failing-keyed", "my-keyed", subtask, parallelism, Key, thrown);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ExceptionInASinkWriterNamesTheSink(int parallelism)
    {
        const string Record = "rec-0042";
        var thrown = new Thrown();
        var sink = new TrackedSink<string>(failOn: s => s == Record, thrown: thrown);
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        env.FromSequence(0, 999).Map(v => $"rec-{v:D4}").SinkTo(sink, "my-sink");

        var ex = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("failing-sink").WaitAsync(JobTimeout));

        AssertFailure(ex, "failing-sink", "my-sink", 0, parallelism, Record, thrown);
        Assert.Equal(sink.Created, sink.Disposed);
    }

    [Fact]
    public async Task ExceptionInASinkFlushNamesTheSinkWithoutARecord()
    {
        var thrown = new Thrown();
        var sink = new TrackedSink<long>(failOnFlush: true, thrown: thrown);
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(1);
        env.FromSequence(0, 9).SinkTo(sink).Name("flushing-sink");

        var ex = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("failing-flush").WaitAsync(JobTimeout));

        Assert.Equal("flushing-sink", ex.OperatorName);
        Assert.Contains("flushing-sink", ex.Message);
        Assert.Contains("(subtask 1/1)", ex.Message);
        Assert.Null(ex.Record);
        Assert.Same(thrown.Exception, ex.InnerException);
    }

    [Fact]
    public async Task ProducerFailingWhileItsSiblingIsBackPressuredDoesNotHang()
    {
        // Sink subtask 0 is slow, so both sources (rebalancing over both sinks) are back-pressured; source subtask 1
        // fails after it has pushed far more than the channels hold, i.e. while source subtask 0 waits for a buffer.
        const long Half = 50_000_000;
        var thrown = new Thrown();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, (2 * Half) - 1)
            .Map(v => v == Half + 30_000 ? throw thrown.Throw("source 2 failed on " + v) : v).Name("failing-map")
            .Rebalance()
            .Process(new SlowOnSubtask0(sleepEvery: 32, failAfter: -1, new Thrown()))
            .SinkTo(new DiscardingSink<long>());

        var stopwatch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("no-hang-producer").WaitAsync(JobTimeout));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"The failed job took {stopwatch.Elapsed} to end.");
        AssertFailure(ex, "no-hang-producer", "failing-map", 1, 2, (Half + 30_000).ToString(System.Globalization.CultureInfo.InvariantCulture), thrown);
    }

    [Fact]
    public async Task SlowConsumerFailingWhileItsProducersAreBackPressuredDoesNotHang()
    {
        var thrown = new Thrown();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 99_999_999)
            .Rebalance()
            .Process(new SlowOnSubtask0(sleepEvery: 32, failAfter: 20_000, thrown)).Name("slow-consumer")
            .SinkTo(new DiscardingSink<long>());

        var stopwatch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("no-hang-consumer").WaitAsync(JobTimeout));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"The failed job took {stopwatch.Elapsed} to end.");
        Assert.Equal("slow-consumer", ex.OperatorName);
        Assert.Equal(0, ex.SubtaskIndex);
        Assert.Contains("(subtask 1/2)", ex.Message);
        Assert.Same(thrown.Exception, ex.InnerException);
    }

    [Fact]
    public async Task ExceptionInOpenFailsTheJobWithTheOriginalCause()
    {
        var thrown = new Thrown();
        var tracker = new Tracker();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 999)
            .Process(new TrackedProcess(tracker, failInOpenOnSubtask0: true, thrown: thrown)).Name("opening")
            .SinkTo(new DiscardingSink<long>());

        var ex = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("failing-open").WaitAsync(JobTimeout));

        Assert.Equal("failing-open", ex.JobName);
        Assert.NotNull(thrown.Exception);
        Assert.Same(thrown.Exception, ex.InnerException);
        Assert.Contains("open failed in opening", ex.Message);
    }

    [Fact]
    public async Task ExceptionInOpenNamesTheOperatorAndSubtask()
    {
        // JobExecutionException: "the message names the operator, subtask and record"; OperatorName is "the operator
        // that failed, if a user function failed" - Open is a user function (Flink names the failed task "opening (1/2)").
        var thrown = new Thrown();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 999)
            .Process(new TrackedProcess(new Tracker(), failInOpenOnSubtask0: true, thrown: thrown)).Name("opening")
            .SinkTo(new DiscardingSink<long>());

        var ex = await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("failing-open-named").WaitAsync(JobTimeout));

        Assert.Same(thrown.Exception, ex.InnerException);
        Assert.Equal("opening", ex.OperatorName);
        Assert.Equal(0, ex.SubtaskIndex);
        Assert.Contains("(subtask 1/2)", ex.Message);
    }

    [Fact]
    public async Task FunctionsAndSinkWritersAreClosedAfterSuccess()
    {
        var process = new Tracker();
        var keyed = new Tracker();
        var sink = new TrackedSink<long>();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 9_999)
            .Process(new TrackedProcess(process))
            .KeyBy(v => v % 10)
            .Process(new TrackedKeyed(keyed))
            .SinkTo(sink);

        await env.ExecuteAsync("closes").WaitAsync(JobTimeout);

        Assert.Equal((2, 2), (process.Opens, process.Closes));
        Assert.Equal((2, 2), (keyed.Opens, keyed.Closes));
        Assert.Equal((2, 2, 2), (sink.Created, sink.Flushed, sink.Disposed));
    }

    [Fact]
    public async Task FunctionsAndSinkWritersAreClosedAfterAFailure()
    {
        var process = new Tracker();
        var keyed = new Tracker();
        var sink = new TrackedSink<long>();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 99_999)
            .Process(new TrackedProcess(process))
            .KeyBy(v => v % 10)
            .Process(new TrackedKeyed(keyed, failOn: 5_000))
            .SinkTo(sink);

        await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("closes-after-failure").WaitAsync(JobTimeout));

        Assert.Equal((2, 2), (process.Opens, process.Closes));
        Assert.Equal((2, 2), (keyed.Opens, keyed.Closes));
        Assert.Equal((2, 2), (sink.Created, sink.Disposed));
    }

    [Fact]
    public async Task FunctionSinkAndWritersOpenedBeforeAnOpenFailureAreClosed()
    {
        // "upstream" fails in Open on subtask 0. Whatever was opened there ("downstream", in whichever order the
        // chain is opened) must be closed, and every sink writer created at deployment disposed, as after any other
        // failure ("Called once after the last record (also when the job fails)").
        var upstream = new Tracker();
        var downstream = new Tracker();
        var sink = new TrackedSink<long>();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 999)
            .Process(new TrackedProcess(upstream, failInOpenOnSubtask0: true)).Name("upstream")
            .Process(new TrackedProcess(downstream)).Name("downstream")
            .SinkTo(sink);

        await Assert.ThrowsAsync<JobExecutionException>(() => env.ExecuteAsync("open-failure-closes").WaitAsync(JobTimeout));

        Assert.True(downstream.Opens >= 1, "Subtask 1 never opened its functions.");
        Assert.Equal(downstream.Opens, downstream.Closes);
        Assert.Equal(2, sink.Created);
        Assert.Equal(sink.Created, sink.Disposed);
    }

    [Fact]
    public async Task FunctionChainedToTheSourceIsOpenedAndClosedOncePerSubtask()
    {
        var tracker = new Tracker();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 999).Process(new TrackedProcess(tracker)).SinkTo(new DiscardingSink<long>());

        await env.ExecuteAsync("open-once").WaitAsync(JobTimeout);

        Assert.Equal(2, tracker.Opens);
        Assert.Equal(2, tracker.Closes);
    }

    [Fact]
    public async Task SinkChainedToTheSourceIsDisposedOncePerSubtask()
    {
        var sink = new TrackedSink<long>();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(2);
        env.FromSequence(0, 999).SinkTo(sink);

        await env.ExecuteAsync("dispose-once").WaitAsync(JobTimeout);

        Assert.Equal((2, 2, 2), (sink.Created, sink.Flushed, sink.Disposed));
    }

    private static void AssertFailure(JobExecutionException ex, string jobName, string operatorName, int subtask, int parallelism, string record, Thrown thrown)
    {
        Assert.Contains(jobName, ex.Message);
        Assert.Contains(operatorName, ex.Message);
        Assert.Contains($"(subtask {subtask + 1}/{parallelism})", ex.Message);
        Assert.Contains(record, ex.Message);

        Assert.Equal(jobName, ex.JobName);
        Assert.Equal(operatorName, ex.OperatorName);
        Assert.Equal(subtask, ex.SubtaskIndex);
        Assert.Equal(record, ex.Record);

        Assert.NotNull(thrown.Exception);
        Assert.Same(thrown.Exception, ex.InnerException);
        var inner = Assert.IsType<BoomException>(ex.InnerException);
        Assert.Equal(thrown.Exception.Message, inner.Message);
        Assert.Contains(thrown.Exception.Message, ex.Message);
    }
}
