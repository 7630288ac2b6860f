using System.Diagnostics;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.Graph;

namespace FlinkSdk.Tests.Runtime;

/// <summary>
/// Channels own a fixed number of batches (Flink's credits), so a slow consumer stops its producers and the records
/// in flight stay bounded by <c>channels × BatchesPerChannel × BatchSize</c>, whatever the length of the input.
/// </summary>
public class BackPressureTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(30);

    private const int BatchCapacity = NetworkEdge<long>.BatchesPerChannel * NetworkEdge<long>.BatchSize;

    /// <summary>A sink whose writers wait at a gate the test opens; counts what was written.</summary>
    private sealed class GatedSink : ISink<long>
    {
        private long _written;

        public ManualResetEventSlim Gate { get; } = new(false);

        public ManualResetEventSlim Entered { get; } = new(false);

        public long Written => Interlocked.Read(ref _written);

        public ISinkWriter<long> CreateWriter(SinkWriterContext context) => new Writer(this);

        private sealed class Writer(GatedSink sink) : ISinkWriter<long>
        {
            public void Write(long value, long? timestamp)
            {
                if (!sink.Entered.IsSet)
                {
                    sink.Entered.Set();
                }

                // Bounded, so a broken job cannot keep a thread forever; the test fails long before.
                if (!sink.Gate.Wait(TimeSpan.FromSeconds(60)))
                {
                    throw new TimeoutException("The test never opened the sink's gate.");
                }

                Interlocked.Increment(ref sink._written);
            }

            public void Flush()
            {
            }

            public void Dispose()
            {
            }
        }
    }

    /// <summary>A sink that sleeps 1 ms every <c>every</c> records and records the largest lag behind the source.</summary>
    private sealed class SlowSink(Func<long> produced, int every) : ISink<long>
    {
        private long _written;
        private long _maxInFlight;

        public long Written => Interlocked.Read(ref _written);

        public long MaxInFlight => Interlocked.Read(ref _maxInFlight);

        private Func<long> Produced { get; } = produced;

        private int Every { get; } = every;

        public ISinkWriter<long> CreateWriter(SinkWriterContext context) => new Writer(this);

        private sealed class Writer(SlowSink sink) : ISinkWriter<long>
        {
            private long _count;

            public void Write(long value, long? timestamp)
            {
                long inFlight = sink.Produced() - Interlocked.Read(ref sink._written);
                long max;
                while (inFlight > (max = Interlocked.Read(ref sink._maxInFlight)) && Interlocked.CompareExchange(ref sink._maxInFlight, inFlight, max) != max)
                {
                }

                Interlocked.Increment(ref sink._written);
                if (++_count % sink.Every == 0)
                {
                    Thread.Sleep(1);
                }
            }

            public void Flush()
            {
            }

            public void Dispose()
            {
            }
        }
    }

    [Fact]
    public async Task BlockedSinkStopsTheSourceWithinTheChannelCapacity()
    {
        const long Count = 1_000_000;
        const int SinkParallelism = 2;
        long emitted = 0;
        var sink = new GatedSink();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(SinkParallelism);
        env.FromSequence(0, Count - 1).SetParallelism(1)
            .Map(v =>
            {
                Interlocked.Increment(ref emitted);
                return v;
            }).SetParallelism(1)
            .KeyBy(v => v)
            .SinkTo(sink);

        var job = env.ExecuteAsync("blocked-sink");
        try
        {
            Assert.True(sink.Entered.Wait(TimeSpan.FromSeconds(10)), "The sink never received a record.");
            long stalledAt = await WaitUntilStable(() => Interlocked.Read(ref emitted), job);

            // One producer, two consumers: two channels of BatchesPerChannel batches of BatchSize records each.
            // Allowance: one more batch per channel, and one poll of the source held by its chain.
            long bound = (SinkParallelism * (NetworkEdge<long>.BatchesPerChannel + 1) * (long)NetworkEdge<long>.BatchSize) + NetworkEdge<long>.BatchSize;
            Assert.True(stalledAt <= bound, $"The source ran ahead to {stalledAt} records while the sink was blocked; back-pressure should stop it at {bound}.");
            Assert.True(stalledAt >= NetworkEdge<long>.BatchSize, $"The source stopped at {stalledAt}, before filling even one batch.");
            Assert.False(job.IsCompleted, "The job finished although its sink was blocked: " + job.Status);
            Assert.Equal(0, sink.Written);
        }
        finally
        {
            sink.Gate.Set();
        }

        await job.WaitAsync(JobTimeout);
        Assert.Equal(Count, sink.Written);
        Assert.Equal(Count, Interlocked.Read(ref emitted));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task BlockedSinkBackPressuresThroughAKeyedOperatorToEverySource(int parallelism)
    {
        const long Count = 1_000_000;
        long emitted = 0;
        var sink = new GatedSink();
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        env.FromSequence(0, Count - 1)
            .Map(v =>
            {
                Interlocked.Increment(ref emitted);
                return v;
            })
            .KeyBy(v => v % 1_000)
            .Process(new PassThrough())
            .Rebalance()
            .SinkTo(sink);

        var job = env.ExecuteAsync("blocked-two-hops");
        try
        {
            Assert.True(sink.Entered.Wait(TimeSpan.FromSeconds(10)), "The sink never received a record.");
            long stalledAt = await WaitUntilStable(() => Interlocked.Read(ref emitted), job);

            // Two edges of p×p channels each; each channel holds its batches plus one being filled, and each task
            // (sources, keyed operators) may hold one batch's worth while blocked.
            long channels = 2L * parallelism * parallelism;
            long bound = (channels * (NetworkEdge<long>.BatchesPerChannel + 1) * NetworkEdge<long>.BatchSize) + (2L * parallelism * NetworkEdge<long>.BatchSize);
            Assert.True(stalledAt <= bound, $"The sources ran ahead to {stalledAt} records while the sink was blocked; back-pressure should stop them at {bound}.");
            Assert.False(job.IsCompleted, "The job finished although its sink was blocked: " + job.Status);
        }
        finally
        {
            sink.Gate.Set();
        }

        await job.WaitAsync(JobTimeout);
        Assert.Equal(Count, sink.Written);
    }

    [Fact]
    public async Task SlowSinkKeepsRecordsInFlightBounded()
    {
        const long Count = 300_000;
        const int SinkParallelism = 2;
        long emitted = 0;
        var sink = new SlowSink(() => Interlocked.Read(ref emitted), every: 256);
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(SinkParallelism);
        env.FromSequence(0, Count - 1).SetParallelism(1)
            .Map(v =>
            {
                Interlocked.Increment(ref emitted);
                return v;
            }).SetParallelism(1)
            .KeyBy(v => v)
            .SinkTo(sink);

        await env.ExecuteAsync("slow-sink").WaitAsync(JobTimeout);

        Assert.Equal(Count, sink.Written);
        long bound = (SinkParallelism * (NetworkEdge<long>.BatchesPerChannel + 1) * (long)NetworkEdge<long>.BatchSize) + NetworkEdge<long>.BatchSize;
        Assert.True(sink.MaxInFlight <= bound, $"Up to {sink.MaxInFlight} records were between the source and the slow sink; at most {bound} fit in the channels.");
        Assert.True(sink.MaxInFlight >= BatchCapacity / 2, $"Only {sink.MaxInFlight} records were ever in flight: the sink was not the bottleneck, so the test proves nothing.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RateLimitedSequenceSourceTakesAtLeastCountOverRate(int parallelism)
    {
        const long Count = 1_200;
        const double RatePerReader = 2_000;
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<long>();
        env.FromSource(new SequenceSource(0, Count - 1, recordsPerSecondPerReader: RatePerReader), "rated").SinkTo(sink);

        var stopwatch = Stopwatch.StartNew();
        await env.ExecuteAsync("rated").WaitAsync(JobTimeout);
        stopwatch.Stop();

        Assert.Equal(Enumerable.Range(0, (int)Count).Select(i => (long)i), sink.Results.Order());

        // Each reader emits Count/p records at RatePerReader per second (the first one immediately).
        double minimumSeconds = ((Count / parallelism) - 1) / RatePerReader;
        Assert.True(stopwatch.Elapsed.TotalSeconds >= minimumSeconds * 0.9, $"The rate-limited job took {stopwatch.Elapsed.TotalSeconds:F3} s; at {RatePerReader}/s per reader it needs at least {minimumSeconds:F3} s.");
    }

    /// <summary>Polls <paramref name="progress"/> until it has not moved for half a second; fails after 15 s.</summary>
    private static async Task<long> WaitUntilStable(Func<long> progress, Task job)
    {
        var stopwatch = Stopwatch.StartNew();
        long last = progress();
        int unchanged = 0;
        while (unchanged < 10)
        {
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(15))
            {
                Assert.Fail($"The source kept advancing ({progress()} records) for 15 s while the sink was blocked.");
            }

            if (job.IsCompleted)
            {
                await job; // Surfaces a failure of the job as the test's failure.
                Assert.Fail("The job completed while its sink was blocked.");
            }

            await Task.Delay(50);
            long now = progress();
            unchanged = now == last ? unchanged + 1 : 0;
            last = now;
        }

        return last;
    }

    private sealed class PassThrough : KeyedProcessFunction<long, long, long>
    {
        public override void ProcessElement(long value, Context context, ICollector<long> output) => output.Collect(value);
    }
}
