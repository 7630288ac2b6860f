using FlinkSdk.Configuration;
using FlinkSdk.Storage;
using static FlinkSdk.Tests.Storage.StorageTestSupport;

namespace FlinkSdk.Tests.Storage;

public class RetainedCheckpointTests
{
    [Fact]
    public void FindRetainedAcrossTwoJobDirectoriesFlagsTheCorruptOne()
    {
        using var temp = new TempDirectory();
        var a = new FileSystemCheckpointStorage(temp.Path, JobA, jobName: "job-a");
        var b = new FileSystemCheckpointStorage(temp.Path, JobB, jobName: "job-b");
        WriteCheckpoint(a, 1);
        var (_, bFile) = WriteCheckpoint(b, 4);
        WriteCheckpoint(b, 5);
        using var inProgress = a.BeginCheckpoint(2); // no _metadata: not a retained checkpoint
        File.Delete(Path.Combine(b.GetCheckpointDirectory(4), bFile.RelativePath!));
        File.SetLastWriteTimeUtc(Path.Combine(a.GetCheckpointDirectory(1), "_metadata"), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(Path.Combine(b.GetCheckpointDirectory(4), "_metadata"), new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(Path.Combine(b.GetCheckpointDirectory(5), "_metadata"), new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc));

        var found = CheckpointStorages.FindRetained(temp.Path);

        Assert.Equal(new[] { (JobA, 1L), (JobB, 4L), (JobB, 5L) }, found.Select(c => (c.JobId, c.CheckpointId)));
        Assert.Equal(a.ExternalPointer(1), found[0].ExternalPointer);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), found[0].LastWriteTimeUtc);
        Assert.Equal("job-a", found[0].JobName);
        Assert.True(found[0].IsValid);
        Assert.True(found[2].IsValid);
        Assert.False(found[1].IsValid);
        Assert.Contains(bFile.RelativePath!, found[1].Corruption, StringComparison.Ordinal);
        Assert.Contains("missing state file", found[1].Corruption, StringComparison.Ordinal);
        Assert.Equal("job-b", found[1].JobName);

