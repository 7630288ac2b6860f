using System.Collections.Concurrent;
using System.Diagnostics;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;
using FlinkSdk.Time;

namespace FlinkSdk.Tests.Runtime;

/// <summary>
/// Event-time and processing-time timers of keyed process functions, watermark generation at the sources and
/// watermark combination (minimum over inputs) in the keyed operator, late records.
/// </summary>
public sealed partial class TimerAndWatermarkTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The key whose records only push the watermark forward (no timers).</summary>
    private const string Sentinel = "sentinel";

    // ---------------------------------------------------------------------------------------------------------
    // Event-time timers through a job
    // ---------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public async Task EventTimeTimersFireOncePerKeyAndTimeInAscendingOrderAfterTheWatermarkPassesThem(int parallelism, bool annotatedState)
    {
        const long delay = 1000;
        var events = OutOfOrderEvents(count: 1500, keys: 5, seed: 42);
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<Out>();
        env.FromSource(new ScriptedSource<Ev>(events), BoundedStrategy(100), "events")
            .KeyBy(e => e.Key)
            .Process(annotatedState ? new RegisteringFunction(delay) : (RegisteringFunctionBase)new ExplicitRegisteringFunction(delay))
            .SinkTo(sink);

        await RunToEndAsync(env);

        var fired = sink.Results.Where(o => o.Kind == "timer").ToList();

        // Every record registers ts+delay twice: one timer per distinct (key, time). Each record also replaces the
        // key's pending "+5" timer (deleting the previous one), so per key only the last record's "+5" timer remains.
        var expected = events.Where(e => e.Key != Sentinel).Select(e => (e.Key, e.Ts + delay))
            .Concat(events.Where(e => e.Key != Sentinel).GroupBy(e => e.Key).Select(g => (g.Key, g.Last().Ts + delay + 5)))
            .Distinct()
            .OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Item2)
            .ToList();
        var actual = fired.Select(o => (o.Key, o.Time)).OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Time).ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);

        Assert.All(fired, o =>
        {
            Assert.Equal(TimeDomain.EventTime, o.Domain);
            Assert.True(o.Watermark >= o.Time, $"timer {o.Time} of key {o.Key} fired at watermark {o.Watermark}");
            Assert.Equal(o.Time, o.Timestamp);
        });

        foreach (var perKey in fired.GroupBy(o => o.Key))
        {
            var times = perKey.Select(o => o.Time).ToList();
            for (int i = 1; i < times.Count; i++)
            {
                Assert.True(times[i - 1] < times[i], $"key {perKey.Key}: timer {times[i]} fired after timer {times[i - 1]}");
            }

            var watermarks = perKey.Select(o => o.Watermark).ToList();
            for (int i = 1; i < watermarks.Count; i++)
            {
                Assert.True(watermarks[i - 1] <= watermarks[i], $"key {perKey.Key}: watermark went back from {watermarks[i - 1]} to {watermarks[i]}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RemainingEventTimeTimersFireAtTheEndOfABoundedInputWithTheMaximumWatermark(int parallelism)
    {
        const long delay = 1_000_000;
        Ev[] events = [new("a", 100), new("b", 200), new("a", 300)];
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<Out>();
        env.FromSource(new ScriptedSource<Ev>(events), BoundedStrategy(10), "events")
            .KeyBy(e => e.Key)
            .Process(new RegisteringFunction(delay, pendingTimers: false))
            .SinkTo(sink);

        await RunToEndAsync(env);

        var fired = sink.Results.Where(o => o.Kind == "timer").OrderBy(o => o.Time).ToList();
        Assert.Equal([("a", 1_000_100L), ("b", 1_000_200L), ("a", 1_000_300L)], fired.Select(o => (o.Key, o.Time)).ToList());
        Assert.All(fired, o => Assert.Equal(long.MaxValue, o.Watermark));
        Assert.Equal([1_000_100L, 1_000_300L], fired.Where(o => o.Key == "a").Select(o => o.Time).ToList());
    }

    [Fact]
    public async Task OutputsOfEventTimeTimersCarryTheTimersTimestampAndElementOutputsTheRecordsTimestamp()
    {
        Ev[] events = [new("a", 1000), new("b", 1500), new("a", 2000), new(Sentinel, 1_000_000)];
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(1);
        var sink = new CollectSink<(Out Value, long? Timestamp)>();
        env.FromSource(new ScriptedSource<Ev>(events), BoundedStrategy(0), "events")
            .KeyBy(e => e.Key)
            .Process(new EchoAndTimerFunction(delay: 250))
            .Process(new AttachTimestamp<Out>())
            .SinkTo(sink);

        await RunToEndAsync(env);

        var elements = sink.Results.Where(r => r.Value.Kind == "element").ToList();
        var timers = sink.Results.Where(r => r.Value.Kind == "timer").ToList();
        Assert.Equal([1000L, 1500L, 2000L, 1_000_000L], elements.Select(r => r.Value.Time).ToList());
        Assert.All(elements, r => Assert.Equal(r.Value.Time, r.Timestamp));
        Assert.Equal([1250L, 1750L, 2250L], timers.Select(r => r.Value.Time).ToList());
        Assert.All(timers, r => Assert.Equal(r.Value.Time, r.Timestamp));
    }

    [Fact]
    public async Task LateRecordsReachProcessElementAndATimerForAPassedTimeFiresAtTheNextWatermark()
    {
        // One record per poll and monotonous timestamps: the watermark after each record is its timestamp - 1.
        Ev[] events = [new("k", 1000), new("k", 2000), new("k", 500), new("k", 3000), new(Sentinel, 1_000_000)];
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(1);
        var sink = new CollectSink<Out>();
        env.FromSource(new ScriptedSource<Ev>(events), WatermarkStrategy.ForMonotonousTimestamps<Ev>().WithTimestampAssigner((e, _) => e.Ts), "events")
            .KeyBy(e => e.Key)
            .Process(new LatenessFunction())
            .SinkTo(sink);

        await RunToEndAsync(env);

        var forK = sink.Results.Where(o => o.Key == "k").Select(o => $"{o.Kind}:{o.Time}@{Wm(o.Watermark)}").ToList();
        Assert.Equal(
            [
                "on-time:1000@min",
                "on-time:2000@999",
                "late:500@1999",
                "on-time:3000@1999",
                "timer:600@2999",
            ],
            forK);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Watermark combination: the minimum over inputs
    // ---------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task KeyedOperatorWatermarkIsTheMinimumOverItsInputsSoAFastInputCannotOvertakeASlowOne(int parallelism)
    {
        const int fastCount = 3000;
        var probe = new UnionProbe(fastCount);
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);

        // Fast: timestamps from 1,000,000 up; it ends (final watermark Long.MaxValue) while the slow input is held.
        var fast = env.FromSource(
                new SequenceSource(0, fastCount - 1),
                WatermarkStrategy.ForMonotonousTimestamps<long>().WithTimestampAssigner((v, _) => 1_000_000 + v),
                "fast")
            .Map(v => new Tagged("fast", v));

        // Slow: each subtask emits timestamps 10..50 (watermark at most 49), then holds until every fast record has
        // been processed by the keyed operator, then emits 60..100 and ends.
        var slow = env.FromSource(new HeldSource(probe), WatermarkStrategy.ForMonotonousTimestamps<long>().WithTimestampAssigner((v, _) => v), "slow")
            .Map(v => new Tagged("slow", v));

        var sink = new CollectSink<string>();
        fast.Union(slow)
            .KeyBy(t => t.Value % 4)
            .Process(new WatermarkBoundFunction(probe))
            .SinkTo(sink);

        await RunToEndAsync(env);

        Assert.Empty(probe.Violations);
        Assert.Equal(fastCount, probe.FastProcessed);
        Assert.True(probe.Released, "the slow source was never released");
        Assert.Equal(fastCount + (parallelism * 10), sink.Results.Count(r => r.StartsWith("element", StringComparison.Ordinal)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Processing-time timers
    // ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task ProcessingTimeTimersFireOnTheWallClockInAnUnboundedJob()
    {
        var dir = Directory.CreateTempSubdirectory("flinksdk-ptimers-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "keys.txt"), "a\nb\n");
            var env = StreamExecutionEnvironment.Create([]).SetParallelism(1);
            var sink = new SignalSink<Out>();
            env.FromSource(FileSource.Lines(dir.FullName, TimeSpan.FromMilliseconds(20)), "keys")
                .KeyBy(line => line)
                .Process(new ProcessingTimeFunction(delayMillis: 50))
                .SinkTo(sink);

            using var cts = new CancellationTokenSource();
            var job = env.ExecuteAsync("processing-time timers", cts.Token);
            try
            {
                await sink.WaitUntilAsync(items => items.Count(o => o.Kind == "timer") >= 2, job, JobTimeout);
            }
            finally
            {
                cts.Cancel();
            }

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(JobTimeout));

            var registered = sink.Items.Where(o => o.Kind == "element").ToDictionary(o => o.Key, o => o.Time);
            var timers = sink.Items.Where(o => o.Kind == "timer").ToList();
            Assert.Equal(["a", "b"], timers.Select(o => o.Key).Order(StringComparer.Ordinal).ToList());
            Assert.All(timers, o =>
            {
                Assert.Equal(TimeDomain.ProcessingTime, o.Domain);
                Assert.Equal(registered[o.Key], o.Time);
                Assert.Null(o.Timestamp);
                Assert.True(o.ProcessingTime >= o.Time, $"timer {o.Time} fired at processing time {o.ProcessingTime}");
            });
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ProcessingTimeTimersFollowTheEnvironmentClockAreDeduplicatedAndCanBeDeleted()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        long start = clock.NowMillis;
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(1);
        env.Clock = clock;
        var sink = new SignalSink<Out>();
        env.FromSource(new ScriptedSource<Ev>([new("k", 1)], keepAlive: true), "one record, then idle")
            .KeyBy(e => e.Key)
            .Process(new ClockTimersFunction())
            .SinkTo(sink);

        using var cts = new CancellationTokenSource();
        var job = env.ExecuteAsync("manual clock", cts.Token);
        try
        {
            await sink.WaitUntilAsync(items => items.Any(o => o.Kind == "element"), job, JobTimeout);

            // The clock does not move on its own: nothing can fire before it is advanced.
            clock.Advance(1000);
            await sink.WaitUntilAsync(items => items.Any(o => o.Kind == "timer" && o.Time == start + 70), job, JobTimeout);
        }
        finally
        {
            cts.Cancel();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(JobTimeout));

        var element = Assert.Single(sink.Items, o => o.Kind == "element");
        Assert.Equal(start, element.ProcessingTime);
        Assert.Null(element.Timestamp);

        var timers = sink.Items.Where(o => o.Kind == "timer").ToList();
        Assert.Equal([start + 50, start + 70], timers.Select(o => o.Time).ToList());
        Assert.All(timers, o =>
        {
            Assert.Equal("k", o.Key);
            Assert.Equal(TimeDomain.ProcessingTime, o.Domain);
            Assert.Null(o.Timestamp);
            Assert.Equal(start + 1000, o.ProcessingTime);
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // InternalTimerService
    // ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void TimerServiceFiresEventTimeTimersInTimeOrderUpToTheWatermark()
    {
        var service = new InternalTimerService<string>();
        Assert.Equal(long.MinValue, service.CurrentWatermark);
        service.RegisterEventTime("b", 30);
        service.RegisterEventTime("a", 10);
        service.RegisterEventTime("c", 20);
        service.RegisterEventTime("a", 40);

        var fired = new List<(string, long)>();
        service.AdvanceWatermark(19, t => fired.Add((t.Key, t.Timestamp)));
        Assert.Equal([("a", 10L)], fired);
        Assert.Equal(19, service.CurrentWatermark);

        service.AdvanceWatermark(30, t => fired.Add((t.Key, t.Timestamp)));
        Assert.Equal([("a", 10L), ("c", 20L), ("b", 30L)], fired);
        Assert.Equal([("a", 40L)], service.EventTimeTimers.Select(t => (t.Key, t.Timestamp)).ToList());

        service.AdvanceWatermark(long.MaxValue, t => fired.Add((t.Key, t.Timestamp)));
        Assert.Equal([("a", 10L), ("c", 20L), ("b", 30L), ("a", 40L)], fired);
        Assert.Empty(service.EventTimeTimers);
    }

    [Fact]
    public void TimerServiceDeduplicatesPerKeyAndTime()
    {
        var service = new InternalTimerService<string>();
        Assert.True(service.RegisterEventTime("a", 10));
        Assert.False(service.RegisterEventTime("a", 10));
        Assert.True(service.RegisterEventTime("b", 10));
        Assert.True(service.RegisterProcessingTime("a", 10));
        Assert.False(service.RegisterProcessingTime("a", 10));

        var fired = new List<(string, long)>();
        service.AdvanceWatermark(100, t => fired.Add((t.Key, t.Timestamp)));
        Assert.Equal([("a", 10L), ("b", 10L)], fired.OrderBy(f => f.Item1, StringComparer.Ordinal).ToList());

        // The processing-time timer of the same key and time is separate.
        var firedProcessing = new List<(string, long)>();
        service.AdvanceProcessingTime(100, t => firedProcessing.Add((t.Key, t.Timestamp)));
        Assert.Equal([("a", 10L)], firedProcessing);

        // Once fired, the same key and time can be registered again, and fires again.
        Assert.True(service.RegisterEventTime("a", 10));
        service.AdvanceWatermark(101, t => fired.Add((t.Key, t.Timestamp)));
        Assert.Equal(3, fired.Count);
    }

    [Fact]
    public void TimerServiceDoesNotFireDeletedTimersAndFiresReRegisteredOnesOnce()
    {
        var service = new InternalTimerService<string>();
        service.RegisterEventTime("a", 10);
        service.RegisterEventTime("a", 20);
        service.RegisterEventTime("b", 10);
        service.DeleteEventTime("a", 10);
        service.DeleteEventTime("a", 999); // not registered: no effect
        service.DeleteEventTime("c", 20); // other key: no effect
        service.RegisterEventTime("b", 30);
        service.DeleteEventTime("b", 30);
        service.RegisterEventTime("b", 30);

        var fired = new List<(string, long)>();
        service.AdvanceWatermark(100, t => fired.Add((t.Key, t.Timestamp)));
        Assert.Equal([("b", 10L), ("a", 20L), ("b", 30L)], fired);

        service.RegisterProcessingTime("p", 5);
        service.DeleteProcessingTime("p", 5);
        var firedProcessing = new List<(string, long)>();
        service.AdvanceProcessingTime(long.MaxValue, t => firedProcessing.Add((t.Key, t.Timestamp)));
        Assert.Empty(firedProcessing);
        Assert.Empty(service.ProcessingTimeTimers);
    }

    [Fact]
    public void TimerServiceFiresTimersRegisteredWhileFiringWhenTheyAreDue()
    {
        var service = new InternalTimerService<string>();
        service.RegisterEventTime("a", 10);
        var fired = new List<long>();
        service.AdvanceWatermark(50, t =>
        {
            fired.Add(t.Timestamp);
            if (t.Timestamp == 10)
            {
                service.RegisterEventTime("a", 5); // already passed: due now
                service.RegisterEventTime("a", 40); // due at this watermark
                service.RegisterEventTime("a", 60); // not yet
            }
        });

        Assert.Equal([10L, 5L, 40L], fired);
        Assert.Equal([60L], service.EventTimeTimers.Select(t => t.Timestamp).ToList());
    }

    [Fact]
    public void TimerServiceReportsTheEarliestLiveProcessingTime()
    {
        var service = new InternalTimerService<int>();
        Assert.Null(service.NextProcessingTime);

        service.RegisterProcessingTime(1, 300);
        service.RegisterProcessingTime(2, 100);
        service.RegisterProcessingTime(3, 200);
        Assert.Equal(100, service.NextProcessingTime);

        service.DeleteProcessingTime(2, 100);
        Assert.Equal(200, service.NextProcessingTime);

        // Event-time timers do not count.
        service.RegisterEventTime(4, 1);
        Assert.Equal(200, service.NextProcessingTime);

        var fired = new List<(int, long)>();
        service.AdvanceProcessingTime(199, t => fired.Add((t.Key, t.Timestamp)));
        Assert.Empty(fired);
        service.AdvanceProcessingTime(250, t => fired.Add((t.Key, t.Timestamp)));
        Assert.Equal([(3, 200L)], fired);
        Assert.Equal(300, service.NextProcessingTime);

        service.AdvanceProcessingTime(300, t => fired.Add((t.Key, t.Timestamp)));
        Assert.Equal([(3, 200L), (1, 300L)], fired);
        Assert.Null(service.NextProcessingTime);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Watermark generation
    // ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void BoundedOutOfOrdernessWatermarkIsMaxTimestampMinusOutOfOrdernessMinusOneAndOnlyAdvances()
    {
        var generator = new BoundedOutOfOrdernessWatermarks(100);
        Assert.False(generator.TryAdvance(out _));

        generator.OnEvent(1000);
        Assert.True(generator.TryAdvance(out long watermark));
        Assert.Equal(899, watermark);
        Assert.False(generator.TryAdvance(out _));

        generator.OnEvent(500); // out of order: the maximum stays
        generator.OnEvent(1000); // equal: no advance
        Assert.False(generator.TryAdvance(out _));

        generator.OnEvent(1001);
        generator.OnEvent(1500);
        generator.OnEvent(1200);
        Assert.True(generator.TryAdvance(out watermark));
        Assert.Equal(1399, watermark);
    }

    [Fact]
    public void WatermarkStrategiesConfigureTheirGenerators()
    {
        var monotonous = WatermarkStrategy.ForMonotonousTimestamps<int>().CreateGenerator();
        monotonous.OnEvent(42);
        Assert.True(monotonous.TryAdvance(out long watermark));
        Assert.Equal(41, watermark);

        var bounded = WatermarkStrategy.ForBoundedOutOfOrderness<int>(TimeSpan.FromSeconds(2)).WithTimestampAssigner((v, _) => v);
        Assert.Equal(TimeSpan.FromSeconds(2), bounded.MaxOutOfOrderness);
        Assert.Equal(7, bounded.TimestampAssigner!(7, long.MinValue));
        var generator = bounded.CreateGenerator();
        generator.OnEvent(10_000);
        Assert.True(generator.TryAdvance(out watermark));
        Assert.Equal(7_999, watermark);

        Assert.Null(WatermarkStrategy.NoWatermarks<int>().MaxOutOfOrderness);
        Assert.Throws<ArgumentOutOfRangeException>(() => WatermarkStrategy.ForBoundedOutOfOrderness<int>(TimeSpan.FromMilliseconds(-1)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    private static string Wm(long watermark) => watermark switch
    {
        long.MinValue => "min",
        long.MaxValue => "max",
        _ => watermark.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static WatermarkStrategy<Ev> BoundedStrategy(long outOfOrdernessMillis) =>
        WatermarkStrategy.ForBoundedOutOfOrderness<Ev>(TimeSpan.FromMilliseconds(outOfOrdernessMillis)).WithTimestampAssigner((e, _) => e.Ts);

    /// <summary>Timestamps step by 10 with a jitter of at most ±40 (all multiples of 10), then a far-ahead sentinel.</summary>
    private static List<Ev> OutOfOrderEvents(int count, int keys, int seed)
    {
        var random = new Random(seed);
        var events = new List<Ev>(count + 1);
        for (int i = 0; i < count; i++)
        {
            long ts = 1000 + (i * 10L) + (random.Next(-4, 5) * 10L);
            events.Add(new Ev($"k{i % keys}", ts));
        }

        // Moves the watermark beyond every timer before the input ends.
        events.Add(new Ev(Sentinel, 10_000_000));
        return events;
    }

    private static async Task RunToEndAsync(StreamExecutionEnvironment env)
    {
        using var cts = new CancellationTokenSource();
        var job = env.ExecuteAsync("timers", cts.Token);
        try
        {
            await job.WaitAsync(JobTimeout);
        }
        finally
        {
            cts.Cancel();
        }
    }

    private sealed record Ev(string Key, long Ts);

    private sealed record Tagged(string Source, long Value);

    /// <summary>What the test functions emit: an element or a fired timer, with the time and watermark seen.</summary>
    private sealed record Out(string Kind, string Key, long Time, long Watermark, long? Timestamp, TimeDomain? Domain, long ProcessingTime = 0);

    /// <summary>
    /// Registers an event-time timer at ts+delay (twice) per record; optionally keeps one "+5" timer per key, deleting the
    /// previous. The subclasses keep that pending timer in annotated or in explicit state.
    /// </summary>
    private abstract class RegisteringFunctionBase(long delay, bool pendingTimers) : KeyedProcessFunction<string, Ev, Out>
    {
        /// <summary>The current key's pending "+5" timer.</summary>
        protected abstract long? Pending { get; set; }

        public override void ProcessElement(Ev value, Context context, ICollector<Out> output)
        {
            if (value.Key == Sentinel)
            {
                return;
            }

            var timers = context.TimerService;
            timers.RegisterEventTimeTimer(value.Ts + delay);
            timers.RegisterEventTimeTimer(value.Ts + delay);
            if (pendingTimers)
            {
                if (Pending is { } previous)
                {
                    timers.DeleteEventTimeTimer(previous);
                }

                long next = value.Ts + delay + 5;
                Pending = next;
                timers.RegisterEventTimeTimer(next);
            }
        }

        public override void OnTimer(long timestamp, OnTimerContext context, ICollector<Out> output) =>
            output.Collect(new Out("timer", context.CurrentKey, timestamp, context.TimerService.CurrentWatermark, context.Timestamp, context.TimeDomain));
    }

    [StatefulOperator]
    private sealed partial class RegisteringFunction(long delay, bool pendingTimers = true) : RegisteringFunctionBase(delay, pendingTimers)
    {
        [State(1)]
        private long? _pending;

        protected override long? Pending
        {
            get => _pending;
            set => _pending = value;
        }
    }

    private sealed class ExplicitRegisteringFunction(long delay) : RegisteringFunctionBase(delay, pendingTimers: true)
    {
        private IValueState<long> _pending = null!;

        public override void Open(IRuntimeContext context) => _pending = context.GetState(new ValueStateDescriptor<long>("pending"));

        protected override long? Pending
        {
            get => _pending.HasValue ? _pending.Value : null;
            set => _pending.Value = value ?? throw new ArgumentNullException(nameof(value));
        }
    }

    /// <summary>Echoes each record and registers an event-time timer at ts+delay.</summary>
    private sealed class EchoAndTimerFunction(long delay) : KeyedProcessFunction<string, Ev, Out>
    {
        public override void ProcessElement(Ev value, Context context, ICollector<Out> output)
        {
            output.Collect(new Out("element", value.Key, value.Ts, context.TimerService.CurrentWatermark, context.Timestamp, null));
            if (value.Key != Sentinel)
            {
                context.TimerService.RegisterEventTimeTimer(value.Ts + delay);
            }
        }

        public override void OnTimer(long timestamp, OnTimerContext context, ICollector<Out> output) =>
            output.Collect(new Out("timer", context.CurrentKey, timestamp, context.TimerService.CurrentWatermark, context.Timestamp, context.TimeDomain));
    }

    /// <summary>Pairs each record with the timestamp it carries.</summary>
    private sealed class AttachTimestamp<T> : ProcessFunction<T, (T, long?)>
    {
        public override void ProcessElement(T value, Context context, ICollector<(T, long?)> output) => output.Collect((value, context.Timestamp));
    }

    /// <summary>Routes late records (timestamp below the watermark) and registers a timer 100 ms after each late record.</summary>
    private sealed class LatenessFunction : KeyedProcessFunction<string, Ev, Out>
    {
        public override void ProcessElement(Ev value, Context context, ICollector<Out> output)
        {
            long watermark = context.TimerService.CurrentWatermark;
            bool late = watermark > context.Timestamp;
            output.Collect(new Out(late ? "late" : "on-time", value.Key, value.Ts, watermark, context.Timestamp, null));
            if (late)
            {
                context.TimerService.RegisterEventTimeTimer(value.Ts + 100);
            }
        }

        public override void OnTimer(long timestamp, OnTimerContext context, ICollector<Out> output) =>
            output.Collect(new Out("timer", context.CurrentKey, timestamp, context.TimerService.CurrentWatermark, context.Timestamp, context.TimeDomain));
    }

    /// <summary>Registers a processing-time timer <paramref name="delayMillis"/> after each record.</summary>
    private sealed class ProcessingTimeFunction(long delayMillis) : KeyedProcessFunction<string, string, Out>
    {
        public override void ProcessElement(string value, Context context, ICollector<Out> output)
        {
            long at = context.TimerService.CurrentProcessingTime + delayMillis;
            context.TimerService.RegisterProcessingTimeTimer(at);
            output.Collect(new Out("element", context.CurrentKey, at, context.TimerService.CurrentWatermark, context.Timestamp, null));
        }

        public override void OnTimer(long timestamp, OnTimerContext context, ICollector<Out> output) =>
            output.Collect(new Out("timer", context.CurrentKey, timestamp, context.TimerService.CurrentWatermark, context.Timestamp, context.TimeDomain, context.TimerService.CurrentProcessingTime));
    }

    /// <summary>Registers processing-time timers at now+50 (twice), now+60 (deleted) and now+70.</summary>
    private sealed class ClockTimersFunction : KeyedProcessFunction<string, Ev, Out>
    {
        public override void ProcessElement(Ev value, Context context, ICollector<Out> output)
        {
            var timers = context.TimerService;
            long now = timers.CurrentProcessingTime;
            timers.RegisterProcessingTimeTimer(now + 50);
            timers.RegisterProcessingTimeTimer(now + 50);
            timers.RegisterProcessingTimeTimer(now + 60);
            timers.RegisterProcessingTimeTimer(now + 70);
            timers.DeleteProcessingTimeTimer(now + 60);
            output.Collect(new Out("element", context.CurrentKey, value.Ts, timers.CurrentWatermark, context.Timestamp, null, now));
        }

        public override void OnTimer(long timestamp, OnTimerContext context, ICollector<Out> output) =>
            output.Collect(new Out("timer", context.CurrentKey, timestamp, context.TimerService.CurrentWatermark, context.Timestamp, context.TimeDomain, context.TimerService.CurrentProcessingTime));
    }

    /// <summary>Shared between the slow source and the keyed function of the union test (across subtasks).</summary>
    private sealed class UnionProbe(int fastCount)
    {
        private int _fastProcessed;
        private volatile bool _released;

        public ConcurrentQueue<string> Violations { get; } = new();

        public int FastProcessed => Volatile.Read(ref _fastProcessed);

        public bool Released => _released;

        public void OnFastProcessed()
        {
            if (Interlocked.Increment(ref _fastProcessed) == fastCount)
            {
                _released = true;
            }
        }
    }

    /// <summary>Each subtask emits 10..50, holds until the probe is released, then emits 60..100.</summary>
    private sealed class HeldSource(UnionProbe probe) : ISource<long>
    {
        public bool IsBounded => true;

        public ISourceReader<long> CreateReader(SourceReaderContext context) => new Reader(probe);

        private sealed class Reader(UnionProbe probe) : ISourceReader<long>
        {
            private long _next = 10;

            public SourcePosition Position => new(string.Empty, _next);

            public InputStatus PollNext(ISourceOutput<long> output)
            {
                if (_next > 100)
                {
                    return InputStatus.EndOfInput;
                }

                if (_next > 50 && !probe.Released)
                {
                    return InputStatus.NothingAvailable;
                }

                output.Collect(_next);
                _next += 10;
                return InputStatus.MoreAvailable;
            }

            public void Seek(SourcePosition position) => _next = position.Offset;

            public void Dispose()
            {
            }
        }
    }

    /// <summary>
    /// While the slow input is held (its watermark is at most 49), the keyed operator's watermark must stay at or
    /// below 49, whatever the fast input's watermark; checked for every record and every timer.
    /// </summary>
    private sealed class WatermarkBoundFunction(UnionProbe probe) : KeyedProcessFunction<long, Tagged, string>
    {
        private const long SlowHeldWatermark = 49;

        public override void ProcessElement(Tagged value, Context context, ICollector<string> output)
        {
            long watermark = context.TimerService.CurrentWatermark;
            if (!probe.Released && watermark > SlowHeldWatermark)
            {
                probe.Violations.Enqueue($"{value} processed at watermark {watermark} while the slow input's watermark was at most {SlowHeldWatermark}");
            }

            context.TimerService.RegisterEventTimeTimer(context.Timestamp!.Value);
            output.Collect($"element {value}");
            if (value.Source == "fast")
            {
                probe.OnFastProcessed();
            }
        }

        public override void OnTimer(long timestamp, OnTimerContext context, ICollector<string> output)
        {
            long watermark = context.TimerService.CurrentWatermark;
            if (!probe.Released && watermark > SlowHeldWatermark)
            {
                probe.Violations.Enqueue($"timer {timestamp} fired at watermark {watermark} while the slow input's watermark was at most {SlowHeldWatermark}");
            }

            output.Collect($"timer {timestamp}");
        }
    }

    /// <summary>Emits its elements one per poll from subtask 0 (so a watermark can follow every record), then ends or idles.</summary>
    private sealed class ScriptedSource<T>(IReadOnlyList<T> elements, bool keepAlive = false) : ISource<T>
    {
        public bool IsBounded => !keepAlive;

        public ISourceReader<T> CreateReader(SourceReaderContext context) => new Reader(context.SubtaskIndex == 0 ? elements : [], keepAlive);

        private sealed class Reader(IReadOnlyList<T> elements, bool keepAlive) : ISourceReader<T>
        {
            private int _next;

            public SourcePosition Position => new(string.Empty, _next);

            public InputStatus PollNext(ISourceOutput<T> output)
            {
                if (_next < elements.Count)
                {
                    output.Collect(elements[_next++]);
                    return InputStatus.MoreAvailable;
                }

                return keepAlive ? InputStatus.NothingAvailable : InputStatus.EndOfInput;
            }

            public void Seek(SourcePosition position) => _next = (int)position.Offset;

            public void Dispose()
            {
            }
        }
    }

    /// <summary>A processing-time clock that only moves when told to.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private long _millis = start.ToUnixTimeMilliseconds();

        public long NowMillis => Interlocked.Read(ref _millis);

        public void Advance(long millis) => Interlocked.Add(ref _millis, millis);

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMillis);
    }
}
