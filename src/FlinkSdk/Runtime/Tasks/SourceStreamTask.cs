using FlinkSdk.Connectors;
using FlinkSdk.Runtime.Operators;
using FlinkSdk.Time;

namespace FlinkSdk.Runtime.Tasks;

/// <summary>
/// A task whose chain starts with a source: polls the reader while the outputs have room (so a slow consumer
/// throttles the source), assigns timestamps and emits watermarks, and at the end of a bounded input emits the
/// final watermark and finishes the chain.
/// </summary>
internal sealed class SourceStreamTask<T> : StreamTask, ISourceOutput<T>
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(5);
    private readonly ISourceReader<T> _reader;
    private readonly Func<T, long, long>? _timestampAssigner;
    private readonly BoundedOutOfOrdernessWatermarks? _watermarks;
    private IRecordHandler<T>? _head;

    public SourceStreamTask(string name, int subtaskIndex, int parallelism, TimeSpan bufferTimeout, TimeProvider clock, ISourceReader<T> reader, WatermarkStrategy<T> strategy)
        : base(name, subtaskIndex, parallelism, bufferTimeout, clock)
    {
        _reader = reader;
        _timestampAssigner = strategy.TimestampAssigner;
        _watermarks = strategy.MaxOutOfOrderness is null ? null : strategy.CreateGenerator();
    }

    public ISourceReader<T> Reader => _reader;

    public override bool IsSource => true;

    public void SetHead(IRecordHandler<T> head) => _head = head;

    public void Collect(T value) => Collect(value, long.MinValue);

    public void Collect(T value, long timestamp)
    {
        if (_timestampAssigner is not null)
        {
            timestamp = _timestampAssigner(value, timestamp);
        }

        _watermarks?.OnEvent(timestamp);
        _head!.ProcessRecord(value, timestamp);
    }

    protected override void RunLoop()
    {
        var head = _head ?? throw new InvalidOperationException("The source task has no operator chain.");
        try
        {
            while (true)
            {
                ProcessMailsAndTimers();
                if (!OutputsAvailable())
                {
                    Flush();
                    WaitForWork(IdlePoll);
                    continue;
                }

                InputStatus status = _reader.PollNext(this);
                if (_watermarks is not null && _watermarks.TryAdvance(out long watermark))
                {
                    head.ProcessWatermark(watermark);
                }

                if (status == InputStatus.EndOfInput)
                {
                    // As Flink does at the end of a bounded input: event time ends, then the chain finishes.
                    head.ProcessWatermark(long.MaxValue);
                    head.Finish();
                    AwaitFinalCheckpoint(pollInput: null);
                    return;
                }

                if (status == InputStatus.NothingAvailable)
                {
                    Flush();
                    WaitForWork(IdlePoll);
                }
                else
                {
                    FlushIfDue();
                }
            }
        }
        finally
        {
            _reader.Dispose();
        }
    }
}