        Assert.Equal(new long[] { 4, 5 }, CheckpointStorages.FindRetained(temp.Path, "job-b").Select(c => c.CheckpointId));
        Assert.Empty(CheckpointStorages.FindRetained(temp.Path, "other"));
    }

    [Fact]
    public void FindRetainedReportsCorruptMetadataInsteadOfDroppingIt()
    {
        using var temp = new TempDirectory();
        var a = new FileSystemCheckpointStorage(temp.Path, JobA, jobName: "job-a");
        WriteCheckpoint(a, 1);
        WriteCheckpoint(a, 2);
        string metadata = Path.Combine(a.GetCheckpointDirectory(2), "_metadata");
        var bytes = File.ReadAllBytes(metadata);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(metadata, bytes);

        var found = CheckpointStorages.FindRetained(temp.Path);

        Assert.Equal(2, found.Count);
        var corrupt = Assert.Single(found, c => !c.IsValid);
        Assert.Equal(2, corrupt.CheckpointId);
        Assert.Equal(JobA, corrupt.JobId); // from the directory name, since _metadata cannot be trusted
        Assert.Null(corrupt.JobName);
        Assert.StartsWith(metadata + ": checksum mismatch", corrupt.Corruption, StringComparison.Ordinal);

        // With a job name filter, unreadable corrupt checkpoints are still reported.
        Assert.Equal(new long[] { 1, 2 }, CheckpointStorages.FindRetained(temp.Path, "job-a").Select(c => c.CheckpointId).Order());
    }

    [Fact]
    public void FindRetainedSeesCheckpointsWrittenWithoutTheJobSubdirectory()
    {
        using var temp = new TempDirectory();
        var a = new FileSystemCheckpointStorage(temp.Path, JobA, createCheckpointSubdirectory: false);
        WriteCheckpoint(a, 3);

        var found = Assert.Single(CheckpointStorages.FindRetained(new Uri(temp.Path).AbsoluteUri));

        Assert.Equal(JobA, found.JobId);
        Assert.Equal(3, found.CheckpointId);
        Assert.Equal(temp.Combine("chk-3"), found.ExternalPointer);
        Assert.True(found.IsValid);
    }

    [Fact]
    public void FindRetainedOnAMissingDirectoryIsEmpty()
    {
        using var temp = new TempDirectory();
        Assert.Empty(CheckpointStorages.FindRetained(temp.Combine("nothing-here")));
    }

    [Fact]
    public void LoadExternalAcceptsTheDirectoryTheMetadataFileAndFileUris()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA, jobName: "wc");
        var (inline, file) = WriteCheckpoint(storage, 7);
        string pointer = storage.ExternalPointer(7);

        foreach (string p in new[] { pointer, Path.Combine(pointer, "_metadata"), new Uri(pointer).AbsoluteUri, pointer + Path.DirectorySeparatorChar })
        {
            var loaded = CheckpointStorages.LoadExternal(p);
            Assert.Equal(7, loaded.CheckpointId);
            Assert.Equal(JobA, loaded.JobId);
            Assert.Equal("wc", loaded.JobName);
            Assert.Equal(pointer, loaded.ExternalPointer);
            Assert.Equal(Utf8("metadata-7"), loaded.Metadata);
            Assert.Equal(Utf8("small-7"), loaded.ReadState(inline));
            Assert.Equal(Bytes(50_000, 7), loaded.ReadState(file));
        }
    }

    [Fact]
    public void CheckpointsAreRelocatable()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        var (_, file) = WriteCheckpoint(storage, 7);
        string moved = temp.Combine("backup-of-7");
        Directory.Move(storage.ExternalPointer(7), moved);

        Assert.Equal(Bytes(50_000, 7), CheckpointStorages.LoadExternal(moved).ReadState(file));
    }

    [Fact]
    public void LoadExternalUsesFlinksMessagesForBadPointers()
    {
        using var temp = new TempDirectory();
        var notFound = Assert.Throws<FileNotFoundException>(() => CheckpointStorages.LoadExternal(temp.Combine("nope")));
        Assert.StartsWith($"Cannot find checkpoint or savepoint file/directory '{temp.Combine("nope")}'", notFound.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(temp.Combine("chk-1"));
        var noMetadata = Assert.Throws<CheckpointCorruptedException>(() => CheckpointStorages.LoadExternal(temp.Combine("chk-1")));
        Assert.Contains("Cannot find meta data file '_metadata' in directory", noMetadata.Reason, StringComparison.Ordinal);

        var memory = Assert.Throws<ArgumentException>(() => CheckpointStorages.LoadExternal("jobmanager://" + JobA + "/chk-1"));
        Assert.Contains("execution.checkpointing.dir", memory.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadExternalVerifiesStateFiles()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        var (_, file) = WriteCheckpoint(storage, 1);
        string statePath = Path.Combine(storage.ExternalPointer(1), file.RelativePath!);
        File.Delete(statePath);

        var e = Assert.Throws<CheckpointCorruptedException>(() => CheckpointStorages.LoadExternal(storage.ExternalPointer(1)));
        Assert.Equal(statePath, e.Path);
    }

    [Fact]
    public void OpenForRestoreIsReadOnlyAndShutdownDeletesNothing()
    {
        using var temp = new TempDirectory();
        var original = new FileSystemCheckpointStorage(temp.Path, JobA, jobName: "wc");
        var (_, file) = WriteCheckpoint(original, 3);
        WriteCheckpoint(original, 4);

        var restore = CheckpointStorages.OpenForRestore(original.ExternalPointer(3));

        Assert.True(restore.IsRestoreOnly);
        Assert.Equal(JobA, restore.JobId);
        Assert.Equal(new long[] { 3, 4 }, restore.ListCompletedCheckpoints());
        Assert.Equal(original.ExternalPointer(3), restore.ExternalPointer(3));
        Assert.Equal(Bytes(50_000, 3), restore.Load(3).ReadState(file));
        Assert.Throws<InvalidOperationException>(() => restore.BeginCheckpoint(5));

        restore.Shutdown(retain: false);
        Assert.Equal(new long[] { 3, 4 }, original.ListCompletedCheckpoints());

        // CLAIM mode: the restoring job may discard the checkpoint once it is subsumed.
        restore.Discard(3);
        Assert.Equal(new long[] { 4 }, original.ListCompletedCheckpoints());
    }

    [Theory]
    [InlineData(ExternalizedCheckpointRetention.NoExternalizedCheckpoints, false, false, false, false)]
    [InlineData(ExternalizedCheckpointRetention.DeleteOnCancellation, false, false, true, false)]
    [InlineData(ExternalizedCheckpointRetention.RetainOnCancellation, false, true, true, true)]
    public void RetentionOnShutdownFollowsFlinksCheckpointProperties(
        ExternalizedCheckpointRetention retention, bool finished, bool canceled, bool failed, bool suspended)
    {
        Assert.Equal(finished, CheckpointStorages.ShouldRetainOnShutdown(retention, JobTermination.Finished));
        Assert.Equal(canceled, CheckpointStorages.ShouldRetainOnShutdown(retention, JobTermination.Canceled));
        Assert.Equal(failed, CheckpointStorages.ShouldRetainOnShutdown(retention, JobTermination.Failed));
        Assert.Equal(suspended, CheckpointStorages.ShouldRetainOnShutdown(retention, JobTermination.Suspended));
    }
}
