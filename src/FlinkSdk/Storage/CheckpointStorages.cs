using FlinkSdk.Configuration;

namespace FlinkSdk.Storage;

/// <summary>How a job ended, for deciding whether its checkpoints are retained (Flink's globally terminal <c>JobStatus</c> values and <c>SUSPENDED</c>).</summary>
public enum JobTermination
{
    /// <summary>The job finished (all input consumed).</summary>
    Finished,

    /// <summary>The job was cancelled.</summary>
    Canceled,

    /// <summary>The job failed (for example, restarts exhausted).</summary>
    Failed,

    /// <summary>The job was suspended (the job manager lost leadership or shut down).</summary>
    Suspended,
}

/// <summary>Creates checkpoint storages from configuration, and finds and loads checkpoints left on disk.</summary>
public static class CheckpointStorages
{
    /// <summary>
    /// Creates the checkpoint storage the configuration asks for, by Flink's rule: <c>execution.checkpointing.storage</c>
    /// if set, otherwise <c>filesystem</c> when <c>execution.checkpointing.dir</c> is set, otherwise <c>jobmanager</c>.
    /// </summary>
    /// <param name="config">The checkpoint configuration (directory, inline threshold, write buffer, create-subdir).</param>
    /// <param name="jobId">The job id (32 hex characters); <see langword="null"/> for a random one.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="FlinkConfigurationException"><c>filesystem</c> without a directory (Flink's message), or an unknown storage name.</exception>
    public static ICheckpointStorage Create(CheckpointConfig config, string? jobId = null) => Create(config, jobId, jobName: null);

    /// <summary>Like <see cref="Create(CheckpointConfig, string?)"/>, recording <paramref name="jobName"/> in every persisted <c>_metadata</c>.</summary>
    /// <param name="config">The checkpoint configuration.</param>
    /// <param name="jobId">The job id (32 hex characters); <see langword="null"/> for a random one.</param>
    /// <param name="jobName">The job name, found again by <see cref="FindRetained(string, string)"/>.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="FlinkConfigurationException"><c>filesystem</c> without a directory (Flink's message), or an unknown storage name.</exception>
    public static ICheckpointStorage Create(CheckpointConfig config, string? jobId, string? jobName)
    {
        ArgumentNullException.ThrowIfNull(config);
        string storage = config.EffectiveCheckpointStorage;
        string? directory = config.CheckpointDirectory;
        switch (storage)
        {
            case "jobmanager":
                return new JobManagerCheckpointStorage(jobId, JobManagerCheckpointStorage.DefaultMaxStateSize, directory, jobName);
            case "filesystem":
                if (string.IsNullOrWhiteSpace(directory))
                {
                    throw ConfigurationError(config, Rules.FilesystemStorageWithoutDirectory,
                        "Cannot create the file system state backend: The configuration does not specify the checkpoint directory '" + FlinkOptions.CheckpointsDirectory.Key + "'",
                        FlinkOptions.CheckpointsDirectory, FlinkOptions.CheckpointStorage);
                }

                return new FileSystemCheckpointStorage(
                    directory, jobId, config.CreateCheckpointSubdirectory, InlineThreshold(config), config.WriteBufferSize, jobName);
            default:
                throw new FlinkConfigurationException([new ConfigurationProblem(
                    Rules.UnknownCheckpointStorage.Id,
                    ProblemSeverity.Error,
                    "Cannot create checkpoint storage '" + config.CheckpointStorage + "': it is not built in (valid built-in values are 'jobmanager' and 'filesystem') " +
                    "and no checkpoint storage factory is registered under that name.",
                    [FlinkOptions.CheckpointStorage.Key])]);
        }
    }

