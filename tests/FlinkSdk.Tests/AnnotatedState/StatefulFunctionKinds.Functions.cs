using System.Diagnostics;
using System.Globalization;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;
using FlinkSdk.Tests.Checkpointing;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// Injects the failure when the first checkpoint completes (told as a checkpoint listener, which fails the task as
/// a throwing <c>notifyCheckpointComplete</c> does in Flink), so the recovery always restores from a checkpoint that
/// holds state and the records processed after it are replayed. A failure counted in records instead could miss the
/// run entirely when a loaded machine completes the first checkpoint only after the input ended.
/// </summary>
internal sealed class FailOnceAfterCheckpoint<T>(FailOnce failer) : RichMapFunction<T, T>, ICheckpointListener
{
    public override T Map(T value) => value;

    public void NotifyCheckpointComplete(long checkpointId) => failer.Map(checkpointId);
}

/// <summary>Keyed after KeyBy: a running count and sum per key, emitted as <c>key, count, sum</c>.</summary>
[StatefulOperator]
public sealed partial class KeyedRunningTotals : RichFlatMapFunction<long, string>
{
    [State(1)]
    private long _count;

    [State(2)]
    private long _sum;

    public override void FlatMap(long value, ICollector<string> output)
    {
        _count++;
        _sum += value;
        output.Collect(string.Create(CultureInfo.InvariantCulture, $"{value % 10}\t{_count}\t{_sum}"));
    }
}

/// <summary>Non-keyed: numbers the records each subtask sees, <c>value, #n</c>.</summary>
[StatefulOperator]
public sealed partial class SubtaskNumbering : RichMapFunction<long, string>
{
    [State(1)]
    private long _emitted;

    public CallbackLog Log { get; } = new();

    public override string Map(long value) => string.Create(CultureInfo.InvariantCulture, $"{value}\t#{++_emitted}");

    [BeforeSnapshot]
    private void Prepare(long checkpointId) => Log.Prepared.Add(checkpointId);
}

/// <summary>Keeps every third record of each key: the position in the key's cycle is keyed annotated state.</summary>
[StatefulOperator]
public sealed partial class EveryThirdPerKey : RichFilterFunction<long>
{
    [State(1)]
    private int _position;

    public override bool Filter(long value)
    {
        _position = (_position + 1) % 3;
        return _position == 0;
    }
}

/// <summary>Keyed state through the explicit API, declared in <see cref="RichFunction.Open"/>.</summary>
public sealed class ExplicitKeyedCount : RichFlatMapFunction<long, string>
{
    private IValueState<long> _count = null!;

    public override void Open(IRuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

    public override void FlatMap(long value, ICollector<string> output)
    {
        long next = _count.Value + 1;
        _count.Value = next;
        output.Collect(string.Create(CultureInfo.InvariantCulture, $"{value % 10}\t{next}"));
    }
}

/// <summary>The numbers <c>0..count-1</c> split into contiguous ranges, each record with the running sum of its reader.</summary>
public sealed class ChecksummedSequence(long count, double recordsPerSecondPerReader) : ISource<(long Value, long Checksum)>
{
    public bool IsBounded => true;

    public ISourceReader<(long Value, long Checksum)> CreateReader(SourceReaderContext context) =>
        new ChecksummedSequenceReader(count * context.SubtaskIndex / context.Parallelism, (count * (context.SubtaskIndex + 1) / context.Parallelism) - 1, recordsPerSecondPerReader);
}

/// <summary>
/// Keeps its offset and its running sum as annotated state. The sum is in no position, so only the generated
/// state can bring it back after a failure.
/// </summary>
[StatefulOperator]
public sealed partial class ChecksummedSequenceReader(long start, long end, double recordsPerSecond) : ISourceReader<(long Value, long Checksum)>
{
    private readonly Stopwatch _clock = new();
    private long _origin;

    [State(1)]
    private long _next = start;

    [State(2)]
    private long _checksum;

    public SourcePosition Position => new(string.Empty, _next);

    public InputStatus PollNext(ISourceOutput<(long Value, long Checksum)> output)
    {
        if (!_clock.IsRunning)
        {
            // The rate counts from where this attempt starts, so a restored reader does not wait to catch up.
            _origin = _next;
            _clock.Start();
        }

        long first = _next;
        long limit = Math.Min(end, Math.Min(_next + 255, _origin + (long)(_clock.Elapsed.TotalSeconds * recordsPerSecond)));
        for (; _next <= limit; _next++)
        {
            _checksum += _next;
            output.Collect((_next, _checksum));
        }

        return _next > end ? InputStatus.EndOfInput : _next == first ? InputStatus.NothingAvailable : InputStatus.MoreAvailable;
    }

    public void Seek(SourcePosition position) => _next = position.Offset;

    public void Dispose()
    {
    }
}

/// <summary>Writes <c>value, #n</c> lines exactly once, numbering each subtask's records in a [State] counter.</summary>
public sealed class NumberingLineSink(string directory) : ISink<long>
{
    private readonly ISink<string> _lines = FileSink.Lines<string>(directory);

    public CallbackLog Log { get; } = new();

    public ISinkWriter<long> CreateWriter(SinkWriterContext context) =>
        new NumberingLineWriter((ITwoPhaseCommittingSinkWriter<string>)_lines.CreateWriter(context), Log);
}

/// <summary>A two-phase-commit writer with annotated state: the numbering continues from the checkpoint after a failure.</summary>
[StatefulOperator]
public sealed partial class NumberingLineWriter(ITwoPhaseCommittingSinkWriter<string> lines, CallbackLog log) : ITwoPhaseCommittingSinkWriter<long>
{
    [State(1)]
    private long _written;

    public void Write(long value, long? timestamp) => lines.Write(string.Create(CultureInfo.InvariantCulture, $"{value}\t#{++_written}"), timestamp);

    public void Flush() => lines.Flush();

    public byte[] PrepareCommit(long checkpointId) => lines.PrepareCommit(checkpointId);

    public void Commit(long checkpointId) => lines.Commit(checkpointId);

    public void Restore(byte[]? state) => lines.Restore(state);

    public void Dispose() => lines.Dispose();

    [BeforeSnapshot]
    private void Prepare(long checkpointId) => log.Prepared.Add(checkpointId);

    [OnCheckpointComplete]
    private void Completed(long checkpointId) => log.Completed.Add(checkpointId);
}

/// <summary>Operator state in a mutable member with an initializer: each subtask must get its own list.</summary>
[StatefulOperator]
public sealed partial class RecentPerSubtask : RichMapFunction<long, string>
{
    [State(1)]
    private List<long> _seen = [];

    public override string Map(long value)
    {
        _seen.Add(value);
        return string.Create(CultureInfo.InvariantCulture, $"{value}\t#{_seen.Count}");
    }
}
