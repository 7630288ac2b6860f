using FlinkSdk.Connectors;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// Reads <paramref name="inner"/> but reports the end of its input only once <paramref name="mayEnd"/> holds: a bounded
/// job that is sure to take a periodic checkpoint before its final one, however slowly a loaded machine runs it.
/// </summary>
internal sealed class EndAfterSource<T>(ISource<T> inner, Func<bool> mayEnd) : ISource<T>
{
    public bool IsBounded => inner.IsBounded;

    public ISourceReader<T> CreateReader(SourceReaderContext context) => new Reader(inner.CreateReader(context), mayEnd);

    private sealed class Reader(ISourceReader<T> inner, Func<bool> mayEnd) : ISourceReader<T>
    {
        public SourcePosition Position => inner.Position;

        public InputStatus PollNext(ISourceOutput<T> output)
        {
            var status = inner.PollNext(output);
            return status == InputStatus.EndOfInput && !mayEnd() ? InputStatus.NothingAvailable : status;
        }

        public void Seek(SourcePosition position) => inner.Seek(position);

        public void Dispose() => inner.Dispose();
    }
}