    /// <summary>
    /// Finds the checkpoints left under a checkpoint base directory: <c>&lt;dir&gt;/*/chk-*/_metadata</c> (with the
    /// <c>&lt;job-id&gt;</c> level) and <c>&lt;dir&gt;/chk-*/_metadata</c> (without it). Each one's <c>_metadata</c> is verified
    /// (header, length, checksum) and its state files are checked to exist with the right length; a checkpoint that fails
    /// is returned with <see cref="RetainedCheckpoint.Corruption"/> set, never dropped. <c>chk-*</c> directories without
    /// <c>_metadata</c> were never completed and are not returned.
    /// </summary>
    /// <param name="checkpointDirectory">The checkpoint base directory (a path or <c>file://</c> URI).</param>
    /// <returns>The checkpoints, oldest first (by <see cref="RetainedCheckpoint.LastWriteTimeUtc"/>, then job id and checkpoint id).</returns>
    public static IReadOnlyList<RetainedCheckpoint> FindRetained(string checkpointDirectory)
    {
        string baseDirectory = CheckpointPaths.ToLocalPath(checkpointDirectory, nameof(checkpointDirectory));
        var found = new List<RetainedCheckpoint>();
        Scan(baseDirectory, found);
        try
        {
            foreach (string jobDirectory in Directory.EnumerateDirectories(baseDirectory))
            {
                Scan(jobDirectory, found);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // No base directory: nothing retained.
        }

        found.Sort(static (a, b) =>
        {
            int c = a.LastWriteTimeUtc.CompareTo(b.LastWriteTimeUtc);
            c = c != 0 ? c : string.CompareOrdinal(a.JobId, b.JobId);
            return c != 0 ? c : a.CheckpointId.CompareTo(b.CheckpointId);
        });
        return found;
    }

    /// <summary>
    /// Like <see cref="FindRetained(string)"/>, keeping only checkpoints whose <c>_metadata</c> says they belong to
    /// <paramref name="jobName"/>, plus corrupt ones whose job name cannot be read (so they are reported, not hidden).
    /// </summary>
    /// <param name="checkpointDirectory">The checkpoint base directory.</param>
    /// <param name="jobName">The job name given to the storage that wrote them.</param>
    /// <returns>The checkpoints, oldest first.</returns>
    public static IReadOnlyList<RetainedCheckpoint> FindRetained(string checkpointDirectory, string jobName)
    {
        ArgumentNullException.ThrowIfNull(jobName);
        return [.. FindRetained(checkpointDirectory).Where(c => c.JobName == jobName || (c.JobName is null && !c.IsValid))];
    }

    /// <summary>
    /// Opens the storage holding an existing checkpoint, to restore from it (<c>--from-checkpoint &lt;path&gt;</c>). The
    /// returned storage is read-only: <see cref="ICheckpointStorage.BeginCheckpoint"/> throws, and
    /// <see cref="ICheckpointStorage.Shutdown"/> deletes nothing (the checkpoint belongs to the job that wrote it;
    /// <see cref="ICheckpointStorage.Discard"/> deletes it, for <see cref="RecoveryClaimMode.Claim"/>).
    /// </summary>
    /// <param name="externalPointer">A <c>chk-&lt;id&gt;</c> directory, its <c>_metadata</c> file, or a <c>file://</c> URI of either.</param>
    /// <returns>The storage; its <see cref="ICheckpointStorage.JobId"/> is the job that wrote the checkpoint.</returns>
    /// <exception cref="FileNotFoundException">Nothing exists at the pointer.</exception>
    /// <exception cref="CheckpointCorruptedException">The directory has no valid <c>_metadata</c>.</exception>
    public static FileSystemCheckpointStorage OpenForRestore(string externalPointer)
    {
        string directory = ResolvePointer(externalPointer);
        var data = CheckpointLoader.LoadDirectory(directory, null, null);
        return FileSystemCheckpointStorage.ForRestore(directory, data.JobId, data.JobName);
    }

    /// <summary>Loads and verifies the checkpoint at <paramref name="externalPointer"/> (see <see cref="OpenForRestore"/> for the accepted forms).</summary>
    /// <param name="externalPointer">A <c>chk-&lt;id&gt;</c> directory, its <c>_metadata</c> file, or a <c>file://</c> URI of either.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="FileNotFoundException">Nothing exists at the pointer.</exception>
    /// <exception cref="CheckpointCorruptedException"><c>_metadata</c> or a state file is missing, truncated or corrupted.</exception>
    public static CompletedCheckpointData LoadExternal(string externalPointer) =>
        CheckpointLoader.LoadDirectory(ResolvePointer(externalPointer), null, null);

    /// <summary>
    /// Whether a job's completed checkpoints are kept when it terminates (Flink's <c>CheckpointProperties</c> discard
    /// flags): <see cref="ExternalizedCheckpointRetention.NoExternalizedCheckpoints"/> never retains;
    /// <see cref="ExternalizedCheckpointRetention.DeleteOnCancellation"/> (Flink's <c>RETAIN_ON_FAILURE</c>) retains on
    /// failure only; <see cref="ExternalizedCheckpointRetention.RetainOnCancellation"/> retains on cancellation, failure and
    /// suspension. A finished job never retains. Pass the result to <see cref="ICheckpointStorage.Shutdown"/>.
    /// </summary>
    /// <param name="retention">The configured retention.</param>
    /// <param name="termination">How the job ended.</param>
    /// <returns><see langword="true"/> to retain.</returns>
    public static bool ShouldRetainOnShutdown(ExternalizedCheckpointRetention retention, JobTermination termination) => retention switch
    {
        ExternalizedCheckpointRetention.DeleteOnCancellation => termination == JobTermination.Failed,
        ExternalizedCheckpointRetention.RetainOnCancellation => termination != JobTermination.Finished,
        _ => false,
    };

    /// <summary>Resolves a pointer to its <c>chk-&lt;id&gt;</c> directory with Flink's messages.</summary>
    internal static string ResolvePointer(string externalPointer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalPointer);
        if (externalPointer.StartsWith(CheckpointPaths.JobManagerScheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Checkpoint '{externalPointer}' was kept in the memory of the job manager (jobmanager checkpoint storage without a directory) and cannot be restored by another job run; set execution.checkpointing.dir to keep checkpoints on disk.",
                nameof(externalPointer));
        }

        string path = CheckpointPaths.ToLocalPath(externalPointer, nameof(externalPointer));
        if (File.Exists(path))
        {
            return Path.GetDirectoryName(path)!;
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"Cannot find checkpoint or savepoint file/directory '{externalPointer}' on file system 'file'.", path);
        }

