using System.Collections.Concurrent;
using System.Globalization;

namespace FlinkSdk.Storage;

/// <summary>
/// Checkpoints in a file system directory (Flink's <c>FileSystemCheckpointStorage</c>, name <c>filesystem</c>), with
/// Flink's layout:
/// <code>
/// &lt;dir&gt;/&lt;job-id&gt;/          (the &lt;job-id&gt; level is omitted when create-subdir is false)
///   shared/                 state shared by several checkpoints (created at construction)
///   taskowned/              state owned by tasks (created at construction)
///   chk-&lt;id&gt;/
///     _metadata             written last and atomically: its presence marks the checkpoint complete
///     &lt;uuid&gt;                exclusive state files of chunks above the inline threshold
/// </code>
/// Every file starts with a header (magic <c>FLKS</c>, format version, kind, payload length, CRC-32C of the payload), and
/// <c>_metadata</c> lists every state file with its size and checksum, so a torn, truncated, corrupted or missing file is
/// reported by <see cref="Load"/> as a <see cref="CheckpointCorruptedException"/>, never half-loaded. Files are written
/// to a hidden temp file, fsync'ed, renamed, and the directory is fsync'ed before and after <c>_metadata</c> is renamed
/// into place (see <see cref="ICheckpointWriter.Commit"/>).
/// </summary>
public sealed class FileSystemCheckpointStorage : ICheckpointStorage
{
    /// <summary>Flink's <c>METADATA_FILE_NAME</c>.</summary>
    public const string MetadataFileName = CheckpointPaths.MetadataFileName;

    /// <summary>Flink's <c>CHECKPOINT_DIR_PREFIX</c>.</summary>
    public const string CheckpointDirectoryPrefix = CheckpointPaths.CheckpointDirectoryPrefix;

    /// <summary>Flink's <c>CHECKPOINT_SHARED_STATE_DIR</c>.</summary>
    public const string SharedStateDirectoryName = CheckpointPaths.SharedStateDirectory;

    /// <summary>Flink's <c>CHECKPOINT_TASK_OWNED_STATE_DIR</c>.</summary>
    public const string TaskOwnedStateDirectoryName = CheckpointPaths.TaskOwnedStateDirectory;

    /// <summary>Default of <c>execution.checkpointing.data-inline-threshold</c>: 20 KiB.</summary>
    public const int DefaultDataInlineThreshold = 20 * 1024;

    /// <summary>Flink's <c>MAX_FILE_STATE_THRESHOLD</c>: 1 MiB.</summary>
    public const int MaxDataInlineThreshold = 1024 * 1024;

    /// <summary>Default of <c>execution.checkpointing.write-buffer-size</c>: 4096 bytes.</summary>
    public const int DefaultWriteBufferSize = 4096;

    private readonly StorageMode _mode;
    private readonly ConcurrentDictionary<long, FileSystemCheckpointWriter> _active = new();
    private readonly ConcurrentDictionary<long, byte> _begun = new();
    private int _shutdown;

    /// <summary>Creates the storage and its base directories (<c>shared/</c>, <c>taskowned/</c>).</summary>
    /// <param name="checkpointDirectory">The checkpoint base directory (<c>execution.checkpointing.dir</c>): a path or a <c>file://</c> URI.</param>
    /// <param name="jobId">The job id (32 hex characters); <see langword="null"/> for a random one.</param>
    /// <param name="createCheckpointSubdirectory">Whether checkpoints go under <c>&lt;dir&gt;/&lt;job-id&gt;</c> (<c>execution.checkpointing.create-subdir</c>).</param>
    /// <param name="dataInlineThreshold">Chunks up to this many bytes are returned inline (0 to 1 MiB).</param>
    /// <param name="writeBufferSize">The write buffer; the effective size is the larger of this and <paramref name="dataInlineThreshold"/>.</param>
    /// <param name="jobName">The job name to record in every <c>_metadata</c>, for <see cref="CheckpointStorages.FindRetained(string, string)"/>.</param>
    /// <exception cref="IOException">A base directory could not be created.</exception>
    public FileSystemCheckpointStorage(
        string checkpointDirectory,
        string? jobId = null,
        bool createCheckpointSubdirectory = true,
        int dataInlineThreshold = DefaultDataInlineThreshold,
        int writeBufferSize = DefaultWriteBufferSize,
        string? jobName = null)
        : this(CheckpointPaths.ToLocalPath(checkpointDirectory, nameof(checkpointDirectory)), CheckpointPaths.JobIdOrRandom(jobId),
               createCheckpointSubdirectory, ValidateThreshold(dataInlineThreshold), ValidateWriteBufferSize(writeBufferSize), jobName, StorageMode.Full)
    {
    }

