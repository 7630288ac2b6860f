namespace FlinkSdk.Storage;

/// <summary>
/// Where checkpoints of one job run are written, listed, loaded and deleted (Flink's <c>CheckpointStorage</c> and
/// <c>CheckpointStorageAccess</c>). Built-in: <see cref="JobManagerCheckpointStorage"/> (<c>jobmanager</c>) and
/// <see cref="FileSystemCheckpointStorage"/> (<c>filesystem</c>); <see cref="CheckpointStorages.Create(Configuration.CheckpointConfig, string?)"/>
/// picks one from configuration.
/// </summary>
public interface ICheckpointStorage
{
    /// <summary>The storage's name: <c>jobmanager</c> or <c>filesystem</c>.</summary>
    string Name { get; }

    /// <summary>The job id: 32 lower-case hex characters, random per job run unless given.</summary>
    string JobId { get; }

    /// <summary>Starts writing checkpoint <paramref name="checkpointId"/>; dispose the writer without committing to abort it.</summary>
    /// <param name="checkpointId">The checkpoint id (not negative).</param>
    /// <returns>The writer of this checkpoint's state and metadata.</returns>
    ICheckpointWriter BeginCheckpoint(long checkpointId);

    /// <summary>Ids of the completed checkpoints of this job, ascending. A checkpoint is complete once its <c>_metadata</c> was committed.</summary>
    /// <returns>The ids.</returns>
    IReadOnlyList<long> ListCompletedCheckpoints();

    /// <summary>
    /// Loads and verifies a completed checkpoint: <c>_metadata</c> and every state file it lists must exist and pass the
    /// magic, version, length and checksum checks.
    /// </summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    /// <returns>The checkpoint's metadata and a reader for its state.</returns>
    /// <exception cref="CheckpointCorruptedException">A file is missing, truncated or corrupted.</exception>
    CompletedCheckpointData Load(long checkpointId);

    /// <summary>Deletes checkpoint <paramref name="checkpointId"/> (its <c>_metadata</c> first, then the rest). Idempotent.</summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    void Discard(long checkpointId);

    /// <summary>
    /// The external pointer of a checkpoint: its directory (<c>&lt;dir&gt;/&lt;job-id&gt;/chk-7</c>) for file-backed
    /// storage, or <c>jobmanager://&lt;job-id&gt;/chk-7</c> for in-memory storage.
    /// </summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    /// <returns>The pointer.</returns>
    string ExternalPointer(long checkpointId);

    /// <summary>
    /// Called when the job terminates: aborts checkpoints still being written and, unless <paramref name="retain"/> is
    /// <see langword="true"/>, deletes everything this storage owns. Never throws on already-deleted directories.
    /// </summary>
    /// <param name="retain">Keep the completed checkpoints (externalized checkpoint retention); see <see cref="CheckpointStorages.ShouldRetainOnShutdown"/>.</param>
    void Shutdown(bool retain);
}

/// <summary>Writes one checkpoint. Disposing without <see cref="Commit"/> aborts it.</summary>
public interface ICheckpointWriter : IDisposable
{
    /// <summary>The checkpoint being written.</summary>
    long CheckpointId { get; }

    /// <summary>
    /// Stores a state chunk: inline if <c>data.Length</c> is at most the inline threshold, else as an exclusive file
    /// <c>chk-&lt;id&gt;/&lt;uuid&gt;</c> written atomically (temp file, fsync, rename). Thread-safe: several subtasks
    /// write concurrently from their asynchronous snapshot threads.
    /// </summary>
    /// <param name="data">The serialized state.</param>
    /// <returns>The handle to put into the checkpoint's metadata.</returns>
    /// <exception cref="IOException">The chunk could not be written, or is larger than the storage allows.</exception>
    StateHandle WriteState(ReadOnlySpan<byte> data);

    /// <summary>
    /// Atomically writes <c>_metadata</c> (temp file, fsync, rename, fsync of the directory); afterwards the checkpoint
    /// is complete. Must not overlap with <see cref="WriteState"/> calls.
    /// </summary>
    /// <param name="metadata">The serialized checkpoint metadata (opaque to the storage).</param>
    /// <returns>The checkpoint's external pointer.</returns>
    string Commit(ReadOnlySpan<byte> metadata);

    /// <summary>Deletes everything written for this checkpoint. Idempotent; not allowed after <see cref="Commit"/>.</summary>
    void Abort();
}
