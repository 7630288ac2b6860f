using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Benchmarks;

/// <summary>
/// The keyed count pipeline (sequence source → FlatMap → KeyBy → count per key → discarding sink) against a bare
/// single-threaded loop doing the same counting, measured side by side in one process.
/// </summary>
internal static class ThroughputHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        long records = Option(args, "--records", 20_000_000);
        long keys = Option(args, "--keys", 100_000);
        int parallelism = (int)Option(args, "--parallelism", 2);

        Console.WriteLine($"Keyed count: {records:N0} records over {keys:N0} keys, parallelism {parallelism}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        // Warm up both paths (JIT, tiered compilation) before measuring.
        await RunPipeline(records / 10, keys, parallelism);
        RunBareLoop(records / 10, keys);

        var half = await Measure(() => RunPipeline(records / 2, keys, parallelism));
        var pipeline = await Measure(() => RunPipeline(records, keys, parallelism));
        var fullRun = pipeline;

        // Checkpointing on vs. off: alternate runs of each and compare them in pairs and by medians, because single
        // runs on a shared 2-core machine vary by tens of percent. The runs are longer than the plain throughput run
        // so that the steady state, not the fixed cost of the final checkpoint, is what is compared.
        long checkpointRecords = Option(args, "--checkpoint-records", 50_000_000);
        int rounds = (int)Option(args, "--rounds", 15);
        long intervalMs = Option(args, "--checkpoint-interval", 100);
        var checkpointDir = Directory.CreateTempSubdirectory("flinksdk-bench-cp-");
        int completedCheckpoints = 0;
        IReadOnlyList<FlinkSdk.Checkpointing.CheckpointStatistics> lastHistory = [];
        async Task<long> RunCheckpointed()
        {
            var (count, checkpoints, history) = await RunPipeline(checkpointRecords, keys, parallelism, (checkpointDir.FullName, intervalMs));
            completedCheckpoints = checkpoints;
            lastHistory = history;
            return count;
        }

        // Warm up the checkpoint paths as much as the plain ones were: code that runs once per checkpoint is only
        // promoted to optimized (tier 1) code after about 30 calls, so one short run would leave the first measured
        // rounds paying for unoptimized snapshot code. Two full-length discarded rounds of each mode cover that.
        for (int warmUp = 0; warmUp < 2; warmUp++)
        {
            await RunPipeline(checkpointRecords, keys, parallelism);
            await RunCheckpointed();
        }

        var offRuns = new List<Measurement>();
        var onRuns = new List<Measurement>();
        // Which mode goes first alternates too, so neither profits from running right after the other.
        for (int round = 0; round < rounds; round++)
        {
            if (round % 2 == 1)
            {
                onRuns.Add(await Measure(RunCheckpointed));
            }

            offRuns.Add(await Measure(() => RunPipeline(checkpointRecords, keys, parallelism)));
            if (round % 2 == 0)
            {
                onRuns.Add(await Measure(RunCheckpointed));
            }
        }

        checkpointDir.Delete(recursive: true);
        var checkpointOff = Median(offRuns);
        var checkpointed = Median(onRuns);
        var bare = await Measure(() => Task.FromResult(RunBareLoop(records, keys)));

        // Steady state: what the second half of the records cost beyond the first half (setup cancels out).
        double marginalBytesPerRecord = (double)(fullRun.AllocatedBytes - half.AllocatedBytes) / (records - (records / 2));

        Console.WriteLine();
        Console.WriteLine("| run | records | seconds | records/s | allocated | bytes/record | gen0/gen1/gen2 | CPU seconds |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---:|");
        Row($"FlinkSdk pipeline, p={parallelism}", records, pipeline);
        Row("bare single-threaded loop", records, bare);
        Row($"FlinkSdk pipeline, p={parallelism}, checkpointing off (median of {offRuns.Count})", checkpointRecords, checkpointOff);
        Row($"FlinkSdk pipeline, p={parallelism}, checkpoints every {intervalMs} ms (median of {onRuns.Count}; {completedCheckpoints} completed in the last)", checkpointRecords, checkpointed);
        Console.WriteLine();
        Console.WriteLine($"pipeline / bare loop throughput ratio: {pipeline.Throughput(records) / bare.Throughput(records):0.00}");
        // Each round's two runs ran back to back, so their ratio cancels slow drifts of the machine's speed; the
        // median over rounds of that paired loss is the steadier figure, the loss between the medians the plainer one.
        double pairedLoss = MedianOf(offRuns.Zip(onRuns, (off, on) => 1 - (off.Elapsed / on.Elapsed)));
        Console.WriteLine($"throughput loss with checkpoints every {intervalMs} ms: {pairedLoss * 100:0.0}% (median of the {rounds} rounds' paired losses); " +
            $"{(1 - (checkpointed.Throughput(checkpointRecords) / checkpointOff.Throughput(checkpointRecords))) * 100:0.0}% between the medians, " +
            $"{(1 - (offRuns.Min(m => m.Elapsed) / onRuns.Min(m => m.Elapsed))) * 100:0.0}% between the best runs");
        Console.WriteLine($"  seconds, checkpointing off: {Seconds(offRuns)}");
        Console.WriteLine($"  seconds, checkpoints every {intervalMs} ms: {Seconds(onRuns)}");
        var completed = lastHistory.Where(c => c.Status == FlinkSdk.Checkpointing.CheckpointStatus.Completed).ToList();
        if (completed.Count > 0)
        {
            Console.WriteLine($"  checkpoints of the last run (ms, median / max): end to end {MedianOf(completed.Select(c => (double)c.EndToEndDuration))} / {completed.Max(c => c.EndToEndDuration)}, " +
                $"alignment {MedianOf(completed.Select(c => c.AlignmentDuration.TotalMilliseconds)):0.0} / {completed.Max(c => c.AlignmentDuration.TotalMilliseconds):0.0}, " +
                $"start delay {MedianOf(completed.Select(c => (double)c.StartDelay))} / {completed.Max(c => c.StartDelay)}");
        }

        Console.WriteLine($"steady-state allocation (run of {records:N0} minus run of {records / 2:N0}): {marginalBytesPerRecord:0.000} bytes/record, " +
            $"{fullRun.Gen0 - half.Gen0}/{fullRun.Gen1 - half.Gen1}/{fullRun.Gen2 - half.Gen2} more gen0/gen1/gen2 collections (the run of {records / 2:N0} had {half.Gen0}/{half.Gen1}/{half.Gen2})");
        long stateKeys = Option(args, "--state-keys", 1_000_000);
        if (stateKeys <= 0)
        {
            return 0;
        }

        var (checkpointMs, stateBytes, restore) = await CheckpointHarness.MeasureAsync(stateKeys);
        Console.WriteLine();
        Console.WriteLine($"state of {stateKeys:N0} keys ({Size(stateBytes)}, p=2, filesystem storage): checkpoint {checkpointMs} ms end to end, restore (new job from it, to finished) {restore.TotalMilliseconds:0} ms");
        return 0;
    }

    private static async Task<long> RunPipeline(long records, long keys, int parallelism) => (await RunPipeline(records, keys, parallelism, null)).Count;

    private static string Size(long bytes) =>
        bytes < 1024 * 1024 ? $"{bytes / 1024.0:0.0} KiB" : $"{bytes / 1024.0 / 1024.0:0.0} MiB";

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<(long Count, int Checkpoints, IReadOnlyList<FlinkSdk.Checkpointing.CheckpointStatistics> History)> RunPipeline(long records, long keys, int parallelism, (string Dir, long IntervalMs)? checkpointing)
    {
        var config = new FlinkSdk.Configuration.FlinkConfiguration();
        if (checkpointing is (string dir, long intervalMs))
        {
            config.Set("execution.checkpointing.interval", $"{intervalMs} ms").Set("execution.checkpointing.dir", dir);
        }

        var env = StreamExecutionEnvironment.Create(config).SetParallelism(parallelism);
        var sink = new DiscardingSink<(long Key, long Count)>();
        env.FromSequence(0, records - 1)
            .FlatMap<long>((value, output) => output.Collect(value % keys))
            .KeyBy(key => key)
            .Process(new CountPerKey())
            .SinkTo(sink);
        var result = await env.ExecuteAsync("keyed-count");
        if (sink.Count != records)
        {
            throw new InvalidOperationException($"The pipeline emitted {sink.Count} results for {records} records.");
        }

        return (sink.Count, result.Checkpoints?.NumberOfCompletedCheckpoints ?? 0, result.Checkpoints?.History ?? []);
    }

    private static long RunBareLoop(long records, long keys)
    {
        var counts = new Dictionary<long, long>();
        long checksum = 0;
        for (long value = 0; value < records; value++)
        {
            long key = value % keys;
            ref long count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
            count++;
            checksum += count; // the "sink": consume every (key, count) result
        }

        return checksum;
    }

    private static async Task<Measurement> Measure(Func<Task<long>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await run();
        clock.Stop();
        return new Measurement(
            clock.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - cpu,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2);
    }

    private static Measurement Median(List<Measurement> runs) => runs.OrderBy(m => m.Elapsed).ElementAt(runs.Count / 2);

    private static string Seconds(List<Measurement> runs) =>
        string.Join(' ', runs.Select(m => m.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));

    private static void Row(string name, long records, Measurement m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {records:N0} | {m.Elapsed.TotalSeconds:0.000} | {m.Throughput(records) / 1e6:0.00} M | {m.AllocatedBytes / 1024.0 / 1024.0:0.0} MiB | {(double)m.AllocatedBytes / records:0.000} | {m.Gen0}/{m.Gen1}/{m.Gen2} | {m.Cpu.TotalSeconds:0.00} |"));

    private static long Option(string[] args, string name, long fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? long.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Measurement(TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
    {
        public double Throughput(long records) => records / Elapsed.TotalSeconds;
    }

    private sealed class CountPerKey : KeyedProcessFunction<long, long, (long Key, long Count)>
    {
        private IValueState<long> _count = null!;

        public override void Open(IRuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

        public override void ProcessElement(long value, Context context, ICollector<(long Key, long Count)> output)
        {
            long next = _count.Value + 1;
            _count.Value = next;
            output.Collect((value, next));
        }
    }
}