        if (!File.Exists(Path.Combine(path, CheckpointPaths.MetadataFileName)))
        {
            throw new CheckpointCorruptedException(
                Path.Combine(path, CheckpointPaths.MetadataFileName),
                $"missing _metadata: Cannot find meta data file '_metadata' in directory '{path}'. Please try to load the checkpoint/savepoint directly from the metadata file instead of the directory.");
        }

        return path;
    }

    private static void Scan(string directory, List<RetainedCheckpoint> found)
    {
        foreach (var (id, path) in CheckpointPaths.EnumerateCheckpointDirectories(directory))
        {
            string metadata = Path.Combine(path, CheckpointPaths.MetadataFileName);
            DateTime lastWrite;
            try
            {
                var info = new FileInfo(metadata);
                if (!info.Exists)
                {
                    continue; // Never completed (in progress, aborted, or crashed before commit).
                }

                lastWrite = info.LastWriteTimeUtc;
            }
            catch (IOException)
            {
                continue;
            }

            string? corruption = CheckpointLoader.QuickCheck(path, out var envelope);
            if (corruption is null && envelope!.CheckpointId != id)
            {
                corruption = $"{metadata}: checkpoint id mismatch: _metadata is for checkpoint {envelope.CheckpointId}, but lies in '{Path.GetFileName(path)}'";
            }

            string jobId = envelope?.JobId ??
                (Path.GetFileName(directory) is var name && CheckpointPaths.IsJobId(name) ? name : string.Empty);
            found.Add(new RetainedCheckpoint(jobId, id, path, lastWrite, envelope?.JobName, corruption));
        }
    }

    private static int InlineThreshold(CheckpointConfig config)
    {
        long bytes = config.DataInlineThreshold.Bytes;
        return bytes < 0 ? FileSystemCheckpointStorage.DefaultDataInlineThreshold : (int)Math.Min(bytes, int.MaxValue);
    }

    private static FlinkConfigurationException ConfigurationError(CheckpointConfig config, RuleDescriptor rule, string fallbackMessage, params OptionDescriptor[] options)
    {
        // Prefer the validator's problem (same rule table as the analyzers, with the value's location).
        var problem = config.Validate().FirstOrDefault(p => p.RuleId == rule.Id) ?? rule.Problem(fallbackMessage, options);
        return new FlinkConfigurationException([problem]);
    }
}
