namespace FlinkSdk.Connectors;

/// <summary>Emits the elements of a list; reader i of p takes elements i, i+p, i+2p, … (position = next index).</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class CollectionSource<T>(IReadOnlyList<T> elements) : ISource<T>
{
    /// <inheritdoc/>
    public bool IsBounded => true;

    /// <inheritdoc/>
    public ISourceReader<T> CreateReader(SourceReaderContext context) => new Reader(elements, context);

    private sealed class Reader(IReadOnlyList<T> elements, SourceReaderContext context) : ISourceReader<T>
    {
        private long _next = context.SubtaskIndex;

        public SourcePosition Position => new(string.Empty, _next);

        public InputStatus PollNext(ISourceOutput<T> output)
        {
            for (int i = 0; i < 256 && _next < elements.Count; i++, _next += context.Parallelism)
            {
                output.Collect(elements[(int)_next]);
            }

            return _next < elements.Count ? InputStatus.MoreAvailable : InputStatus.EndOfInput;
        }

        public void Seek(SourcePosition position) => _next = position.Offset;

        public void Dispose()
        {
        }
    }
}
