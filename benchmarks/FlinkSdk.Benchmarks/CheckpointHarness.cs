using System.Diagnostics;
using FlinkSdk.Configuration;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;
using Microsoft.Extensions.Logging;

namespace FlinkSdk.Benchmarks;

/// <summary>Checkpoint and restore of a large keyed state: one key per record, a count per key.</summary>
internal static class CheckpointHarness
{
    private const int Parallelism = 2;

    /// <summary>Takes a checkpoint of <paramref name="keys"/> keys' state and restores a new job from it.</summary>
    public static async Task<(long CheckpointMs, long StateBytes, TimeSpan Restore)> MeasureAsync(long keys)
    {
        var dir = Directory.CreateTempSubdirectory("flinksdk-bench-");
        try
        {
            // Job A: count once per key, then idle (unbounded) until a checkpoint holding every key completed.
            var exhausted = new SourcesExhausted(Parallelism);
            var completed = new CheckpointWatcher(exhausted);
            var config = new FlinkConfiguration()
                .Set("execution.checkpointing.interval", "200 ms")
                .Set("execution.checkpointing.dir", dir.FullName)
                .Set("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
            var env = StreamExecutionEnvironment.Create(config).SetParallelism(Parallelism);
            env.Logger = completed;
            using var cancel = new CancellationTokenSource();
            Build(env, new IdleAfterSequence(keys, exhausted));
            var job = env.ExecuteAsync("state-size", cancel.Token);
            var (pointer, durationMs, size) = await completed.Result.WaitAsync(TimeSpan.FromMinutes(2));
            await cancel.CancelAsync();
            try
            {
                await job;
            }
            catch (OperationCanceledException)
            {
            }

            // Job B: restore every key from that checkpoint; the source is already at its end, so the job ends.
            var restoreConfig = new FlinkConfiguration().Set("execution.state-recovery.path", pointer);
            var restoreEnv = StreamExecutionEnvironment.Create(restoreConfig).SetParallelism(Parallelism);
            Build(restoreEnv, new SequenceSource(0, keys - 1));
            var clock = Stopwatch.StartNew();
            await restoreEnv.ExecuteAsync("state-size-restore");
            return (durationMs, size, clock.Elapsed);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Build(StreamExecutionEnvironment env, ISource<long> source) =>
        env.FromSource(source, "numbers").Uid("numbers")
            .KeyBy(v => v)
            .Process(new CountOnce()).Uid("count")
            .SinkTo(new DiscardingSink<long>()).Uid("sink");

    private sealed class CountOnce : KeyedProcessFunction<long, long, long>
    {
        private IValueState<long> _count = null!;

        public override void Open(IRuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

        public override void ProcessElement(long value, Context context, ICollector<long> output) => _count.Value++;
    }

    /// <summary>When every reader of <see cref="IdleAfterSequence"/> has emitted its last record (Unix milliseconds).</summary>
    private sealed class SourcesExhausted(int parallelism)
    {
        private int _remaining = parallelism;
        private long _atUnixMs = long.MaxValue;

        public long AtUnixMs => Volatile.Read(ref _atUnixMs);

        public void ReaderDone()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                Volatile.Write(ref _atUnixMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            }
        }
    }

    /// <summary>Emits 0..n-1 and then nothing, without ending, so periodic checkpoints keep running.</summary>
    private sealed class IdleAfterSequence(long count, SourcesExhausted exhausted) : ISource<long>
    {
        public bool IsBounded => false;

        public ISourceReader<long> CreateReader(SourceReaderContext context) => new Reader(new SequenceSource(0, count - 1).CreateReader(context), exhausted);

        private sealed class Reader(ISourceReader<long> inner, SourcesExhausted exhausted) : ISourceReader<long>
        {
            private bool _done;

            public SourcePosition Position => inner.Position;

            public InputStatus PollNext(ISourceOutput<long> output)
            {
                if (_done)
                {
                    return InputStatus.NothingAvailable;
                }

                var status = inner.PollNext(output);
                _done = status == InputStatus.EndOfInput;
                if (_done)
                {
                    exhausted.ReaderDone();
                }

                return InputStatus.MoreAvailable;
            }

            public void Seek(SourcePosition position) => inner.Seek(position);

            public void Dispose() => inner.Dispose();
        }
    }

    /// <summary>
    /// Reads the "Completed checkpoint" log events and completes with the first checkpoint triggered after every
    /// reader emitted its last record: its barriers follow every record, so it holds every key.
    /// </summary>
    private sealed class CheckpointWatcher(SourcesExhausted exhausted) : ILogger
    {
        private readonly TaskCompletionSource<(string Pointer, long DurationMs, long Size)> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<(string Pointer, long DurationMs, long Size)> Result => _result.Task;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != 1 || state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                return;
            }

            var values = fields.ToDictionary(f => f.Key, f => f.Value);
            long durationMs = (long)values["DurationMs"]!;
            // The trigger time, from the end-to-end duration; the margin covers millisecond rounding on both sides.
            long triggeredAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - durationMs;
            if (triggeredAt > exhausted.AtUnixMs + 1)
            {
                _result.TrySetResult(((string)values["ExternalPath"]!, durationMs, (long)values["StateSize"]!));
            }
        }
    }
}
