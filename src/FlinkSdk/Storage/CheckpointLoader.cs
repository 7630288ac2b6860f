using System.Globalization;

namespace FlinkSdk.Storage;

/// <summary>Loads and verifies checkpoint directories (shared by the storages and by external pointers).</summary>
internal static class CheckpointLoader
{
    public const string MissingMetadata = "missing _metadata: the checkpoint was never completed, or it was deleted";

    /// <summary>Loads <c>chk-&lt;id&gt;</c>: verifies <c>_metadata</c> and every state file it lists (existence, header, length, checksum).</summary>
    public static CompletedCheckpointData LoadDirectory(string checkpointDirectory, long? expectedCheckpointId, string? expectedJobId)
    {
        string metadataPath = Path.Combine(checkpointDirectory, CheckpointPaths.MetadataFileName);
        byte[] payload = CheckpointFileFormat.ReadVerified(metadataPath, CheckpointFileKind.Metadata, MissingMetadata);
        var envelope = MetadataEnvelope.Parse(payload, metadataPath);
        CheckOwner(envelope, metadataPath, checkpointDirectory, expectedCheckpointId, expectedJobId);
        var data = new CompletedCheckpointData(
            envelope.CheckpointId, envelope.Metadata, checkpointDirectory, checkpointDirectory, envelope.JobId, envelope.JobName, envelope.CommitTime);
        foreach (var file in envelope.StateFiles)
        {
            string path = StateFilePath(checkpointDirectory, file.RelativePath);
            var (length, checksum) = CheckpointFileFormat.Verify(path, CheckpointFileKind.State, data.MissingStateFile(file.RelativePath));
            CheckAgainstManifest(path, file, length, checksum);
        }

        return data;
    }

    /// <summary>
    /// The checks of a scan: <c>_metadata</c> fully (header, length, checksum, format), state files by header and length
    /// only (no payload read). Returns the reason the checkpoint is unusable, or <see langword="null"/>.
    /// </summary>
    public static string? QuickCheck(string checkpointDirectory, out MetadataEnvelope? envelope)
    {
        envelope = null;
        string metadataPath = Path.Combine(checkpointDirectory, CheckpointPaths.MetadataFileName);
        try
        {
            byte[] payload = CheckpointFileFormat.ReadVerified(metadataPath, CheckpointFileKind.Metadata, MissingMetadata);
            envelope = MetadataEnvelope.Parse(payload, metadataPath);
            foreach (var file in envelope.StateFiles)
            {
                string path = StateFilePath(checkpointDirectory, file.RelativePath);
                string missing = string.Create(CultureInfo.InvariantCulture, $"missing state file '{file.RelativePath}' of checkpoint {envelope.CheckpointId}");
                string? reason = CheckpointFileFormat.CheckHeaderAndLength(path, CheckpointFileKind.State, missing, out long length);
                if (reason is null && length != file.Size)
                {
                    reason = SizeMismatch(file.Size, length);
                }

                if (reason is not null)
                {
                    return path + ": " + reason;
                }
            }

            return null;
        }
        catch (CheckpointCorruptedException e)
        {
            return e.Path + ": " + e.Reason;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return metadataPath + ": unreadable: " + e.Message;
        }
    }

    private static void CheckOwner(MetadataEnvelope envelope, string metadataPath, string checkpointDirectory, long? expectedCheckpointId, string? expectedJobId)
    {
        if (expectedCheckpointId is { } id && envelope.CheckpointId != id)
        {
            throw new CheckpointCorruptedException(metadataPath, string.Create(
                CultureInfo.InvariantCulture,
                $"checkpoint id mismatch: _metadata is for checkpoint {envelope.CheckpointId}, but lies in '{Path.GetFileName(checkpointDirectory)}' (checkpoint {id})"));
        }

        if (expectedJobId is not null && envelope.JobId != expectedJobId)
        {
            throw new CheckpointCorruptedException(metadataPath, $"job id mismatch: _metadata belongs to job {envelope.JobId}, not to job {expectedJobId}");
        }
    }

    private static string StateFilePath(string checkpointDirectory, string relativePath) =>
        CompletedCheckpointData.IsPlainFileName(relativePath)
            ? Path.Combine(checkpointDirectory, relativePath)
            : throw new CheckpointCorruptedException(
                Path.Combine(checkpointDirectory, CheckpointPaths.MetadataFileName),
                $"invalid state file reference '{relativePath}': must be a file name inside the checkpoint directory");

    private static void CheckAgainstManifest(string path, ManifestEntry file, long length, uint checksum)
    {
        if (length != file.Size)
        {
            throw new CheckpointCorruptedException(path, SizeMismatch(file.Size, length));
        }

        if (checksum != file.Checksum)
        {
            throw new CheckpointCorruptedException(path, $"checksum mismatch: _metadata expects {CheckpointFileFormat.Hex(file.Checksum)}, file has {CheckpointFileFormat.Hex(checksum)}");
        }
    }

    private static string SizeMismatch(long expected, long actual) =>
        string.Create(CultureInfo.InvariantCulture, $"size mismatch: _metadata says {expected} bytes, file holds {actual}");
}
