using FlinkSdk.Storage;
using static FlinkSdk.Tests.Storage.StorageTestSupport;

namespace FlinkSdk.Tests.Storage;

public class CorruptionDetectionTests
{
    private const int FileSize = 50_000;

    [Fact]
    public void FlippedByteInAStateFileIsAChecksumMismatch()
    {
        using var temp = new TempDirectory();
        var (storage, file, statePath) = Setup(temp);
        var loadedBefore = storage.Load(1);

        FlipByte(statePath, 19 + 12_345);

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal(statePath, e.Path);
        Assert.Matches("^checksum mismatch: expected 0x[0-9A-F]{8}, computed 0x[0-9A-F]{8}$", e.Reason);
        Assert.Contains(statePath, e.Message, StringComparison.Ordinal);
        Assert.Contains(e.Reason, e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(e);

        // ReadState verifies again, even on data loaded before the corruption.
        var again = Assert.Throws<CheckpointCorruptedException>(() => loadedBefore.ReadState(file));
        Assert.Equal(statePath, again.Path);
        Assert.StartsWith("checksum mismatch", again.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedStateFileIsReportedWithBothLengths()
    {
        using var temp = new TempDirectory();
        var (storage, _, statePath) = Setup(temp);
        using (var stream = new FileStream(statePath, FileMode.Open))
        {
            stream.SetLength(19 + FileSize - 1000);
        }

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal(statePath, e.Path);
        Assert.Equal($"truncated: header says {FileSize} payload bytes, file has {FileSize - 1000}", e.Reason);
    }

    [Fact]
    public void StateFileCutInsideTheHeaderIsTruncated()
    {
        using var temp = new TempDirectory();
        var (storage, _, statePath) = Setup(temp);
        File.WriteAllBytes(statePath, File.ReadAllBytes(statePath)[..10]);

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal("truncated: file has 10 bytes, shorter than the 19-byte header", e.Reason);
    }

    [Fact]
    public void DeletedStateFileIsMissing()
    {
        using var temp = new TempDirectory();
        var (storage, file, statePath) = Setup(temp);
        var loadedBefore = storage.Load(1);
        File.Delete(statePath);

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal(statePath, e.Path);
        Assert.Equal($"missing state file '{file.RelativePath}' of checkpoint 1", e.Reason);
        Assert.Equal(e.Reason, Assert.Throws<CheckpointCorruptedException>(() => loadedBefore.ReadState(file)).Reason);
    }

    [Fact]
    public void BadMagicIsReported()
    {
        using var temp = new TempDirectory();
        var (storage, _, statePath) = Setup(temp);
        Patch(statePath, 0, "JUNK"u8);

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal(statePath, e.Path);
        Assert.StartsWith("bad magic: expected 0x464C4B53 (\"FLKS\"), found 0x4A554E4B", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFormatVersionIsReported()
    {
        using var temp = new TempDirectory();
        var (storage, _, statePath) = Setup(temp);
        Patch(statePath, 4, [2, 0]);

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal(statePath, e.Path);
        Assert.Equal("unsupported format version 2 (this build reads version 1)", e.Reason);
    }

    [Fact]
    public void AppendedBytesAreTrailingData()
    {
        using var temp = new TempDirectory();
        var (storage, _, statePath) = Setup(temp);
        using (var stream = new FileStream(statePath, FileMode.Append))
        {
            stream.Write([1, 2, 3]);
        }

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal($"trailing data: header says {FileSize} payload bytes, file has {FileSize + 3}", e.Reason);
    }

    [Fact]
    public void AStateFileSwappedForAnotherValidOneDoesNotMatchTheManifest()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        StateHandle first, second;
        using (var writer = storage.BeginCheckpoint(1))
        {
            first = writer.WriteState(Bytes(FileSize, 1));
            second = writer.WriteState(Bytes(FileSize, 2));
            writer.Commit(Utf8("m"));
        }

        string dir = storage.GetCheckpointDirectory(1);
        File.Copy(Path.Combine(dir, second.RelativePath!), Path.Combine(dir, first.RelativePath!), overwrite: true);

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal(Path.Combine(dir, first.RelativePath!), e.Path);
        Assert.StartsWith("checksum mismatch: _metadata expects 0x", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptedMetadataIsReportedOnMetadata()
    {
        using var temp = new TempDirectory();
        var (storage, _, _) = Setup(temp);
        string metadata = Path.Combine(storage.GetCheckpointDirectory(1), "_metadata");
        FlipByte(metadata, 25);

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal(metadata, e.Path);
        Assert.StartsWith("checksum mismatch", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(18)]
    public void TornMetadataIsTruncated(int keep)
    {
        using var temp = new TempDirectory();
        var (storage, _, _) = Setup(temp);
        string metadata = Path.Combine(storage.GetCheckpointDirectory(1), "_metadata");
        File.WriteAllBytes(metadata, File.ReadAllBytes(metadata)[..keep]);

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal(metadata, e.Path);
        Assert.Equal($"truncated: file has {keep} bytes, shorter than the 19-byte header", e.Reason);
    }

    [Fact]
    public void MetadataWithTheKindOfAStateFileIsRejected()
    {
        using var temp = new TempDirectory();
        var (storage, _, statePath) = Setup(temp);
        string metadata = Path.Combine(storage.GetCheckpointDirectory(1), "_metadata");
        File.Copy(statePath, metadata, overwrite: true);

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal("unexpected file kind 2 (state), expected 1 (metadata)", e.Reason);
    }

    [Fact]
    public void MetadataMovedToAnotherCheckpointDirectoryIsRejected()
    {
        using var temp = new TempDirectory();
        var (storage, _, _) = Setup(temp);
        Directory.Move(storage.GetCheckpointDirectory(1), storage.GetCheckpointDirectory(2));

        var e = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(2));
        Assert.Contains("checkpoint id mismatch", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedInlineHandlesAndEscapingPathsAreRejected()
    {
        using var temp = new TempDirectory();
        var (storage, file, _) = Setup(temp);
        var loaded = storage.Load(1);
        var inline = new StateHandle(Utf8("abc"), null, 3, Crc32C.Compute(Utf8("abc")));
        Assert.Equal(Utf8("abc"), loaded.ReadState(inline));

        var badChecksum = Assert.Throws<CheckpointCorruptedException>(() => loaded.ReadState(inline with { InlineData = Utf8("abd") }));
        Assert.StartsWith("checksum mismatch", badChecksum.Reason, StringComparison.Ordinal);
        var badSize = Assert.Throws<CheckpointCorruptedException>(() => loaded.ReadState(inline with { Size = 4 }));
        Assert.StartsWith("size mismatch", badSize.Reason, StringComparison.Ordinal);
        var wrongFileChecksum = Assert.Throws<CheckpointCorruptedException>(() => loaded.ReadState(file with { Checksum = file.Checksum ^ 1 }));
        Assert.StartsWith("checksum mismatch: handle expects", wrongFileChecksum.Reason, StringComparison.Ordinal);
        var escaping = Assert.Throws<CheckpointCorruptedException>(() => loaded.ReadState(file with { RelativePath = "../" + JobA }));
        Assert.StartsWith("invalid state file reference", escaping.Reason, StringComparison.Ordinal);
    }

    private static (FileSystemCheckpointStorage Storage, StateHandle File, string StatePath) Setup(TempDirectory temp)
    {
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        var (_, file) = WriteCheckpoint(storage, 1, FileSize);
        Assert.NotNull(storage.Load(1));
        return (storage, file, Path.Combine(storage.GetCheckpointDirectory(1), file.RelativePath!));
    }

    private static void FlipByte(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        int b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0x40));
    }

    private static void Patch(string path, long offset, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        stream.Write(bytes);
    }
}
