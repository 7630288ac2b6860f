using System.Collections.Concurrent;
using System.Globalization;

namespace FlinkSdk.Connectors;

/// <summary>Collects every record in memory, for tests and small jobs; read <see cref="Results"/> after the job.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class CollectSink<T> : ISink<T>
{
    private readonly ConcurrentQueue<T> _results = new();

    /// <summary>Every record written, in arrival order per subtask (interleaving across subtasks is arbitrary).</summary>
    public IReadOnlyList<T> Results => [.. _results];

    /// <inheritdoc/>
    public ISinkWriter<T> CreateWriter(SinkWriterContext context) => new Writer(_results);

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

/// <summary>Drops every record (for benchmarks), counting them.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class DiscardingSink<T> : ISink<T>
{
    private long _count;

    /// <summary>How many records were written.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <inheritdoc/>
    public ISinkWriter<T> CreateWriter(SinkWriterContext context) => new Writer(this);

    private sealed class Writer(DiscardingSink<T> sink) : ISinkWriter<T>
    {
        private long _count;

        public void Write(T value, long? timestamp) => _count++;

        public void Flush()
        {
            Interlocked.Add(ref sink._count, _count);
            _count = 0;
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>Prints records as Flink's <c>print()</c> does: <c>2&gt; value</c> when the sink has several subtasks.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="output">Where to print; standard output when <see langword="null"/>.</param>
public sealed class PrintSink<T>(TextWriter? output = null) : ISink<T>
{
    /// <inheritdoc/>
    public ISinkWriter<T> CreateWriter(SinkWriterContext context) =>
        new Writer(output ?? Console.Out, context.Parallelism > 1 ? (context.SubtaskIndex + 1).ToString(CultureInfo.InvariantCulture) + "> " : string.Empty);

    private sealed class Writer(TextWriter output, string prefix) : ISinkWriter<T>
    {
        public void Write(T value, long? timestamp)
        {
            lock (output)
            {
                output.WriteLine(prefix + value);
            }
        }

        public void Flush()
        {
            lock (output)
            {
                output.Flush();
            }
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>Sinks that write text files.</summary>
public static class FileSink
{
    /// <summary>
    /// Writes each record's text as one line, exactly once (Flink's <c>FileSink</c> semantics): lines go to hidden
    /// in-progress files (<c>.part-&lt;subtask&gt;-&lt;n&gt;.inprogress</c>); a checkpoint makes them pending; when the
    /// checkpoint completes they are renamed to visible <c>part-&lt;subtask&gt;-&lt;n&gt;</c> files. After a failure the
    /// committed files hold exactly the records of the restored checkpoint. Without checkpointing, files are
    /// committed at the end of a bounded input.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="directory">The output directory (created if missing).</param>
    /// <returns>The sink.</returns>
    public static ISink<T> Lines<T>(string directory) => new LineFileSink<T>(directory);
}

internal sealed class LineFileSink<T>(string directory) : ISink<T>
{
    public ISinkWriter<T> CreateWriter(SinkWriterContext context)
    {
        Directory.CreateDirectory(directory);
        return new TwoPhaseCommitLineWriter<T>(Path.GetFullPath(directory), context.SubtaskIndex, context.CheckpointingEnabled);
    }
}
