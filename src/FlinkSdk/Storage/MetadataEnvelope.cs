using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FlinkSdk.Storage;

/// <summary>One exclusive state file listed in <c>_metadata</c>, so that a missing or altered file is detected on load.</summary>
internal readonly record struct ManifestEntry(string RelativePath, long Size, uint Checksum);

/// <summary>
/// The payload of a <c>_metadata</c> file: who wrote it, and the manifest of state files, wrapped around the
/// coordinator's opaque metadata bytes. Layout (little-endian; strings are an int32 UTF-8 byte count, -1 for null,
/// then the bytes):
/// <code>
/// string jobId, int64 checkpointId, int64 commitTimeUnixMs, string jobName,
/// int32 n, n × (string relativePath, int64 size, uint32 crc32c),
/// int32 metadataLength, metadata bytes
/// </code>
/// The job id comes first so scans can read it from a short prefix of the file.
/// </summary>
internal sealed class MetadataEnvelope
{
    public MetadataEnvelope(string jobId, long checkpointId, DateTimeOffset commitTime, string? jobName, IReadOnlyList<ManifestEntry> stateFiles, byte[] metadata)
    {
        JobId = jobId;
        CheckpointId = checkpointId;
        CommitTime = commitTime;
        JobName = jobName;
        StateFiles = stateFiles;
        Metadata = metadata;
    }

    public string JobId { get; }

    public long CheckpointId { get; }

    public DateTimeOffset CommitTime { get; }

    public string? JobName { get; }

    public IReadOnlyList<ManifestEntry> StateFiles { get; }

    public byte[] Metadata { get; }

    public static byte[] Serialize(string jobId, long checkpointId, DateTimeOffset commitTime, string? jobName, IReadOnlyList<ManifestEntry> stateFiles, ReadOnlySpan<byte> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + metadata.Length + (stateFiles.Count * 64));
        WriteString(buffer, jobId);
        WriteInt64(buffer, checkpointId);
        WriteInt64(buffer, commitTime.ToUnixTimeMilliseconds());
        WriteString(buffer, jobName);
        WriteInt32(buffer, stateFiles.Count);
        foreach (var entry in stateFiles)
        {
            WriteString(buffer, entry.RelativePath);
            WriteInt64(buffer, entry.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.GetSpan(4), entry.Checksum);
            buffer.Advance(4);
        }

        WriteInt32(buffer, metadata.Length);
        buffer.Write(metadata);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a verified payload; a malformed one (a bug, or a foreign file with a valid checksum) is reported as corruption.</summary>
    public static MetadataEnvelope Parse(ReadOnlySpan<byte> payload, string path)
    {
        var reader = new Reader(payload, path);
        string jobId = reader.ReadString() ?? throw reader.Malformed("missing job id");
        long checkpointId = reader.ReadInt64();
        long commitMs = reader.ReadInt64();
        string? jobName = reader.ReadString();
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw reader.Malformed(string.Create(CultureInfo.InvariantCulture, $"negative state file count {count}"));
        }

        var files = new List<ManifestEntry>(Math.Min(count, 4096));
        for (int i = 0; i < count; i++)
        {
            string relativePath = reader.ReadString() ?? throw reader.Malformed("missing state file name");
            long size = reader.ReadInt64();
            uint crc = reader.ReadUInt32();
            files.Add(new ManifestEntry(relativePath, size, crc));
        }

        int metadataLength = reader.ReadInt32();
        byte[] metadata = reader.ReadBytes(metadataLength);
        reader.EnsureEnd();
        DateTimeOffset commitTime;
        try
        {
            commitTime = DateTimeOffset.FromUnixTimeMilliseconds(commitMs);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw reader.Malformed(string.Create(CultureInfo.InvariantCulture, $"commit time {commitMs} out of range"));
        }

        return new MetadataEnvelope(jobId, checkpointId, commitTime, jobName, files, metadata);
    }

    /// <summary>Reads just the job id from the start of a <c>_metadata</c> file, without verifying it (for filtering scans).</summary>
    public static string? TryReadJobId(string metadataPath)
    {
        byte[]? prefix = CheckpointFileFormat.TryReadPayloadPrefix(metadataPath, 4 + 64);
        if (prefix is null || prefix.Length < 4)
        {
            return null;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length <= 0 || length > prefix.Length - 4)
        {
            return null;
        }

        return Encoding.UTF8.GetString(prefix, 4, length);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            WriteInt32(buffer, -1);
            return;
        }

        int count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(buffer, count);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(count));
        buffer.Advance(count);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private ref struct Reader
    {
        private readonly string _path;
        private ReadOnlySpan<byte> _rest;

        public Reader(ReadOnlySpan<byte> payload, string path)
        {
            _rest = payload;
            _path = path;
        }

        public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public string? ReadString()
        {
            int length = ReadInt32();
            if (length == -1)
            {
                return null;
            }

            if (length < 0)
            {
                throw Malformed(string.Create(CultureInfo.InvariantCulture, $"negative string length {length}"));
            }

            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length));
            }
            catch (DecoderFallbackException e)
            {
                throw new CheckpointCorruptedException(_path, "malformed metadata: invalid UTF-8 in a string", e);
            }
        }

        public byte[] ReadBytes(int length)
        {
            if (length < 0)
            {
                throw Malformed(string.Create(CultureInfo.InvariantCulture, $"negative metadata length {length}"));
            }

            return Take(length).ToArray();
        }

        public readonly void EnsureEnd()
        {
            if (!_rest.IsEmpty)
            {
                throw Malformed(string.Create(CultureInfo.InvariantCulture, $"{_rest.Length} unexpected bytes after the metadata"));
            }
        }

        public readonly CheckpointCorruptedException Malformed(string what) => new(_path, "malformed metadata: " + what);

        private ReadOnlySpan<byte> Take(int count)
        {
            if (_rest.Length < count)
            {
                throw Malformed(string.Create(CultureInfo.InvariantCulture, $"needs {count} more bytes, only {_rest.Length} left"));
            }

            var taken = _rest[..count];
            _rest = _rest[count..];
            return taken;
        }
    }
}