    internal FileSystemCheckpointStorage(string baseDirectory, string jobId, bool createCheckpointSubdirectory, int dataInlineThreshold, int writeBufferSize, string? jobName, StorageMode mode)
        : this(baseDirectory, createCheckpointSubdirectory ? Path.Combine(baseDirectory, jobId) : baseDirectory, jobId, createCheckpointSubdirectory,
               dataInlineThreshold, writeBufferSize, jobName, mode)
    {
    }

    private FileSystemCheckpointStorage(
        string baseDirectory, string checkpointsDirectory, string jobId, bool createCheckpointSubdirectory, int dataInlineThreshold, int writeBufferSize, string? jobName, StorageMode mode)
    {
        BaseDirectory = baseDirectory;
        CheckpointsDirectory = checkpointsDirectory;
        JobId = jobId;
        CreateCheckpointSubdirectory = createCheckpointSubdirectory;
        DataInlineThreshold = dataInlineThreshold;
        WriteBufferSize = Math.Max(writeBufferSize, dataInlineThreshold);
        JobName = jobName;
        _mode = mode;
        SharedStateDirectory = Path.Combine(CheckpointsDirectory, SharedStateDirectoryName);
        TaskOwnedStateDirectory = Path.Combine(CheckpointsDirectory, TaskOwnedStateDirectoryName);

        switch (mode)
        {
            case StorageMode.Full:
                CreateDirectory(SharedStateDirectory, "Failed to create directory for shared state: ");
                CreateDirectory(TaskOwnedStateDirectory, "Failed to create directory for task owned state: ");
                SyncNewDirectories();
                break;
            case StorageMode.MetadataOnly:
                CreateDirectory(CheckpointsDirectory, "Failed to create checkpoint directory: ");
                SyncNewDirectories();
                break;
            case StorageMode.RestoreOnly:
            default:
                break;
        }
    }

    /// <summary>How the storage is used.</summary>
    internal enum StorageMode
    {
        /// <summary>A job's checkpoint storage: state files and metadata, <c>shared/</c> and <c>taskowned/</c>.</summary>
        Full,

        /// <summary><c>jobmanager</c> storage with a directory: only <c>_metadata</c> (all state inline) is persisted.</summary>
        MetadataOnly,

        /// <summary>Opened on an existing checkpoint to restore from it: nothing is created, and shutdown deletes nothing.</summary>
        RestoreOnly,
    }

    /// <inheritdoc/>
    public string Name => "filesystem";

    /// <inheritdoc/>
    public string JobId { get; }

    /// <summary>The job name recorded in <c>_metadata</c>, if any.</summary>
    public string? JobName { get; }

    /// <summary>The configured base directory, as a full local path.</summary>
    public string BaseDirectory { get; }

    /// <summary>The directory holding this job's <c>chk-&lt;id&gt;</c> directories: <c>&lt;dir&gt;/&lt;job-id&gt;</c>, or <c>&lt;dir&gt;</c> without the subdirectory.</summary>
    public string CheckpointsDirectory { get; }

    /// <summary>The <c>shared/</c> directory.</summary>
    public string SharedStateDirectory { get; }

    /// <summary>The <c>taskowned/</c> directory.</summary>
    public string TaskOwnedStateDirectory { get; }

    /// <summary>Whether checkpoints go under a <c>&lt;job-id&gt;</c> subdirectory.</summary>
    public bool CreateCheckpointSubdirectory { get; }

    /// <summary>Chunks up to this many bytes are returned inline rather than written to a file.</summary>
    public int DataInlineThreshold { get; }

    /// <summary>The effective write buffer size: the larger of the configured size and <see cref="DataInlineThreshold"/>.</summary>
    public int WriteBufferSize { get; }

    /// <summary>Whether this instance was opened by <see cref="CheckpointStorages.OpenForRestore"/> (read-only; shutdown deletes nothing).</summary>
    public bool IsRestoreOnly => _mode == StorageMode.RestoreOnly;

    internal bool IsShutdown => Volatile.Read(ref _shutdown) != 0;

