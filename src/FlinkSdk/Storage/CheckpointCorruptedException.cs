namespace FlinkSdk.Storage;

/// <summary>
/// A checkpoint file (<c>_metadata</c> or a state file) is missing, truncated or corrupted: bad magic, unsupported
/// format version, wrong length or checksum. The checkpoint must not be restored; an older one may be.
/// </summary>
public sealed class CheckpointCorruptedException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file (or checkpoint) that is corrupt.</param>
    /// <param name="reason">What is wrong with it, e.g. <c>checksum mismatch: expected 0x…, computed 0x…</c>.</param>
    public CheckpointCorruptedException(string path, string reason)
        : this(path, reason, null)
    {
    }

    /// <summary>Creates the exception with the error that revealed the corruption.</summary>
    /// <param name="path">The file (or checkpoint) that is corrupt.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CheckpointCorruptedException(string path, string reason, Exception? innerException)
        : base($"Checkpoint file '{path}' is corrupted: {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The file (or, for in-memory checkpoints, the checkpoint pointer) that is corrupt.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
