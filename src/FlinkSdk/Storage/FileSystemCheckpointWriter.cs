using System.Globalization;

namespace FlinkSdk.Storage;

/// <summary>Writes one checkpoint of a <see cref="FileSystemCheckpointStorage"/> into its <c>chk-&lt;id&gt;</c> directory.</summary>
internal sealed class FileSystemCheckpointWriter : ICheckpointWriter
{
    private readonly FileSystemCheckpointStorage _storage;
    private readonly string _directory;
    private readonly object _lock = new();
    private readonly List<ManifestEntry> _files = [];
    private WriterState _state = WriterState.Open;
    private int _writesInFlight;

    public FileSystemCheckpointWriter(FileSystemCheckpointStorage storage, long checkpointId, string directory)
    {
        _storage = storage;
        CheckpointId = checkpointId;
        _directory = directory;
    }

    private enum WriterState
    {
        Open,
        Committing,
        Committed,
        Aborted,
    }

    public long CheckpointId { get; }

    public StateHandle WriteState(ReadOnlySpan<byte> data)
    {
        uint checksum = Crc32C.Compute(data);
        if (data.Length <= _storage.DataInlineThreshold)
        {
            lock (_lock)
            {
                EnsureOpen();
            }

            return new StateHandle(data.ToArray(), null, data.Length, checksum);
        }

        string name = Guid.NewGuid().ToString();
        string path = Path.Combine(_directory, name);
        lock (_lock)
        {
            EnsureOpen();
            _writesInFlight++;
        }

        bool registered = false;
        try
        {
            CheckpointFileFormat.WriteAtomically(path, CheckpointFileKind.State, data, checksum, _storage.WriteBufferSize);
            lock (_lock)
            {
                if (_state == WriterState.Open)
                {
                    _files.Add(new ManifestEntry(name, data.Length, checksum));
                    registered = true;
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _writesInFlight--;
            }
        }

        if (!registered)
        {
            CheckpointFileFormat.TryDeleteFile(path);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Checkpoint {CheckpointId} was aborted while state was being written."));
        }

        return new StateHandle(null, name, data.Length, checksum);
    }

    public string Commit(ReadOnlySpan<byte> metadata)
    {
        ManifestEntry[] files;
        lock (_lock)
        {
            EnsureOpen();
            if (_writesInFlight > 0)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture, $"Checkpoint {CheckpointId} cannot be committed while {_writesInFlight} state write(s) are still in progress."));
            }

            _state = WriterState.Committing;
            files = [.. _files];
        }

        try
        {
            byte[] payload = MetadataEnvelope.Serialize(_storage.JobId, CheckpointId, DateTimeOffset.UtcNow, _storage.JobName, files, metadata);

            // 1. Make the state files' renames and the chk-<id> entry durable before _metadata can exist.
            DirectorySync.Fsync(_directory);
            DirectorySync.Fsync(_storage.CheckpointsDirectory);

            // 2. _metadata: temp file, fsync, rename (never overwriting), fsync of the directory.
            CheckpointFileFormat.WriteAtomically(
                Path.Combine(_directory, CheckpointPaths.MetadataFileName), CheckpointFileKind.Metadata, payload, Crc32C.Compute(payload), _storage.WriteBufferSize);
            DirectorySync.Fsync(_directory);

            lock (_lock)
            {
                if (_state != WriterState.Committing)
                {
                    throw new IOException(string.Create(CultureInfo.InvariantCulture, $"Checkpoint {CheckpointId} was aborted while it was being committed."));
                }

                _state = WriterState.Committed;
            }
        }
        catch
        {
            lock (_lock)
            {
                if (_state == WriterState.Committing)
                {
                    _state = WriterState.Open; // Dispose aborts and deletes it.
                }
            }

            throw;
        }

        _storage.WriterFinished(this);
        return _storage.ExternalPointer(CheckpointId);
    }

    public void Abort()
    {
        lock (_lock)
        {
            if (_state == WriterState.Committed)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture, $"Checkpoint {CheckpointId} is already committed; use ICheckpointStorage.Discard to delete it."));
            }

            if (_state == WriterState.Aborted)
            {
                return;
            }

            _state = WriterState.Aborted;
        }

        try
        {
            CheckpointPaths.DeleteCheckpointDirectory(_directory);
        }
        finally
        {
            _storage.WriterFinished(this);
        }
    }

    /// <summary>Aborts unless committed. Deletion is best effort here: a leftover directory without <c>_metadata</c> is never taken for a checkpoint.</summary>
    public void Dispose() => AbortQuietly();

    /// <summary>Aborts unless committed, swallowing deletion errors (dispose, shutdown and discard paths).</summary>
    internal void AbortQuietly()
    {
        lock (_lock)
        {
            if (_state is WriterState.Committed or WriterState.Aborted)
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
            // Best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort.
        }
        catch (InvalidOperationException)
        {
            // Committed concurrently.
        }
    }

    private void EnsureOpen()
    {
        if (_state != WriterState.Open)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"Checkpoint {CheckpointId} is {_state.ToString().ToLowerInvariant()}; no more state can be written."));
        }
    }
}
