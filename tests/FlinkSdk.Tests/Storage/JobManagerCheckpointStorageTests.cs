using FlinkSdk.Storage;
using static FlinkSdk.Tests.Storage.StorageTestSupport;

namespace FlinkSdk.Tests.Storage;

public class JobManagerCheckpointStorageTests
{
    [Fact]
    public void KeepsEverythingInlineAndInMemory()
    {
        var storage = new JobManagerCheckpointStorage(JobA);
        Assert.Equal("jobmanager", storage.Name);
        Assert.Equal(JobA, storage.JobId);
        Assert.Null(storage.CheckpointsDirectory);

        StateHandle big;
        string pointer;
        using (var writer = storage.BeginCheckpoint(7))
        {
            big = writer.WriteState(Bytes(1_000_000));
            pointer = writer.Commit(Utf8("meta"));
        }

        Assert.True(big.IsInline);
        Assert.Equal($"jobmanager://{JobA}/chk-7", pointer);
        Assert.Equal(pointer, storage.ExternalPointer(7));
        Assert.Equal(new long[] { 7 }, storage.ListCompletedCheckpoints());
        var loaded = storage.Load(7);
        Assert.Equal(Utf8("meta"), loaded.Metadata);
        Assert.Null(loaded.CheckpointDirectory);
        Assert.Equal(Bytes(1_000_000), loaded.ReadState(big));
        Assert.Matches("^[0-9a-f]{32}$", new JobManagerCheckpointStorage().JobId);
    }

    [Fact]
    public void StateLargerThanFiveMebibytesIsRejectedWithFlinksMessage()
    {
        var storage = new JobManagerCheckpointStorage(JobA);
        using var writer = storage.BeginCheckpoint(1);

        Assert.Equal(5 * 1024 * 1024, storage.MaxStateSize);
        writer.WriteState(new byte[5 * 1024 * 1024]);
        var e = Assert.Throws<IOException>(() => writer.WriteState(new byte[(5 * 1024 * 1024) + 1]));

        Assert.Equal(
            "Size of the state is larger than the maximum permitted memory-backed state. Size=5242881, maxSize=5242880. " +
            "Consider using a different checkpoint storage, like the FileSystemCheckpointStorage.",
            e.Message);
    }

    [Fact]
    public void MaxStateSizeIsConfigurableAndMustBePositive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new JobManagerCheckpointStorage(JobA, maxStateSize: 0));
        Assert.StartsWith("maxStateSize must be > 0", e.Message, StringComparison.Ordinal);
        var small = new JobManagerCheckpointStorage(JobA, maxStateSize: 10);
        using var writer = small.BeginCheckpoint(1);
        writer.WriteState(new byte[10]);
        Assert.Contains("Size=11, maxSize=10.", Assert.Throws<IOException>(() => writer.WriteState(new byte[11])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AbortDiscardAndShutdown()
    {
        var storage = new JobManagerCheckpointStorage(JobA);
        using (var aborted = storage.BeginCheckpoint(1))
        {
            aborted.WriteState(Utf8("x"));
        }

        Assert.Empty(storage.ListCompletedCheckpoints());
        var missing = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal($"jobmanager://{JobA}/chk-1", missing.Path);
        Assert.StartsWith("missing _metadata", missing.Reason, StringComparison.Ordinal);

        WriteCheckpoint(storage, 2);
        WriteCheckpoint(storage, 3);
        storage.Discard(2);
        storage.Discard(2);
        Assert.Equal(new long[] { 3 }, storage.ListCompletedCheckpoints());
        Assert.Throws<IOException>(() => storage.BeginCheckpoint(3));

        storage.Shutdown(retain: true);
        Assert.Equal(new long[] { 3 }, storage.ListCompletedCheckpoints());
        Assert.Throws<InvalidOperationException>(() => storage.BeginCheckpoint(4));

        var other = new JobManagerCheckpointStorage(JobA);
        WriteCheckpoint(other, 1);
        other.Shutdown(retain: false);
        Assert.Empty(other.ListCompletedCheckpoints());
    }

    [Fact]
    public void WithADirectoryOnlyMetadataIsPersistedWithAllStateInline()
    {
        using var temp = new TempDirectory();
        var storage = new JobManagerCheckpointStorage(JobA, checkpointDirectory: temp.Path, jobName: "wc");
        StateHandle handle;
        using (var writer = storage.BeginCheckpoint(2))
        {
            handle = writer.WriteState(Bytes(100_000));
            Assert.Equal(Path.Combine(temp.Path, JobA, "chk-2"), writer.Commit(Utf8("meta")));
        }

        Assert.True(handle.IsInline);
        Assert.Equal(new[] { JobA, JobA + "/chk-2", JobA + "/chk-2/_metadata" }, FilesUnder(temp.Path));
        Assert.Equal(new long[] { 2 }, storage.ListCompletedCheckpoints());
        Assert.Equal(Utf8("meta"), storage.Load(2).Metadata);
        var retained = Assert.Single(CheckpointStorages.FindRetained(temp.Path, "wc"));
        Assert.True(retained.IsValid);
        Assert.Equal(Utf8("meta"), CheckpointStorages.LoadExternal(retained.ExternalPointer).Metadata);

        storage.Shutdown(retain: false);
        Assert.Empty(FilesUnder(temp.Path));
    }

    [Fact]
    public void ConcurrentWritesFromManyThreads()
    {
        var storage = new JobManagerCheckpointStorage(JobA);
        using var writer = storage.BeginCheckpoint(1);
        var handles = new StateHandle[64];
        Parallel.For(0, handles.Length, i => handles[i] = writer.WriteState(Bytes(1000 + i, i)));
        writer.Commit(Utf8("m"));
        var loaded = storage.Load(1);
        for (int i = 0; i < handles.Length; i++)
        {
            Assert.Equal(Bytes(1000 + i, i), loaded.ReadState(handles[i]));
        }
    }
}
