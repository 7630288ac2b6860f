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
    /// <summary>Takes a checkpoint of <paramref name="keys"/> keys' state and restores a new job from it.</summary>
    public static async Task<(long CheckpointMs, long StateBytes, TimeSpan Restore)> MeasureAsync(long keys)
    {
        var dir = Directory.CreateTempSubdirectory("flinksdk-bench-");
        try
        {
            // Job A: count once per key, then idle (unbounded) until a checkpoint holding every key completed.
            var completed = new CheckpointWatcher(keys);
            var config = new FlinkConfiguration()
                .Set("execution.checkpointing.interval", "200 ms")
                .Set("execution.checkpointing.dir", dir.FullName)
                .Set("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
            var env = StreamExecutionEnvironment.Create(config).SetParallelism(2);
            env.Logger = completed;
            using var cancel = new CancellationTokenSource();
            Build(env, new IdleAfterSequence(keys));
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
            var restoreEnv = StreamExecutionEnvironment.Create(restoreConfig).SetParallelism(2);
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

    /// <summary>Emits 0..n-1 and then nothing, without ending, so periodic checkpoints keep running.</summary>
    private sealed class IdleAfterSequence(long count) : ISource<long>
    {
        public bool IsBounded => false;

        public ISourceReader<long> CreateReader(SourceReaderContext context) => new Reader(new SequenceSource(0, count - 1).CreateReader(context));

        private sealed class Reader(ISourceReader<long> inner) : ISourceReader<long>
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
                return InputStatus.MoreAvailable;
            }

            public void Seek(SourcePosition position) => inner.Seek(position);

            public void Dispose() => inner.Dispose();
        }
    }

    /// <summary>Reads the "Completed checkpoint" log events and completes once one holds the whole state.</summary>
    private sealed class CheckpointWatcher(long keys) : ILogger
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
            long size = (long)values["StateSize"]!;
            // Every key is in the state once the checkpoint is at least ~8 bytes per key (key, key group, count).
            if (size >= keys * 8)
            {
                _result.TrySetResult(((string)values["ExternalPath"]!, (long)values["DurationMs"]!, size));
            }
        }
    }
}
