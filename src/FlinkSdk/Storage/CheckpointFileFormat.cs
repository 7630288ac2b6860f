using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;

namespace FlinkSdk.Storage;

/// <summary>What a checkpoint file holds (byte 6 of its header).</summary>
internal enum CheckpointFileKind : byte
{
    /// <summary>A checkpoint's <c>_metadata</c>.</summary>
    Metadata = 1,

    /// <summary>An exclusive state file.</summary>
    State = 2,
}

/// <summary>
/// The envelope of every file the storages write. A 19-byte header, all integers little-endian:
/// <code>
/// offset 0  4 bytes  magic "FLKS" (0x46 0x4C 0x4B 0x53)
/// offset 4  2 bytes  format version (1)
/// offset 6  1 byte   kind (1 = metadata, 2 = state)
/// offset 7  8 bytes  payload length (signed, not negative)
/// offset 15 4 bytes  CRC-32C of the payload
/// offset 19          payload
/// </code>
/// A file is valid only if it has exactly <c>19 + payload length</c> bytes and the checksum matches, so torn,
/// truncated, extended or bit-flipped files are all detected.
/// </summary>
internal static class CheckpointFileFormat
{
    public const int HeaderSize = 19;
    public const ushort CurrentVersion = 1;
    public const uint MagicValue = 0x464C4B53; // "FLKS" read as big-endian, for messages only.
    private const int ChunkSize = 64 * 1024;

    public static ReadOnlySpan<byte> Magic => "FLKS"u8;

