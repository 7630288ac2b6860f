using FlinkSdk.Configuration;
using FlinkSdk.Storage;
using static FlinkSdk.Tests.Storage.StorageTestSupport;

namespace FlinkSdk.Tests.Storage;

public class CheckpointStoragesCreateTests
{
    [Fact]
    public void NothingConfiguredMeansJobManager()
    {
        var storage = CheckpointStorages.Create(new FlinkConfiguration().Checkpointing, JobA);

        var jobManager = Assert.IsType<JobManagerCheckpointStorage>(storage);
        Assert.Equal("jobmanager", storage.Name);
        Assert.Equal(JobA, storage.JobId);
        Assert.Null(jobManager.CheckpointsDirectory);
        Assert.Equal(JobManagerCheckpointStorage.DefaultMaxStateSize, jobManager.MaxStateSize);
    }

    [Fact]
    public void ADirectoryAloneMeansFilesystem()
    {
        using var temp = new TempDirectory();
        var config = new FlinkConfiguration().Set("execution.checkpointing.dir", new Uri(temp.Path).AbsoluteUri).Checkpointing;

        var storage = Assert.IsType<FileSystemCheckpointStorage>(CheckpointStorages.Create(config, JobA));

        Assert.Equal("filesystem", storage.Name);
        Assert.Equal(temp.Combine(JobA), storage.CheckpointsDirectory);
        Assert.Equal(20 * 1024, storage.DataInlineThreshold);
        Assert.True(Directory.Exists(temp.Combine(JobA, "shared")));
        Assert.True(Directory.Exists(temp.Combine(JobA, "taskowned")));
    }

    [Fact]
    public void ExplicitJobManagerWithADirectoryPersistsMetadataThere()
    {
        using var temp = new TempDirectory();
        var config = new FlinkConfiguration()
            .Set("execution.checkpointing.storage", "JobManager")
            .Set("execution.checkpointing.dir", temp.Path)
            .Checkpointing;

        var storage = Assert.IsType<JobManagerCheckpointStorage>(CheckpointStorages.Create(config, JobA));

        Assert.Equal(temp.Combine(JobA), storage.CheckpointsDirectory);
    }

    [Fact]
    public void FilesystemWithoutADirectoryFailsWithFlinksMessage()
    {
        var config = new FlinkConfiguration().Set("execution.checkpointing.storage", "filesystem").Checkpointing;

        var e = Assert.Throws<FlinkConfigurationException>(() => CheckpointStorages.Create(config));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("FLK0028", problem.RuleId);
        Assert.Contains(
            "Cannot create the file system state backend: The configuration does not specify the checkpoint directory 'execution.checkpointing.dir'",
            e.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownStorageNamesAreRejected()
    {
        var config = new FlinkConfiguration().Set("execution.checkpointing.storage", "rocksdb-remote").Checkpointing;

        var e = Assert.Throws<FlinkConfigurationException>(() => CheckpointStorages.Create(config));

        Assert.Contains("'rocksdb-remote'", e.Message, StringComparison.Ordinal);
        Assert.Equal(ProblemSeverity.Error, Assert.Single(e.Problems).Severity);
    }

    [Fact]
    public void InlineThresholdWriteBufferAndSubdirectoryComeFromConfiguration()
    {
        using var temp = new TempDirectory();
        var config = new FlinkConfiguration()
            .Set("execution.checkpointing.dir", temp.Path)
            .Set("execution.checkpointing.data-inline-threshold", "1 kb")
            .Set("execution.checkpointing.write-buffer-size", "65536")
            .Set("execution.checkpointing.create-subdir", "false")
            .Checkpointing;

        var storage = Assert.IsType<FileSystemCheckpointStorage>(CheckpointStorages.Create(config, JobA, "wc"));

        Assert.Equal(1024, storage.DataInlineThreshold);
        Assert.Equal(65536, storage.WriteBufferSize);
        Assert.False(storage.CreateCheckpointSubdirectory);
        Assert.Equal(temp.Path, storage.CheckpointsDirectory);
        Assert.Equal("wc", storage.JobName);
        using var writer = storage.BeginCheckpoint(1);
        Assert.True(writer.WriteState(new byte[1024]).IsInline);
        Assert.False(writer.WriteState(new byte[1025]).IsInline);
    }

    [Fact]
    public void DeprecatedKeysSelectTheStorageToo()
    {
        using var temp = new TempDirectory();
        var config = new FlinkConfiguration().Set("state.checkpoints.dir", temp.Path).Checkpointing;

        Assert.Equal("filesystem", CheckpointStorages.Create(config).Name);
    }
}
