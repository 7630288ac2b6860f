namespace FlinkSdk.Storage;

/// <summary>
/// A checkpoint found on disk by <see cref="CheckpointStorages.FindRetained(string)"/>: a <c>chk-&lt;id&gt;</c>
/// directory with a <c>_metadata</c> file.
/// </summary>
/// <param name="JobId">The job id that wrote it (from <c>_metadata</c>, else from the directory name; empty if unknown).</param>
/// <param name="CheckpointId">The checkpoint id.</param>
/// <param name="ExternalPointer">The checkpoint directory; pass it to <see cref="CheckpointStorages.LoadExternal"/>.</param>
/// <param name="LastWriteTimeUtc">When <c>_metadata</c> was last written.</param>
/// <param name="JobName">The job name recorded in <c>_metadata</c>, if any.</param>
/// <param name="Corruption">Why the checkpoint cannot be restored, or <see langword="null"/> if it passed the checks.</param>
public sealed record RetainedCheckpoint(string JobId, long CheckpointId, string ExternalPointer, DateTime LastWriteTimeUtc, string? JobName, string? Corruption)
{
    /// <summary>Whether the checkpoint passed the checks (<see cref="Corruption"/> is <see langword="null"/>).</summary>
    public bool IsValid => Corruption is null;
}