    /// <summary>The directory of checkpoint <paramref name="checkpointId"/>: <c>&lt;checkpoints dir&gt;/chk-&lt;id&gt;</c>.</summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    /// <returns>The full path.</returns>
    public string GetCheckpointDirectory(long checkpointId)
    {
        ThrowIfNegative(checkpointId);
        return Path.Combine(CheckpointsDirectory, CheckpointPaths.CheckpointDirectoryName(checkpointId));
    }

    /// <inheritdoc/>
    public ICheckpointWriter BeginCheckpoint(long checkpointId) => BeginCheckpointCore(checkpointId);

    /// <inheritdoc/>
    public IReadOnlyList<long> ListCompletedCheckpoints()
    {
        var ids = new List<long>();
        foreach (var (id, path) in CheckpointPaths.EnumerateCheckpointDirectories(CheckpointsDirectory))
        {
            string metadata = Path.Combine(path, MetadataFileName);
            if (File.Exists(metadata) && MayBelongToThisJob(metadata))
            {
                ids.Add(id);
            }
        }

        ids.Sort();
        return ids;
    }

    /// <inheritdoc/>
    public CompletedCheckpointData Load(long checkpointId) =>
        CheckpointLoader.LoadDirectory(GetCheckpointDirectory(checkpointId), checkpointId, JobId);

    /// <inheritdoc/>
    public void Discard(long checkpointId)
    {
        if (_active.TryGetValue(checkpointId, out var writer))
        {
            writer.AbortQuietly();
        }

        CheckpointPaths.DeleteCheckpointDirectory(GetCheckpointDirectory(checkpointId));
    }

    /// <inheritdoc/>
    public string ExternalPointer(long checkpointId) => GetCheckpointDirectory(checkpointId);

    /// <inheritdoc/>
    /// <remarks>
    /// With the <c>&lt;job-id&gt;</c> subdirectory, <paramref name="retain"/> = <see langword="false"/> deletes that whole
    /// directory (every <c>_metadata</c> first). Without it, the base directory may be shared with other jobs, so only
    /// this job's <c>chk-&lt;id&gt;</c> directories are deleted, and <c>shared/</c> and <c>taskowned/</c> only if empty.
    /// A storage opened for restore never deletes anything here (use <see cref="Discard"/> to claim a checkpoint).
    /// </remarks>
    public void Shutdown(bool retain)
    {
        if (Interlocked.Exchange(ref _shutdown, 1) != 0)
        {
            return;
        }

        foreach (var writer in _active.Values)
        {
            writer.AbortQuietly();
        }

        if (retain || _mode == StorageMode.RestoreOnly)
        {
            return;
        }

        var errors = new List<Exception>();
        var checkpoints = CheckpointPaths.EnumerateCheckpointDirectories(CheckpointsDirectory);
        if (!CreateCheckpointSubdirectory)
        {
            checkpoints.RemoveAll(c => !_begun.ContainsKey(c.Id) && !IsThisJobsCheckpoint(c.Path));
        }

        // Every _metadata first, so an interrupted shutdown never leaves a checkpoint that looks complete but is not.
        foreach (var (_, path) in checkpoints)
        {
            Try(errors, () => File.Delete(Path.Combine(path, MetadataFileName)));
        }

        if (checkpoints.Count > 0)
        {
            DirectorySync.TryFsync(CheckpointsDirectory);
        }

        if (CreateCheckpointSubdirectory)
        {
            Try(errors, () => CheckpointPaths.DeleteDirectoryRecursively(CheckpointsDirectory));
        }
        else
        {
            foreach (var (_, path) in checkpoints)
            {
                Try(errors, () => CheckpointPaths.DeleteDirectoryRecursively(path));
            }

            if (_mode == StorageMode.Full)
            {
                DeleteIfEmpty(SharedStateDirectory);
                DeleteIfEmpty(TaskOwnedStateDirectory);
            }
        }

        if (errors.Count > 0)
        {
            throw new IOException($"Could not delete all checkpoint data of job {JobId} under '{CheckpointsDirectory}'.", errors.Count == 1 ? errors[0] : new AggregateException(errors));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"FileSystemCheckpointStorage(job {JobId}, '{CheckpointsDirectory}')";

    /// <summary>Opens a restore-only storage on the directory holding an existing checkpoint directory.</summary>
    internal static FileSystemCheckpointStorage ForRestore(string checkpointDirectory, string jobId, string? jobName)
    {
        string parent = Path.GetDirectoryName(checkpointDirectory) ?? checkpointDirectory;
        return new FileSystemCheckpointStorage(parent, parent, jobId, createCheckpointSubdirectory: false, DefaultDataInlineThreshold, DefaultWriteBufferSize, jobName, StorageMode.RestoreOnly);
    }

    internal FileSystemCheckpointWriter BeginCheckpointCore(long checkpointId)
    {
        if (IsShutdown)
        {
            throw new InvalidOperationException($"The checkpoint storage of job {JobId} is shut down.");
        }

        if (_mode == StorageMode.RestoreOnly)
        {
            throw new InvalidOperationException(
                $"This checkpoint storage was opened to restore from '{CheckpointsDirectory}' and is read-only; new checkpoints go to the resumed job's own storage.");
        }

        string directory = GetCheckpointDirectory(checkpointId);
        var writer = new FileSystemCheckpointWriter(this, checkpointId, directory);
        if (!_active.TryAdd(checkpointId, writer))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Checkpoint {checkpointId} of job {JobId} is already being written."));
        }

        try
        {
            if (File.Exists(Path.Combine(directory, MetadataFileName)))
            {
                throw new IOException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Checkpoint {checkpointId} already exists at '{directory}' ({MetadataFileName} is present); a completed checkpoint is never overwritten. Use another job id, or enable execution.checkpointing.create-subdir."));
            }

            Directory.CreateDirectory(directory);
            _begun.TryAdd(checkpointId, 0);
        }
        catch
        {
            _active.TryRemove(new KeyValuePair<long, FileSystemCheckpointWriter>(checkpointId, writer));
            throw;
        }

        return writer;
    }

    internal void WriterFinished(FileSystemCheckpointWriter writer) =>
        _active.TryRemove(new KeyValuePair<long, FileSystemCheckpointWriter>(writer.CheckpointId, writer));

    internal static int ValidateThreshold(int dataInlineThreshold)
    {
        if (dataInlineThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dataInlineThreshold), dataInlineThreshold, "The threshold for file state size must be zero or larger.");
        }