    public static void WriteHeader(Span<byte> destination, CheckpointFileKind kind, long payloadLength, uint checksum)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], CurrentVersion);
        destination[6] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(destination[7..], payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[15..], checksum);
    }

    /// <summary>
    /// Writes <paramref name="finalPath"/> atomically: a hidden temp file in the same directory, flushed to disk
    /// (<c>FileStream.Flush(true)</c>, i.e. fsync), then renamed without overwriting. The caller fsyncs the directory.
    /// </summary>
    public static void WriteAtomically(string finalPath, CheckpointFileKind kind, ReadOnlySpan<byte> payload, uint checksum, int bufferSize)
    {
        string directory = Path.GetDirectoryName(finalPath)!;
        string tempPath = Path.Combine(directory, "." + Path.GetFileName(finalPath) + "." + Guid.NewGuid().ToString("N") + ".inprogress");
        Span<byte> header = stackalloc byte[HeaderSize];
        WriteHeader(header, kind, payload.Length, checksum);
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = bufferSize,
                PreallocationSize = HeaderSize + payload.Length,
            };
            using (var stream = new FileStream(tempPath, options))
            {
                stream.Write(header);
                stream.Write(payload);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, finalPath, overwrite: false);
        }
        catch
        {
            TryDeleteFile(tempPath);
            throw;
        }
    }

    /// <summary>Reads a whole file and verifies it; returns the payload.</summary>
    /// <exception cref="CheckpointCorruptedException">The file is missing or fails a check.</exception>
    public static byte[] ReadVerified(string path, CheckpointFileKind kind, string missingReason)
    {
        using var stream = OpenForRead(path, missingReason);
        long payloadLength = ReadAndCheckHeader(stream, path, kind, out uint expected);
        if (payloadLength > Array.MaxLength)
        {
            throw new CheckpointCorruptedException(path, string.Create(CultureInfo.InvariantCulture, $"payload of {payloadLength} bytes is too large to load into memory"));
        }

        var payload = new byte[payloadLength];
        stream.ReadExactly(payload);
        uint computed = Crc32C.Compute(payload);
        CheckChecksum(path, expected, computed);
        return payload;
    }

    /// <summary>Verifies a whole file without keeping it in memory; returns its payload length and checksum.</summary>
    /// <exception cref="CheckpointCorruptedException">The file is missing or fails a check.</exception>
    public static (long Length, uint Checksum) Verify(string path, CheckpointFileKind kind, string missingReason)
    {
        using var stream = OpenForRead(path, missingReason);
        long payloadLength = ReadAndCheckHeader(stream, path, kind, out uint expected);
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(ChunkSize, Math.Max(payloadLength, 1)));
        try
        {
            uint crc = 0;
            long remaining = payloadLength;
            while (remaining > 0)
            {
                int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (n <= 0)
                {
                    throw new CheckpointCorruptedException(path, "truncated while reading (the file shrank)");
                }

                crc = Crc32C.Append(crc, buffer.AsSpan(0, n));
                remaining -= n;
            }

            CheckChecksum(path, expected, crc);
            return (payloadLength, expected);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Checks header and length only, without reading the payload (cheap, for scans). Returns the reason the file is
    /// invalid, or <see langword="null"/>.
    /// </summary>
    public static string? CheckHeaderAndLength(string path, CheckpointFileKind kind, string missingReason, out long payloadLength)
    {
        payloadLength = -1;
        try
        {
            using var stream = OpenForRead(path, missingReason);
            payloadLength = ReadAndCheckHeader(stream, path, kind, out _);
            return null;
        }
        catch (CheckpointCorruptedException e)
        {
            return e.Reason;
        }
    }

    /// <summary>Reads up to <paramref name="count"/> payload bytes after the header without verifying anything.</summary>
    public static byte[]? TryReadPayloadPrefix(string path, int count)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            var buffer = new byte[HeaderSize + count];
            int n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (n < HeaderSize || !buffer.AsSpan(0, 4).SequenceEqual(Magic))
            {
                return null;
            }

            return buffer[HeaderSize..n];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string Hex(uint value) => "0x" + value.ToString("X8", CultureInfo.InvariantCulture);

    public static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temp file is hidden and inside a directory that is deleted as a whole.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static FileStream OpenForRead(string path, string missingReason)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1);
        }
        catch (FileNotFoundException e)
        {
            throw new CheckpointCorruptedException(path, missingReason, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new CheckpointCorruptedException(path, missingReason, e);
        }
    }

    private static long ReadAndCheckHeader(FileStream stream, string path, CheckpointFileKind kind, out uint checksum)
    {
        long fileLength = stream.Length;
        Span<byte> header = stackalloc byte[HeaderSize];
        int n = stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false);
        if (n >= 4 && !header[..4].SequenceEqual(Magic))
        {
            throw new CheckpointCorruptedException(path, string.Create(
                CultureInfo.InvariantCulture,
                $"bad magic: expected {Hex(MagicValue)} (\"FLKS\"), found {Hex(BinaryPrimitives.ReadUInt32BigEndian(header))}; not a FlinkSdk checkpoint file, or its start is corrupted"));
        }

        if (n < HeaderSize)
        {
            throw new CheckpointCorruptedException(path, string.Create(
                CultureInfo.InvariantCulture, $"truncated: file has {fileLength} bytes, shorter than the {HeaderSize}-byte header"));
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != CurrentVersion)
        {
            throw new CheckpointCorruptedException(path, string.Create(
                CultureInfo.InvariantCulture, $"unsupported format version {version} (this build reads version {CurrentVersion})"));
        }

        byte actualKind = header[6];
        if (actualKind != (byte)kind)
        {
            throw new CheckpointCorruptedException(path, string.Create(
                CultureInfo.InvariantCulture, $"unexpected file kind {actualKind} ({KindName(actualKind)}), expected {(byte)kind} ({KindName((byte)kind)})"));
        }

        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(header[7..]);
        checksum = BinaryPrimitives.ReadUInt32LittleEndian(header[15..]);
        if (payloadLength < 0)
        {
            throw new CheckpointCorruptedException(path, string.Create(
                CultureInfo.InvariantCulture, $"corrupt header: negative payload length {payloadLength}"));
        }

        long available = fileLength - HeaderSize;
        if (available < payloadLength)
        {
            throw new CheckpointCorruptedException(path, string.Create(
                CultureInfo.InvariantCulture, $"truncated: header says {payloadLength} payload bytes, file has {available}"));
        }

        if (available > payloadLength)
        {
            throw new CheckpointCorruptedException(path, string.Create(
                CultureInfo.InvariantCulture, $"trailing data: header says {payloadLength} payload bytes, file has {available}"));
        }

        return payloadLength;
    }

    private static void CheckChecksum(string path, uint expected, uint computed)
    {
        if (expected != computed)
        {
            throw new CheckpointCorruptedException(path, $"checksum mismatch: expected {Hex(expected)}, computed {Hex(computed)}");
        }
    }

    private static string KindName(byte kind) => kind switch
    {
        (byte)CheckpointFileKind.Metadata => "metadata",
        (byte)CheckpointFileKind.State => "state",
        _ => "unknown",
    };
}
