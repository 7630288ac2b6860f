using FlinkSdk.Connectors;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// Emits its elements like <see cref="CollectionSource{T}"/> (same positions, so either restores the other's), then
/// stays open without emitting more: the job runs, and checkpoints, until it is cancelled.
/// </summary>
internal sealed class HoldOpenSource<T>(IReadOnlyList<T> elements) : ISource<T>
{
    public bool IsBounded => false;

    public ISourceReader<T> CreateReader(SourceReaderContext context) => new Reader(elements, context);

    private sealed class Reader(IReadOnlyList<T> elements, SourceReaderContext context) : ISourceReader<T>
    {
        private long _next = context.SubtaskIndex;

        public SourcePosition Position => new(string.Empty, _next);

        public InputStatus PollNext(ISourceOutput<T> output)
        {
            if (_next >= elements.Count)
            {
                return InputStatus.NothingAvailable;
            }

            for (; _next < elements.Count; _next += context.Parallelism)
            {
                output.Collect(elements[(int)_next]);
            }

            return InputStatus.MoreAvailable;
        }

        public void Seek(SourcePosition position) => _next = position.Offset;

        public void Dispose()
        {
        }
    }
}
