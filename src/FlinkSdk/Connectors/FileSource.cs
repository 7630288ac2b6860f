using System.Text;
using FlinkSdk.State;

namespace FlinkSdk.Connectors;

/// <summary>Sources that read text files.</summary>
public static class FileSource
{
    /// <summary>
    /// Reads the lines of a file, or of every file in a directory in name order (Flink's <c>FileSource</c> with a
    /// text-line format). Files are split over readers by a stable hash of their names; each reader's position
    /// is its current file and the exact byte offset of its next line. With <paramref name="monitorInterval"/>
    /// the source is continuous: it keeps watching for appended lines and new files, and never ends.
    /// </summary>
    /// <param name="path">A file or a directory.</param>
    /// <param name="monitorInterval">How often to look for new data; <see langword="null"/> for a bounded source.</param>
    /// <returns>The source.</returns>
    public static ISource<string> Lines(string path, TimeSpan? monitorInterval = null) => new LineFileSource(path, monitorInterval);
}

internal sealed class LineFileSource(string path, TimeSpan? monitorInterval) : ISource<string>
{
    public bool IsBounded => monitorInterval is null;

    public ISourceReader<string> CreateReader(SourceReaderContext context) => new Reader(Path.GetFullPath(path), monitorInterval, context);

    private sealed class Reader(string root, TimeSpan? monitorInterval, SourceReaderContext context) : ISourceReader<string>
    {
        private const int ChunkSize = 64 * 1024;
        private byte[] _buffer = new byte[ChunkSize];
        private readonly bool _isDirectory = Directory.Exists(root);
        private string _file = string.Empty;
        private long _offset;
        private DateTime _nextScan = DateTime.MinValue;
        private FileStream? _stream;
        private int _bufferStart;
        private int _bufferEnd;

        public SourcePosition Position => new(_file, _offset);

        public InputStatus PollNext(ISourceOutput<string> output)
        {
            if (_file.Length == 0 && !TryAdvanceToNextFile())
            {
                return IdleOrEnd();
            }

            int emitted = 0;
            while (emitted < 256)
            {
                int newline = Array.IndexOf(_buffer, (byte)'\n', _bufferStart, _bufferEnd - _bufferStart);
                if (newline >= 0)
                {
                    Emit(output, _bufferStart, newline - _bufferStart, newline + 1 - _bufferStart);
                    emitted++;
                    continue;
                }

                if (Fill() > 0)
                {
                    continue;
                }

                // End of the file's current content.
                if (monitorInterval is null && _bufferEnd > _bufferStart)
                {
                    Emit(output, _bufferStart, _bufferEnd - _bufferStart, _bufferEnd - _bufferStart);
                    emitted++;
                }

                // A continuous source waits for the rest of an unterminated line: its writer may still append.
                if (monitorInterval is null || _bufferEnd == _bufferStart)
                {
                    if (TryAdvanceToNextFile())
                    {
                        continue;
                    }
                }

                return emitted > 0 ? InputStatus.MoreAvailable : IdleOrEnd();
            }

            return InputStatus.MoreAvailable;
        }

        public void Seek(SourcePosition position)
        {
            CloseStream();
            _file = position.Split;
            _offset = position.Offset;
        }

        public void Dispose() => CloseStream();

        private InputStatus IdleOrEnd() => monitorInterval is null ? InputStatus.EndOfInput : InputStatus.NothingAvailable;

        private void Emit(ISourceOutput<string> output, int start, int length, int consumed)
        {
            int textLength = length > 0 && _buffer[start + length - 1] == (byte)'\r' ? length - 1 : length;
            string line = Encoding.UTF8.GetString(_buffer, start, textLength);
            _bufferStart += consumed;
            _offset += consumed;
            output.Collect(line);
        }

        // Reads more bytes of the current file after the unconsumed ones; returns how many.
        private int Fill()
        {
            if (_stream is null)
            {
                string full = _isDirectory ? Path.Combine(root, _file) : root;
                _stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
                _stream.Position = _offset;
                _bufferStart = _bufferEnd = 0;
            }

            if (_bufferStart > 0)
            {
                Buffer.BlockCopy(_buffer, _bufferStart, _buffer, 0, _bufferEnd - _bufferStart);
                _bufferEnd -= _bufferStart;
                _bufferStart = 0;
            }

            if (_bufferEnd == _buffer.Length)
            {
                // A line longer than the buffer: grow it rather than split the line.
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = _stream.Read(_buffer, _bufferEnd, _buffer.Length - _bufferEnd);
            _bufferEnd += read;
            return read;
        }

        // Moves to the next assigned file after the current one (by name), if one exists now.
        private bool TryAdvanceToNextFile()
        {
            if (monitorInterval is { } interval)
            {
                if (DateTime.UtcNow < _nextScan)
                {
                    return false;
                }

                _nextScan = DateTime.UtcNow + interval;
            }

            string? next = AssignedFiles().FirstOrDefault(name => string.CompareOrdinal(name, _file) > 0);
            if (next is null)
            {
                return false;
            }

            CloseStream();
            _file = next;
            _offset = 0;
            return true;
        }

        private IEnumerable<string> AssignedFiles()
        {
            if (!_isDirectory)
            {
                return context.SubtaskIndex == 0 && File.Exists(root) ? [Path.GetFileName(root)] : [];
            }

            return Directory.EnumerateFiles(root)
                .Select(Path.GetFileName)
                .Where(name => name is not null && !name.StartsWith('.') && !name.StartsWith('_'))
                .Select(name => name!)
                .Where(name => (uint)StableKeyHash.JavaStringHash(name) % (uint)context.Parallelism == context.SubtaskIndex)
                .Order(StringComparer.Ordinal);
        }

        private void CloseStream()
        {
            _stream?.Dispose();
            _stream = null;
            _bufferStart = _bufferEnd = 0;
        }
    }
}