        if (dataInlineThreshold > MaxDataInlineThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(dataInlineThreshold), dataInlineThreshold, "The threshold for file state size cannot be larger than " + MaxDataInlineThreshold.ToString(CultureInfo.InvariantCulture));
        }

        return dataInlineThreshold;
    }

    internal static int ValidateWriteBufferSize(int writeBufferSize) => writeBufferSize switch
    {
        -1 => DefaultWriteBufferSize,
        < -1 => throw new ArgumentOutOfRangeException(nameof(writeBufferSize), writeBufferSize, "The write buffer size must be not less than '-1', where '-1' means to use the value from the deployment's configuration."),
        _ => writeBufferSize,
    };

    private static void ThrowIfNegative(long checkpointId)
    {
        if (checkpointId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(checkpointId), checkpointId, string.Create(CultureInfo.InvariantCulture, $"Illegal negative checkpoint id: {checkpointId}."));
        }
    }

    private static void CreateDirectory(string path, string message)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(message + path, e);
        }
    }

    private static void DeleteIfEmpty(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: false);
        }
        catch (IOException)
        {
            // Missing, or not empty (used by another job): leave it.
        }
        catch (UnauthorizedAccessException)
        {
            // Leave it.
        }
    }

    private static void Try(List<Exception> errors, Action action)
    {
        try
        {
            action();
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(e);
        }
    }

    private void SyncNewDirectories()
    {
        DirectorySync.TryFsync(CheckpointsDirectory);
        if (CreateCheckpointSubdirectory)
        {
            DirectorySync.TryFsync(BaseDirectory);
        }
    }

    // With the job-id subdirectory every chk-* belongs to this job; without it (or when restoring), _metadata says whose it is.
    private bool MayBelongToThisJob(string metadataPath) =>
        (CreateCheckpointSubdirectory && _mode != StorageMode.RestoreOnly) ||
        MetadataEnvelope.TryReadJobId(metadataPath) is not { } owner || owner == JobId;

    private bool IsThisJobsCheckpoint(string checkpointDirectory) =>
        MetadataEnvelope.TryReadJobId(Path.Combine(checkpointDirectory, MetadataFileName)) == JobId;
}
