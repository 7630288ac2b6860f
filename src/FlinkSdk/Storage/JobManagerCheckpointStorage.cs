using System.Globalization;

namespace FlinkSdk.Storage;

/// <summary>
/// Checkpoints held by the job manager (Flink's <c>JobManagerCheckpointStorage</c>, name <c>jobmanager</c>, the default
/// when no checkpoint directory is configured). Every state chunk is kept inline, and a chunk larger than
/// <see cref="MaxStateSize"/> (5 MiB by default) is rejected with Flink's message. Without a directory everything stays
/// in memory and is gone when the process ends; with one, as in Flink, only <c>_metadata</c> (holding all state inline)
/// is persisted, under <c>&lt;dir&gt;/&lt;job-id&gt;/chk-&lt;id&gt;/_metadata</c>.
/// </summary>
public sealed class JobManagerCheckpointStorage : ICheckpointStorage
{
    /// <summary>Flink's <c>DEFAULT_MAX_STATE_SIZE</c>: 5 MiB.</summary>
    public const int DefaultMaxStateSize = 5 * 1024 * 1024;

    private readonly FileSystemCheckpointStorage? _persistent;
    private readonly object _lock = new();
    private readonly SortedDictionary<long, (byte[] Metadata, uint Checksum)> _completed = [];
    private readonly Dictionary<long, InMemoryCheckpointWriter> _active = [];
    private bool _shutdown;

    /// <summary>Creates the storage.</summary>
    /// <param name="jobId">The job id (32 hex characters); <see langword="null"/> for a random one.</param>
    /// <param name="maxStateSize">The largest state chunk accepted, in bytes (Flink's <c>maxStateSize</c>, default 5 MiB).</param>
    /// <param name="checkpointDirectory">Where to persist <c>_metadata</c> (a path or <c>file://</c> URI), or <see langword="null"/> to keep everything in memory.</param>
    /// <param name="jobName">The job name to record in persisted <c>_metadata</c>.</param>
    public JobManagerCheckpointStorage(string? jobId = null, int maxStateSize = DefaultMaxStateSize, string? checkpointDirectory = null, string? jobName = null)
    {
        if (maxStateSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxStateSize), maxStateSize, "maxStateSize must be > 0");
        }

        JobId = CheckpointPaths.JobIdOrRandom(jobId);
        MaxStateSize = maxStateSize;
        JobName = jobName;
        if (checkpointDirectory is not null)
        {
            _persistent = new FileSystemCheckpointStorage(
                CheckpointPaths.ToLocalPath(checkpointDirectory, nameof(checkpointDirectory)), JobId, createCheckpointSubdirectory: true,
                dataInlineThreshold: 0, FileSystemCheckpointStorage.DefaultWriteBufferSize, jobName, FileSystemCheckpointStorage.StorageMode.MetadataOnly);
        }
    }

    /// <inheritdoc/>
    public string Name => "jobmanager";

    /// <inheritdoc/>
    public string JobId { get; }

    /// <summary>The job name recorded in persisted <c>_metadata</c>, if any.</summary>
    public string? JobName { get; }

    /// <summary>The largest state chunk accepted, in bytes.</summary>
    public int MaxStateSize { get; }

    /// <summary>The directory <c>_metadata</c> files are persisted to (<c>&lt;dir&gt;/&lt;job-id&gt;</c>), or <see langword="null"/> when in memory only.</summary>
    public string? CheckpointsDirectory => _persistent?.CheckpointsDirectory;

    /// <inheritdoc/>
    public ICheckpointWriter BeginCheckpoint(long checkpointId)
    {
        if (checkpointId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(checkpointId), checkpointId, string.Create(CultureInfo.InvariantCulture, $"Illegal negative checkpoint id: {checkpointId}."));
        }

        lock (_lock)
        {
            if (_shutdown)
            {
                throw new InvalidOperationException($"The checkpoint storage of job {JobId} is shut down.");
            }

            if (_active.ContainsKey(checkpointId))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Checkpoint {checkpointId} of job {JobId} is already being written."));
            }

            if (_completed.ContainsKey(checkpointId))
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"Checkpoint {checkpointId} of job {JobId} already exists; a completed checkpoint is never overwritten."));
            }

            var inner = _persistent?.BeginCheckpointCore(checkpointId);
            var writer = new InMemoryCheckpointWriter(this, checkpointId, inner);
            _active.Add(checkpointId, writer);
            return writer;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<long> ListCompletedCheckpoints()
    {
        if (_persistent is not null)
        {
            return _persistent.ListCompletedCheckpoints();
        }

        lock (_lock)
        {
            return [.. _completed.Keys];
        }
    }

    /// <inheritdoc/>
    public CompletedCheckpointData Load(long checkpointId)
    {
        if (_persistent is not null)
        {
            return _persistent.Load(checkpointId);
        }

        string pointer = ExternalPointer(checkpointId);
        (byte[] Metadata, uint Checksum) entry;
        lock (_lock)
        {
            if (!_completed.TryGetValue(checkpointId, out entry))
            {
                throw new CheckpointCorruptedException(pointer, string.Create(
                    CultureInfo.InvariantCulture,
                    $"missing _metadata: checkpoint {checkpointId} is not a completed checkpoint of job {JobId} (the in-memory jobmanager storage keeps checkpoints only while the job runs)"));
            }
        }

        uint computed = Crc32C.Compute(entry.Metadata);
        if (computed != entry.Checksum)
        {
            throw new CheckpointCorruptedException(pointer, $"checksum mismatch: expected {CheckpointFileFormat.Hex(entry.Checksum)}, computed {CheckpointFileFormat.Hex(computed)}");
        }

        return new CompletedCheckpointData(checkpointId, entry.Metadata, pointer, null, JobId, JobName, null);
    }

    /// <inheritdoc/>
    public void Discard(long checkpointId)
    {
        InMemoryCheckpointWriter? active;
        lock (_lock)
        {
            _completed.Remove(checkpointId);
            _active.TryGetValue(checkpointId, out active);
        }

        active?.AbortQuietly();
        _persistent?.Discard(checkpointId);
    }

    /// <inheritdoc/>
    public string ExternalPointer(long checkpointId) =>
        _persistent?.ExternalPointer(checkpointId) ??
        string.Create(CultureInfo.InvariantCulture, $"{CheckpointPaths.JobManagerScheme}{JobId}/{CheckpointPaths.CheckpointDirectoryName(checkpointId)}");

    /// <inheritdoc/>
    public void Shutdown(bool retain)
    {
        InMemoryCheckpointWriter[] active;
        lock (_lock)
        {
            if (_shutdown)
            {
                return;
            }

            _shutdown = true;
            active = [.. _active.Values];
        }

        foreach (var writer in active)
        {
            writer.AbortQuietly();
        }

        if (!retain)
        {
            lock (_lock)
            {
                _completed.Clear();
            }
        }

        _persistent?.Shutdown(retain);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        _persistent is null ? $"JobManagerCheckpointStorage(job {JobId}, in memory)" : $"JobManagerCheckpointStorage(job {JobId}, metadata in '{_persistent.CheckpointsDirectory}')";

    internal void Completed(InMemoryCheckpointWriter writer, byte[]? metadata)
    {
        lock (_lock)
        {
            if (_active.TryGetValue(writer.CheckpointId, out var current) && ReferenceEquals(current, writer))
            {
                _active.Remove(writer.CheckpointId);
            }

            if (metadata is not null && _persistent is null)
            {
                _completed[writer.CheckpointId] = (metadata, Crc32C.Compute(metadata));
            }
        }
    }

    /// <summary>Flink's <c>MemCheckpointStreamFactory</c> check.</summary>
    internal void CheckSize(int size)
    {
        if (size > MaxStateSize)
        {
            throw new IOException(string.Format(
                CultureInfo.InvariantCulture,
                "Size of the state is larger than the maximum permitted memory-backed state. Size={0}, maxSize={1}. Consider using a different checkpoint storage, like the {2}.",
                size,
                MaxStateSize,
                "FileSystemCheckpointStorage"));
        }
    }
}

