namespace FlinkSdk.Connectors;

/// <summary>Where a parallel source reader stands: a split (file name, or empty) and an offset within it.</summary>
/// <param name="Split">The split being read, e.g. a file's relative name; empty for single-split sources.</param>
/// <param name="Offset">The next record's offset in the split (index, sequence value or byte offset).</param>
public readonly record struct SourcePosition(string Split, long Offset);

/// <summary>What a poll of a source reader found.</summary>
public enum InputStatus
{
    /// <summary>Records were emitted and more are available now.</summary>
    MoreAvailable,

    /// <summary>Nothing is available now; poll again later (continuous or rate-limited sources).</summary>
    NothingAvailable,

    /// <summary>The input is exhausted (bounded sources only).</summary>
    EndOfInput,
}

/// <summary>Where a source reader emits records.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISourceOutput<in T>
{
    /// <summary>Emits a record without a timestamp (the watermark strategy may assign one).</summary>
    /// <param name="value">The record.</param>
    void Collect(T value);

    /// <summary>Emits a record with an event-time timestamp.</summary>
    /// <param name="value">The record.</param>
    /// <param name="timestamp">Milliseconds.</param>
    void Collect(T value, long timestamp);
}

/// <summary>The parallel instance a reader runs in.</summary>
/// <param name="SubtaskIndex">The reader's index, from 0.</param>
/// <param name="Parallelism">How many readers share the input.</param>
public sealed record SourceReaderContext(int SubtaskIndex, int Parallelism);

/// <summary>
/// A replayable source (Flink's <c>Source</c>): each parallel reader reads a deterministic share of the input
/// and exposes its position, so a checkpoint can record it and a restore can rewind to it.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISource<T>
{
    /// <summary>Whether the input ends (a bounded job finishes when all its bounded sources end).</summary>
    bool IsBounded { get; }

    /// <summary>Creates the reader of one parallel instance.</summary>
    /// <param name="context">Which instance.</param>
    /// <returns>The reader.</returns>
    ISourceReader<T> CreateReader(SourceReaderContext context);
}

/// <summary>Reads one parallel share of a source, a few records per poll, on the task's thread.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ISourceReader<T> : IDisposable
{
    /// <summary>The position of the next record to read.</summary>
    SourcePosition Position { get; }

    /// <summary>Emits the next records (a small batch) to <paramref name="output"/>.</summary>
    /// <param name="output">Where to emit.</param>
    /// <returns>Whether more is available now, later, or never.</returns>
    InputStatus PollNext(ISourceOutput<T> output);

    /// <summary>Rewinds (or forwards) to <paramref name="position"/>, as taken from <see cref="Position"/>.</summary>
    /// <param name="position">The position to read from next.</param>
    void Seek(SourcePosition position);
}
