using System.Globalization;

namespace FlinkSdk.Storage;

/// <summary>A completed checkpoint that was loaded and verified: its metadata, and a reader for its state.</summary>
public sealed class CompletedCheckpointData
{
    private readonly byte[] _metadata;

    internal CompletedCheckpointData(
        long checkpointId, byte[] metadata, string externalPointer, string? checkpointDirectory, string jobId, string? jobName, DateTimeOffset? commitTime)
    {
        CheckpointId = checkpointId;
        _metadata = metadata;
        ExternalPointer = externalPointer;
        CheckpointDirectory = checkpointDirectory;
        JobId = jobId;
        JobName = jobName;
        CommitTime = commitTime;
    }

    /// <summary>The checkpoint id.</summary>
    public long CheckpointId { get; }

    /// <summary>The metadata bytes given to <see cref="ICheckpointWriter.Commit"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Fixed API shared with the checkpoint coordinator.")]
    public byte[] Metadata => _metadata;

    /// <summary>The checkpoint's external pointer (see <see cref="ICheckpointStorage.ExternalPointer"/>).</summary>
    public string ExternalPointer { get; }

    /// <summary>The job id that wrote the checkpoint.</summary>
    public string JobId { get; }

    /// <summary>The job name recorded when the checkpoint was written, if the storage was given one.</summary>
    public string? JobName { get; }

    /// <summary>When <c>_metadata</c> was committed, if known.</summary>
    public DateTimeOffset? CommitTime { get; }

    /// <summary>The local directory of the checkpoint (<c>chk-&lt;id&gt;</c>), or <see langword="null"/> for in-memory checkpoints.</summary>
    public string? CheckpointDirectory { get; }

    /// <summary>
    /// Reads a state chunk of this checkpoint, verifying its size and checksum again (inline data included).
    /// </summary>
    /// <param name="handle">A handle returned by <see cref="ICheckpointWriter.WriteState"/> for this checkpoint.</param>
    /// <returns>The state bytes.</returns>
    /// <exception cref="CheckpointCorruptedException">The state is missing, truncated or does not match the handle.</exception>
    public byte[] ReadState(StateHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.InlineData is { } inline)
        {
            string where = ExternalPointer + " (inline state)";
            if (inline.Length != handle.Size)
            {
                throw new CheckpointCorruptedException(where, string.Create(
                    CultureInfo.InvariantCulture, $"size mismatch: handle says {handle.Size} bytes, inline data has {inline.Length}"));
            }

            uint computed = Crc32C.Compute(inline);
            if (computed != handle.Checksum)
            {
                throw new CheckpointCorruptedException(where, $"checksum mismatch: expected {CheckpointFileFormat.Hex(handle.Checksum)}, computed {CheckpointFileFormat.Hex(computed)}");
            }

            return inline;
        }

        string path = ResolveStateFile(handle.RelativePath);
        byte[] data = CheckpointFileFormat.ReadVerified(path, CheckpointFileKind.State, MissingStateFile(handle.RelativePath!));
        if (data.Length != handle.Size)
        {
            throw new CheckpointCorruptedException(path, string.Create(
                CultureInfo.InvariantCulture, $"size mismatch: handle says {handle.Size} bytes, file holds {data.Length}"));
        }

        uint checksum = Crc32C.Compute(data);
        if (checksum != handle.Checksum)
        {
            throw new CheckpointCorruptedException(path, $"checksum mismatch: handle expects {CheckpointFileFormat.Hex(handle.Checksum)}, file has {CheckpointFileFormat.Hex(checksum)}");
        }

        return data;
    }

    internal string MissingStateFile(string relativePath) =>
        string.Create(CultureInfo.InvariantCulture, $"missing state file '{relativePath}' of checkpoint {CheckpointId}");

    private string ResolveStateFile(string? relativePath)
    {
        if (CheckpointDirectory is null)
        {
            throw new CheckpointCorruptedException(ExternalPointer, $"state handle refers to file '{relativePath}', but this checkpoint was kept in memory and has no files");
        }

        if (!IsPlainFileName(relativePath))
        {
            throw new CheckpointCorruptedException(CheckpointDirectory, $"invalid state file reference '{relativePath}': must be a file name inside the checkpoint directory");
        }

        return Path.Combine(CheckpointDirectory, relativePath);
    }

    internal static bool IsPlainFileName([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name) =>
        !string.IsNullOrEmpty(name) && name != "." && name != ".." &&
        name.IndexOfAny(['/', '\\']) < 0 && !Path.IsPathRooted(name) && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
}
