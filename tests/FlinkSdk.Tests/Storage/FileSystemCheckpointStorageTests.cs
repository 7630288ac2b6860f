using FlinkSdk.Storage;
using static FlinkSdk.Tests.Storage.StorageTestSupport;

namespace FlinkSdk.Tests.Storage;

public class FileSystemCheckpointStorageTests
{
    [Fact]
    public void ConstructionCreatesFlinksLayoutUnderTheJobId()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);

        Assert.Equal("filesystem", storage.Name);
        Assert.Equal(JobA, storage.JobId);
        Assert.Equal(temp.Combine(JobA), storage.CheckpointsDirectory);
        Assert.Equal(new[] { JobA, JobA + "/shared", JobA + "/taskowned" }, FilesUnder(temp.Path));
    }

    [Fact]
    public void CheckpointGoesToChkDirectoryWithMetadataAndUuidStateFiles()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);

        var (_, file) = WriteCheckpoint(storage, 7);

        Assert.True(Guid.TryParse(file.RelativePath, out _), file.RelativePath);
        Assert.Equal(
            new[] { JobA, JobA + "/chk-7", JobA + "/chk-7/" + file.RelativePath, JobA + "/chk-7/_metadata", JobA + "/shared", JobA + "/taskowned" }.Order(StringComparer.Ordinal),
            FilesUnder(temp.Path));
        Assert.Equal(Path.Combine(temp.Path, JobA, "chk-7"), storage.ExternalPointer(7));
    }

    [Fact]
    public void WithoutSubdirectoryTheJobIdLevelIsOmitted()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA, createCheckpointSubdirectory: false);

        var (_, file) = WriteCheckpoint(storage, 3);

        Assert.Equal(new[] { "chk-3", "chk-3/" + file.RelativePath, "chk-3/_metadata", "shared", "taskowned" }.Order(StringComparer.Ordinal), FilesUnder(temp.Path));
        Assert.Equal(Path.Combine(temp.Path, "chk-3"), storage.ExternalPointer(3));
        Assert.Equal(new long[] { 3 }, storage.ListCompletedCheckpoints());
    }

    [Fact]
    public void AcceptsFileUriAndMakesARandomLowerCaseHexJobId()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(new Uri(temp.Path).AbsoluteUri);

        Assert.Matches("^[0-9a-f]{32}$", storage.JobId);
        Assert.NotEqual(storage.JobId, new FileSystemCheckpointStorage(temp.Path).JobId);
        Assert.True(Directory.Exists(temp.Combine(storage.JobId, "shared")));
        Assert.StartsWith("file:", new Uri(temp.Path).AbsoluteUri, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            // Flink writes local URIs as file:/path (one slash).
            Assert.Equal(temp.Combine(JobB), new FileSystemCheckpointStorage("file:" + temp.Path, JobB).CheckpointsDirectory);
        }
    }

    [Fact]
    public void RejectsBadArguments()
    {
        using var temp = new TempDirectory();
        Assert.Throws<ArgumentException>(() => new FileSystemCheckpointStorage(temp.Path, "not-a-job-id"));
        Assert.Throws<ArgumentException>(() => new FileSystemCheckpointStorage("s3://bucket/checkpoints", JobA));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new FileSystemCheckpointStorage(temp.Path, JobA, dataInlineThreshold: -2));
        Assert.Contains("The threshold for file state size must be zero or larger.", negative.Message, StringComparison.Ordinal);
        var tooLarge = Assert.Throws<ArgumentOutOfRangeException>(() => new FileSystemCheckpointStorage(temp.Path, JobA, dataInlineThreshold: 1024 * 1024 + 1));
        Assert.Contains("The threshold for file state size cannot be larger than 1048576", tooLarge.Message, StringComparison.Ordinal);

        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        var id = Assert.Throws<ArgumentOutOfRangeException>(() => storage.BeginCheckpoint(-1));
        Assert.Contains("Illegal negative checkpoint id: -1.", id.Message, StringComparison.Ordinal);
        Assert.Equal(JobA, new FileSystemCheckpointStorage(temp.Path, JobA.ToUpperInvariant()).JobId);
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(0, 1, false)]
    [InlineData(100, 100, true)]
    [InlineData(100, 101, false)]
    [InlineData(20 * 1024, 20 * 1024, true)]
    [InlineData(20 * 1024, 20 * 1024 + 1, false)]
    public void ChunksUpToTheThresholdAreInlineLargerOnesAreFiles(int threshold, int size, bool inline)
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA, dataInlineThreshold: threshold);
        using var writer = storage.BeginCheckpoint(1);
        var data = Bytes(size);

        var handle = writer.WriteState(data);

        Assert.Equal(inline, handle.IsInline);
        Assert.Equal(size, handle.Size);
        Assert.Equal(Crc32C.Compute(data), handle.Checksum);
        if (inline)
        {
            Assert.Equal(data, handle.InlineData);
            Assert.Null(handle.RelativePath);
            Assert.Empty(Directory.GetFiles(storage.GetCheckpointDirectory(1)));
        }
        else
        {
            Assert.Null(handle.InlineData);
            Assert.Equal(19 + size, new FileInfo(Path.Combine(storage.GetCheckpointDirectory(1), handle.RelativePath!)).Length);
        }
    }

    [Fact]
    public void DefaultThresholdIs20KibAndWriteBufferIsTheLargerOfBoth()
    {
        using var temp = new TempDirectory();
        var defaults = new FileSystemCheckpointStorage(temp.Path, JobA);
        Assert.Equal(20 * 1024, defaults.DataInlineThreshold);
        Assert.Equal(20 * 1024, defaults.WriteBufferSize);
        Assert.Equal(8192, new FileSystemCheckpointStorage(temp.Path, JobA, dataInlineThreshold: 100, writeBufferSize: 8192).WriteBufferSize);
        Assert.Equal(4096, new FileSystemCheckpointStorage(temp.Path, JobA, dataInlineThreshold: 0, writeBufferSize: -1).WriteBufferSize);
    }

    [Fact]
    public void RoundTripThroughLoad()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA, jobName: "word-count");
        var big = Bytes(300_000, seed: 42);
        StateHandle inline, file, empty;
        string pointer;
        using (var writer = storage.BeginCheckpoint(5))
        {
            Assert.Equal(5, writer.CheckpointId);
            inline = writer.WriteState(Utf8("hello"));
            file = writer.WriteState(big);
            empty = writer.WriteState([]);
            pointer = writer.Commit(Utf8("the-metadata"));
        }

        Assert.Equal(storage.ExternalPointer(5), pointer);
        var loaded = storage.Load(5);
        Assert.Equal(5, loaded.CheckpointId);
        Assert.Equal(Utf8("the-metadata"), loaded.Metadata);
        Assert.Equal(pointer, loaded.ExternalPointer);
        Assert.Equal(JobA, loaded.JobId);
        Assert.Equal("word-count", loaded.JobName);
        Assert.NotNull(loaded.CommitTime);
        Assert.Equal(Utf8("hello"), loaded.ReadState(inline));
        Assert.Equal(big, loaded.ReadState(file));
        Assert.Empty(loaded.ReadState(empty));

        // A new storage instance over the same directory (e.g. a restarted process with the same job id) sees it too.
        var reopened = new FileSystemCheckpointStorage(temp.Path, JobA);
        Assert.Equal(big, reopened.Load(5).ReadState(file));
    }

    [Fact]
    public void MetadataAppearsOnlyOnCommit()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        using var writer = storage.BeginCheckpoint(1);
        writer.WriteState(Bytes(100_000));
        string metadata = Path.Combine(storage.GetCheckpointDirectory(1), "_metadata");

        Assert.False(File.Exists(metadata));
        Assert.Empty(storage.ListCompletedCheckpoints());
        var missing = Assert.Throws<CheckpointCorruptedException>(() => storage.Load(1));
        Assert.Equal(metadata, missing.Path);
        Assert.StartsWith("missing _metadata", missing.Reason, StringComparison.Ordinal);

        writer.Commit(Utf8("m"));

        Assert.True(File.Exists(metadata));
        Assert.Equal(new long[] { 1 }, storage.ListCompletedCheckpoints());
        Assert.DoesNotContain(FilesUnder(storage.GetCheckpointDirectory(1)), f => f.Contains("inprogress", StringComparison.Ordinal));
    }

    [Fact]
    public void DisposingWithoutCommitLeavesNothing()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        using (var writer = storage.BeginCheckpoint(1))
        {
            writer.WriteState(Bytes(100_000));
            writer.WriteState(Bytes(10));
            Assert.NotEmpty(Directory.GetFiles(storage.GetCheckpointDirectory(1)));
        }

        Assert.False(Directory.Exists(storage.GetCheckpointDirectory(1)));
        Assert.Empty(storage.ListCompletedCheckpoints());
        Assert.Equal(new[] { JobA, JobA + "/shared", JobA + "/taskowned" }, FilesUnder(temp.Path));
    }

    [Fact]
    public void AbortDeletesWhatWasWrittenAndClosesTheWriter()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        var writer = storage.BeginCheckpoint(2);
        writer.WriteState(Bytes(100_000));

        writer.Abort();
        writer.Abort(); // idempotent
        writer.Dispose();

        Assert.False(Directory.Exists(storage.GetCheckpointDirectory(2)));
        Assert.Throws<InvalidOperationException>(() => writer.WriteState(Bytes(10)));
        Assert.Throws<InvalidOperationException>(() => writer.Commit(Utf8("m")));

        // The id can be used again after an abort.
        WriteCheckpoint(storage, 2);
        Assert.Equal(new long[] { 2 }, storage.ListCompletedCheckpoints());
    }

    [Fact]
    public void CommittedWritersRejectFurtherUseAndDisposeKeepsTheCheckpoint()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        var writer = storage.BeginCheckpoint(1);
        writer.Commit(Utf8("m"));
        writer.Dispose();

        Assert.Throws<InvalidOperationException>(() => writer.WriteState(Bytes(10)));
        Assert.Throws<InvalidOperationException>(() => writer.Commit(Utf8("m")));
        Assert.Throws<InvalidOperationException>(writer.Abort);
        Assert.Equal(new long[] { 1 }, storage.ListCompletedCheckpoints());
    }

    [Fact]
    public void ACompletedCheckpointIsNeverOverwrittenAndIdsCannotBeWrittenTwiceAtOnce()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        WriteCheckpoint(storage, 1);

        var exists = Assert.Throws<IOException>(() => storage.BeginCheckpoint(1));
        Assert.Contains("already exists", exists.Message, StringComparison.Ordinal);

        using var first = storage.BeginCheckpoint(2);
        Assert.Throws<InvalidOperationException>(() => storage.BeginCheckpoint(2));
    }

    [Fact]
    public void ListCompletedCheckpointsIgnoresDirectoriesWithoutMetadataAndSortsNumerically()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        foreach (long id in new long[] { 10, 2, 9 })
        {
            WriteCheckpoint(storage, id, fileSize: 30_000);
        }

        Directory.CreateDirectory(Path.Combine(storage.CheckpointsDirectory, "chk-4"));           // torn: never committed
        File.WriteAllText(Path.Combine(storage.CheckpointsDirectory, "chk-4", "some-state"), "x");
        Directory.CreateDirectory(Path.Combine(storage.CheckpointsDirectory, "chk-x"));           // not a checkpoint
        File.WriteAllText(Path.Combine(storage.CheckpointsDirectory, "chk-x", "_metadata"), "x");
        using var inProgress = storage.BeginCheckpoint(11);

        Assert.Equal(new long[] { 2, 9, 10 }, storage.ListCompletedCheckpoints());
    }

    [Fact]
    public void WithoutSubdirectoryOnlyThisJobsCheckpointsAreListed()
    {
        using var temp = new TempDirectory();
        var a = new FileSystemCheckpointStorage(temp.Path, JobA, createCheckpointSubdirectory: false);
        var b = new FileSystemCheckpointStorage(temp.Path, JobB, createCheckpointSubdirectory: false);
        WriteCheckpoint(a, 1);
        WriteCheckpoint(b, 2);

        Assert.Equal(new long[] { 1 }, a.ListCompletedCheckpoints());
        Assert.Equal(new long[] { 2 }, b.ListCompletedCheckpoints());
        var wrongJob = Assert.Throws<CheckpointCorruptedException>(() => a.Load(2));
        Assert.Contains("job id mismatch", wrongJob.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DiscardDeletesTheCheckpointAndIsIdempotent()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        WriteCheckpoint(storage, 1);
        WriteCheckpoint(storage, 2);

        storage.Discard(1);
        storage.Discard(1);
        storage.Discard(99);

        Assert.False(Directory.Exists(storage.GetCheckpointDirectory(1)));
        Assert.Equal(new long[] { 2 }, storage.ListCompletedCheckpoints());
        Assert.NotNull(storage.Load(2));
    }

    [Fact]
    public void DiscardRemovesMetadataBeforeAnythingElse()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        var (_, file) = WriteCheckpoint(storage, 1);
        string directory = storage.GetCheckpointDirectory(1);
        var seen = new List<(bool Metadata, bool State)>();
        CheckpointPaths.BeforeRecursiveDelete.Value = d => seen.Add(
            (File.Exists(Path.Combine(d, "_metadata")), File.Exists(Path.Combine(d, file.RelativePath!))));
        try
        {
            storage.Discard(1);
        }
        finally
        {
            CheckpointPaths.BeforeRecursiveDelete.Value = null;
        }

        // When the rest is being deleted, _metadata is already gone but the state file is still there.
        Assert.Equal(new[] { (false, true) }, seen);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void ShutdownWithoutRetainDeletesTheJobDirectory()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        WriteCheckpoint(storage, 1);
        WriteCheckpoint(storage, 2);
        var open = storage.BeginCheckpoint(3);
        open.WriteState(Bytes(100_000));

        storage.Shutdown(retain: false);
        storage.Shutdown(retain: false); // idempotent

        Assert.Empty(FilesUnder(temp.Path));
        Assert.Throws<InvalidOperationException>(() => storage.BeginCheckpoint(4));
        Assert.Empty(storage.ListCompletedCheckpoints());
        open.Dispose();
    }

    [Fact]
    public void ShutdownWithRetainKeepsCompletedCheckpointsButAbortsOpenOnes()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        var (_, file) = WriteCheckpoint(storage, 1);
        var open = storage.BeginCheckpoint(2);
        open.WriteState(Bytes(100_000));

        storage.Shutdown(retain: true);

        Assert.False(Directory.Exists(Path.Combine(storage.CheckpointsDirectory, "chk-2")));
        Assert.Equal(Bytes(50_000, 1), CheckpointStorages.LoadExternal(storage.ExternalPointer(1)).ReadState(file));
        Assert.Throws<InvalidOperationException>(() => open.WriteState(Bytes(10)));
    }

    [Fact]
    public void ShutdownNeverThrowsOnAlreadyDeletedDirectories()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA);
        WriteCheckpoint(storage, 1);
        Directory.Delete(temp.Path, recursive: true);

        storage.Discard(1);
        storage.Shutdown(retain: false);

        Assert.False(Directory.Exists(temp.Path));
    }

    [Fact]
    public void ShutdownWithoutSubdirectoryDeletesOnlyThisJobsCheckpoints()
    {
        using var temp = new TempDirectory();
        var a = new FileSystemCheckpointStorage(temp.Path, JobA, createCheckpointSubdirectory: false);
        var b = new FileSystemCheckpointStorage(temp.Path, JobB, createCheckpointSubdirectory: false);
        WriteCheckpoint(a, 1);
        WriteCheckpoint(b, 2);

        a.Shutdown(retain: false);

        Assert.Equal(new long[] { 2 }, b.ListCompletedCheckpoints());
        Assert.False(Directory.Exists(temp.Combine("chk-1")));
        Assert.NotNull(b.Load(2));

        b.Shutdown(retain: false);
        Assert.Empty(FilesUnder(temp.Path));
    }

    [Fact]
    public async Task ConcurrentWritesFromManyThreadsAllSurvive()
    {
        using var temp = new TempDirectory();
        var storage = new FileSystemCheckpointStorage(temp.Path, JobA, dataInlineThreshold: 1000);
        const int Threads = 8;
        const int PerThread = 25;
        var handles = new StateHandle[Threads, PerThread];
        using (var writer = storage.BeginCheckpoint(1))
        {
            using var start = new Barrier(Threads);
            var tasks = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    for (int i = 0; i < PerThread; i++)
                    {
                        int size = i % 2 == 0 ? 500 : 5_000 + (t * 100) + i;
                        handles[t, i] = writer.WriteState(Bytes(size, (t * 1000) + i));
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)).ToArray();
            await Task.WhenAll(tasks);
            writer.Commit(Utf8("m"));
        }

        var loaded = storage.Load(1);
        var names = new HashSet<string>();
        for (int t = 0; t < Threads; t++)
        {
            for (int i = 0; i < PerThread; i++)
            {
                int size = i % 2 == 0 ? 500 : 5_000 + (t * 100) + i;
                Assert.Equal(Bytes(size, (t * 1000) + i), loaded.ReadState(handles[t, i]));
                if (handles[t, i].RelativePath is { } name)
                {
                    Assert.True(names.Add(name));
                }
            }
        }

        Assert.Equal(Threads * (PerThread / 2), names.Count); // odd i: 12 file chunks per thread
        Assert.Equal(names.Count + 1, Directory.GetFiles(storage.GetCheckpointDirectory(1)).Length);
    }

    [Fact]
    public void DirectoryFsyncWorksOnARealDirectoryAndReportsAMissingOne()
    {
        using var temp = new TempDirectory();
        DirectorySync.Fsync(temp.Path);
        if (DirectorySync.IsSupported)
        {
            var e = Assert.Throws<IOException>(() => DirectorySync.Fsync(temp.Combine("missing")));
            Assert.Contains("missing", e.Message, StringComparison.Ordinal);
        }
    }
}