/// <summary>Writes one checkpoint of a <see cref="JobManagerCheckpointStorage"/>: all state inline, metadata in memory or in <c>_metadata</c>.</summary>
internal sealed class InMemoryCheckpointWriter : ICheckpointWriter
{
    private readonly JobManagerCheckpointStorage _storage;
    private readonly FileSystemCheckpointWriter? _persistent;
    private readonly object _lock = new();
    private bool _committed;
    private bool _aborted;

    public InMemoryCheckpointWriter(JobManagerCheckpointStorage storage, long checkpointId, FileSystemCheckpointWriter? persistent)
    {
        _storage = storage;
        CheckpointId = checkpointId;
        _persistent = persistent;
    }

    public long CheckpointId { get; }

    public StateHandle WriteState(ReadOnlySpan<byte> data)
    {
        _storage.CheckSize(data.Length);
        lock (_lock)
        {
            EnsureOpen();
        }

        return new StateHandle(data.ToArray(), null, data.Length, Crc32C.Compute(data));
    }

    public string Commit(ReadOnlySpan<byte> metadata)
    {
        lock (_lock)
        {
            EnsureOpen();
            if (_persistent is not null)
            {
                _persistent.Commit(metadata);
                _committed = true;
                _storage.Completed(this, null);
            }
            else
            {
                _committed = true;
                _storage.Completed(this, metadata.ToArray());
            }
        }

        return _storage.ExternalPointer(CheckpointId);
    }

    public void Abort()
    {
        lock (_lock)
        {
            if (_committed)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture, $"Checkpoint {CheckpointId} is already committed; use ICheckpointStorage.Discard to delete it."));
            }

            if (_aborted)
            {
                return;
            }

            _aborted = true;
        }

        try
        {
            _persistent?.Abort();
        }
        finally
        {
            _storage.Completed(this, null);
        }
    }

    public void Dispose() => AbortQuietly();

    internal void AbortQuietly()
    {
        lock (_lock)
        {
            if (_committed || _aborted)
            {
                return;
            }
        }

        try
        {
            Abort();
        }
        catch (IOException)
        {
            // Best effort: a directory without _metadata is never taken for a checkpoint.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
        catch (InvalidOperationException)
        {
            // Committed concurrently.
        }
    }

    private void EnsureOpen()
    {
        if (_committed || _aborted)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"Checkpoint {CheckpointId} is {(_committed ? "committed" : "aborted")}; no more state can be written."));
        }
    }
}
