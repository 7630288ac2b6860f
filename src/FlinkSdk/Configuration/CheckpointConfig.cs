using O = FlinkSdk.Configuration.FlinkOptions;

namespace FlinkSdk.Configuration;

/// <summary>
/// Checkpointing options of a job (Flink's <c>CheckpointConfig</c>, keys <c>execution.checkpointing.*</c>).
/// Every property defaults to Flink's default; setters reject bad values with Flink's messages.
/// </summary>
public sealed class CheckpointConfig : ConfigView
{
    /// <summary>Flink's <c>DEFAULT_MODE</c>: exactly once.</summary>
    public const CheckpointingMode DefaultMode = CheckpointingMode.ExactlyOnce;

    /// <summary>Flink's <c>DEFAULT_MAX_CONCURRENT_CHECKPOINTS</c>: one.</summary>
    public const int DefaultMaxConcurrentCheckpoints = 1;

    /// <summary>Flink's <c>DEFAULT_TIMEOUT</c>: 10 minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Flink's <c>DEFAULT_MIN_PAUSE_BETWEEN_CHECKPOINTS</c>: none.</summary>
    public static readonly TimeSpan DefaultMinPauseBetweenCheckpoints = TimeSpan.Zero;

    /// <summary>The smallest interval and timeout Flink accepts (<c>MINIMAL_CHECKPOINT_TIME</c>, 10 ms).</summary>
    public static readonly TimeSpan MinimalCheckpointTime = ConfigurationValidator.MinimalCheckpointTime;

    internal CheckpointConfig(FlinkConfiguration owner)
        : base(owner)
    {
    }

    /// <summary>Whether periodic checkpoints are taken: true once <see cref="CheckpointInterval"/> is set.</summary>
    public bool IsCheckpointingEnabled => CheckpointInterval is { } interval && interval > TimeSpan.Zero;

    /// <summary>
    /// The interval of periodic checkpoints (<c>execution.checkpointing.interval</c>); <see langword="null"/>, the
    /// default, means checkpointing is disabled (Flink's <c>-1</c>). Must be at least 10 ms.
    /// </summary>
    public TimeSpan? CheckpointInterval
    {
        get => GetOrNull<TimeSpan>(O.CheckpointingInterval);
        set
        {
            Require(value is null || value >= MinimalCheckpointTime, value, "Checkpoint interval must be larger than or equal to 10 ms");
            Set(O.CheckpointingInterval, value);
        }
    }

    /// <summary>
    /// The interval while a source reports a backlog (<c>execution.checkpointing.interval-during-backlog</c>);
    /// <see langword="null"/> uses <see cref="CheckpointInterval"/>; zero disables checkpoints during backlog.
    /// </summary>
    public TimeSpan? CheckpointIntervalDuringBacklog
    {
        get => GetOrNull<TimeSpan>(O.CheckpointingIntervalDuringBacklog);
        set
        {
            Require(value is null || value == TimeSpan.Zero || value >= MinimalCheckpointTime, value, "Checkpoint interval must be zero or larger than or equal to 10 ms");
            Set(O.CheckpointingIntervalDuringBacklog, value);
        }
    }

    /// <summary>Exactly-once or at-least-once barrier handling (<c>execution.checkpointing.mode</c>, default exactly once).</summary>
    public CheckpointingMode CheckpointingMode
    {
        get => GetEnum<CheckpointingMode>(O.CheckpointingMode);
        set => SetEnum(O.CheckpointingMode, value);
    }

    /// <summary>The maximum time a checkpoint may take before being discarded (<c>execution.checkpointing.timeout</c>, default 10 min). At least 10 ms.</summary>
    public TimeSpan CheckpointTimeout
    {
        get => Get<TimeSpan>(O.CheckpointingTimeout);
        set
        {
            Require(value >= MinimalCheckpointTime, value, "Checkpoint timeout must be larger than or equal to 10 ms");
            Set(O.CheckpointingTimeout, value);
        }
    }

    /// <summary>The minimal pause between the end of one checkpoint and the start of the next (<c>execution.checkpointing.min-pause</c>, default 0).</summary>
    public TimeSpan MinPauseBetweenCheckpoints
    {
        get => Get<TimeSpan>(O.MinPauseBetweenCheckpoints);
        set
        {
            Require(value >= TimeSpan.Zero, value, "Pause value must be zero or positive");
            Set(O.MinPauseBetweenCheckpoints, value);
        }
    }

    /// <summary>How many checkpoints may be in progress at once (<c>execution.checkpointing.max-concurrent-checkpoints</c>, default 1).</summary>
    public int MaxConcurrentCheckpoints
    {
        get => Get<int>(O.MaxConcurrentCheckpoints);
        set
        {
            Require(value >= 1, value, "The maximum number of concurrent attempts must be at least one.");
            Set(O.MaxConcurrentCheckpoints, value);
        }
    }

    /// <summary>Consecutive counted checkpoint failures tolerated before the job fails over (<c>execution.checkpointing.tolerable-failed-checkpoints</c>, default 0).</summary>
    public int TolerableCheckpointFailureNumber
    {
        get => Get<int>(O.TolerableFailedCheckpoints);
        set
        {
            Require(value >= 0, value, "The tolerable failure checkpoint number must be non-negative.");
            Set(O.TolerableFailedCheckpoints, value);
        }
    }

    /// <summary>
    /// Deprecated by Flink: <see langword="true"/> (the default) means no checkpoint failure is tolerated;
    /// setting <see langword="false"/> tolerates any number (<see cref="int.MaxValue"/>).
    /// </summary>
    [Obsolete("Use TolerableCheckpointFailureNumber, as in Flink.")]
    public bool FailOnCheckpointingErrors
    {
        get => TolerableCheckpointFailureNumber == 0;
        set => TolerableCheckpointFailureNumber = value ? 0 : int.MaxValue;
    }

    /// <summary>Whether completed checkpoints survive cancellation or failure (<c>execution.checkpointing.externalized-checkpoint-retention</c>).</summary>
    public ExternalizedCheckpointRetention ExternalizedCheckpointRetention
    {
        get => GetEnum<ExternalizedCheckpointRetention>(O.ExternalizedCheckpointRetention);
        set => SetEnum(O.ExternalizedCheckpointRetention, value);
    }

    /// <summary>Whether checkpoints are externalized (retention other than <see cref="ExternalizedCheckpointRetention.NoExternalizedCheckpoints"/>).</summary>
    public bool IsExternalizedCheckpointsEnabled => ExternalizedCheckpointRetention != ExternalizedCheckpointRetention.NoExternalizedCheckpoints;

    /// <summary>Unaligned checkpoints (<c>execution.checkpointing.unaligned.enabled</c>, default false); only with exactly-once and one concurrent checkpoint.</summary>
    public bool UnalignedCheckpointsEnabled
    {
        get => Get<bool>(O.UnalignedCheckpointsEnabled);
        set => Set(O.UnalignedCheckpointsEnabled, value);
    }

    /// <summary>Forces unaligned checkpoints, particularly allowing them for iterative jobs and custom partitioners (<c>execution.checkpointing.unaligned.forced</c>).</summary>
    public bool ForceUnalignedCheckpoints
    {
        get => Get<bool>(O.ForceUnalignedCheckpoints);
        set => Set(O.ForceUnalignedCheckpoints, value);
    }

    /// <summary>
    /// With unaligned checkpoints: zero (the default) always starts unaligned; a positive value starts aligned and
    /// switches to unaligned once the checkpoint start delay exceeds it (<c>execution.checkpointing.aligned-checkpoint-timeout</c>).
    /// </summary>
    public TimeSpan AlignedCheckpointTimeout
    {
        get => Get<TimeSpan>(O.AlignedCheckpointTimeout);
        set => Set(O.AlignedCheckpointTimeout, value);
    }

    /// <summary>Lets unaligned checkpoints skip timers being fired, where operators support it (<c>…unaligned.interruptible-timers.enabled</c>).</summary>
    public bool InterruptibleTimersEnabled
    {
        get => Get<bool>(O.UnalignedInterruptibleTimers);
        set => Set(O.UnalignedInterruptibleTimers, value);
    }

    /// <summary>How many subtasks share one channel-state file (<c>…unaligned.max-subtasks-per-channel-state-file</c>, default 5).</summary>
    public int MaxSubtasksPerChannelStateFile
    {
        get => Get<int>(O.MaxSubtasksPerChannelStateFile);
        set
        {
            Require(value >= 1, value, "The number of subtasks sharing one channel state file must be at least 1.");
            Set(O.MaxSubtasksPerChannelStateFile, value);
        }
    }

    /// <summary>Keep checkpointing after some tasks finished and take a final checkpoint at end of input (<c>execution.checkpointing.checkpoints-after-tasks-finish</c>, default true).</summary>
    public bool CheckpointsAfterTasksFinish
    {
        get => Get<bool>(O.CheckpointsAfterTasksFinish);
        set => Set(O.CheckpointsAfterTasksFinish, value);
    }

    /// <summary>Flink 1.20's flag to force checkpointing of iterative jobs with reduced guarantees (<c>execution.checkpointing.force</c>).</summary>
    public bool ForceCheckpointing
    {
        get => Get<bool>(O.ForceCheckpointing);
        set => Set(O.ForceCheckpointing, value);
    }

    /// <summary>Compress snapshot data (<c>execution.checkpointing.snapshot-compression</c>, default false).</summary>
    public bool SnapshotCompression
    {
        get => Get<bool>(O.SnapshotCompression);
        set => Set(O.SnapshotCompression, value);
    }

    /// <summary>
    /// The configured checkpoint storage name (<c>execution.checkpointing.storage</c>): <c>jobmanager</c>,
    /// <c>filesystem</c> or a registered factory's name; <see langword="null"/> when not set.
    /// </summary>
    public string? CheckpointStorage
    {
        get => Get<string?>(O.CheckpointStorage);
        set
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("Checkpoint storage must not be null or empty; valid built-in values are 'jobmanager' and 'filesystem'.", nameof(value));
            }

            Set(O.CheckpointStorage, value);
        }
    }

    /// <summary>The storage in force: the configured one, else <c>filesystem</c> when a directory is set, else <c>jobmanager</c> (Flink's rule).</summary>
    public string EffectiveCheckpointStorage =>
        CheckpointStorage?.Trim().ToLowerInvariant() ?? (CheckpointDirectory is null ? "jobmanager" : "filesystem");

    /// <summary>Base directory of checkpoints (<c>execution.checkpointing.dir</c>).</summary>
    public string? CheckpointDirectory
    {
        get => Get<string?>(O.CheckpointsDirectory);
        set => Set(O.CheckpointsDirectory, NonEmptyPath(value, "Checkpoint directory"));
    }

    /// <summary>Default target directory of savepoints (<c>execution.checkpointing.savepoint-dir</c>).</summary>
    public string? SavepointDirectory
    {
        get => Get<string?>(O.SavepointDirectory);
        set => Set(O.SavepointDirectory, NonEmptyPath(value, "Savepoint directory"));
    }

    /// <summary>How many completed checkpoints are retained (<c>execution.checkpointing.num-retained</c>, default 1).</summary>
    public int MaxRetainedCheckpoints
    {
        get => Get<int>(O.MaxRetainedCheckpoints);
        set
        {
            Require(value >= 1, value, "Must retain at least one checkpoint.");
            Set(O.MaxRetainedCheckpoints, value);
        }
    }

    /// <summary>Create a <c>&lt;job-id&gt;</c> subdirectory under the checkpoint directory (<c>execution.checkpointing.create-subdir</c>, default true).</summary>
    public bool CreateCheckpointSubdirectory
    {
        get => Get<bool>(O.CreateCheckpointSubdirectory);
        set => Set(O.CreateCheckpointSubdirectory, value);
    }

    /// <summary>Incremental checkpoints where the state backend supports them (<c>execution.checkpointing.incremental</c>, default false).</summary>
    public bool IncrementalCheckpoints
    {
        get => Get<bool>(O.IncrementalCheckpoints);
        set => Set(O.IncrementalCheckpoints, value);
    }

    /// <summary>State chunks smaller than this are inlined into <c>_metadata</c> (<c>execution.checkpointing.data-inline-threshold</c>, default 20 kb, at most 1 mb).</summary>
    public MemorySize DataInlineThreshold
    {
        get => new(Get<long>(O.DataInlineThreshold));
        set
        {
            Require(value.Bytes <= ConfigurationValidator.MaxInlineThreshold, value, "The threshold for file state size must be in [-1, 1048576], where '-1' means to use the value from the deployment's configuration.");
            Set(O.DataInlineThreshold, value.Bytes);
        }
    }

    /// <summary>Write buffer of checkpoint streams in bytes; the effective size is the larger of this and <see cref="DataInlineThreshold"/> (default 4096).</summary>
    public int WriteBufferSize
    {
        get => Get<int>(O.WriteBufferSize);
        set
        {
            Require(value >= -1, value, "The write buffer size must be not less than '-1', where '-1' means to use the value from the deployment's configuration.");
            Set(O.WriteBufferSize, value);
        }
    }

    /// <summary>Discard a checkpoint's files in parallel (<c>execution.checkpointing.cleaner.parallel-mode</c>, default true).</summary>
    public bool CleanerParallelMode
    {
        get => Get<bool>(O.CleanerParallelMode);
        set => Set(O.CleanerParallelMode, value);
    }

    /// <summary>Keep a local copy of keyed state (<c>execution.checkpointing.local-backup.enabled</c>); unset falls back to <see cref="StateRecoveryConfig.FromLocal"/>.</summary>
    public bool LocalBackupEnabled
    {
        get => GetOrNull<bool>(O.LocalBackupEnabled) ?? Owner.StateRecovery.FromLocal;
        set => Set(O.LocalBackupEnabled, value);
    }

    /// <summary>Root directories of local backups (<c>execution.checkpointing.local-backup.dirs</c>).</summary>
    public string? LocalBackupDirectories
    {
        get => Get<string?>(O.LocalBackupDirectories);
        set => Set(O.LocalBackupDirectories, NonEmptyPath(value, "Local backup directory"));
    }

    /// <summary>Merge small checkpoint files (<c>execution.checkpointing.file-merging.enabled</c>, experimental, default false).</summary>
    public bool FileMergingEnabled
    {
        get => Get<bool>(O.FileMergingEnabled);
        set => Set(O.FileMergingEnabled, value);
    }

    /// <summary>Allow one merged file to hold several checkpoints' data (<c>…file-merging.across-checkpoint-boundary</c>, default false).</summary>
    public bool FileMergingAcrossCheckpointBoundary
    {
        get => Get<bool>(O.FileMergingAcrossBoundary);
        set => Set(O.FileMergingAcrossBoundary, value);
    }

    /// <summary>Maximum size of a merged file (<c>…file-merging.max-file-size</c>, default 32 mb).</summary>
    public MemorySize FileMergingMaxFileSize
    {
        get => new(Get<long>(O.FileMergingMaxFileSize));
        set => Set(O.FileMergingMaxFileSize, value.Bytes);
    }

    /// <summary>Use a blocking pool of physical files (<c>…file-merging.pool-blocking</c>, default false).</summary>
    public bool FileMergingPoolBlocking
    {
        get => Get<bool>(O.FileMergingPoolBlocking);
        set => Set(O.FileMergingPoolBlocking, value);
    }

    /// <summary>How many subtasks may write one merged file (<c>…file-merging.max-subtasks-per-file</c>, default 4).</summary>
    public int FileMergingMaxSubtasksPerFile
    {
        get => Get<int>(O.FileMergingMaxSubtasksPerFile);
        set
        {
            Require(value >= 1, value, "The number of subtasks sharing one merged file must be at least 1.");
            Set(O.FileMergingMaxSubtasksPerFile, value);
        }
    }

    /// <summary>Space amplification above which merged files are rewritten; below 1 disables space control (<c>…file-merging.max-space-amplification</c>, default 2.0).</summary>
    public double FileMergingMaxSpaceAmplification
    {
        get => Get<double>(O.FileMergingMaxSpaceAmplification);
        set => Set(O.FileMergingMaxSpaceAmplification, value);
    }

    /// <summary>How many recent checkpoints the statistics history keeps (<c>web.checkpoints.history</c>, default 10).</summary>
    public int CheckpointHistorySize
    {
        get => Get<int>(O.CheckpointHistorySize);
        set
        {
            Require(value >= 0, value, "The checkpoint history size must be zero or positive.");
            Set(O.CheckpointHistorySize, value);
        }
    }

    /// <summary>Enables unaligned checkpoints (Flink's <c>enableUnalignedCheckpoints(enabled)</c>).</summary>
    /// <param name="enabled">Whether to enable them.</param>
    public void EnableUnalignedCheckpoints(bool enabled = true) => UnalignedCheckpointsEnabled = enabled;

    /// <summary>Disables checkpointing by removing the interval (Flink's <c>disableCheckpointing()</c>).</summary>
    public void DisableCheckpointing() => CheckpointInterval = null;

    /// <summary>Validates the whole configuration this view belongs to; see <see cref="FlinkConfiguration.Validate"/>.</summary>
    /// <returns>Every problem found.</returns>
    public IReadOnlyList<ConfigurationProblem> Validate() => Owner.Validate();

    private static string? NonEmptyPath(string? value, string what) =>
        value is not null && string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{what} must not be empty; pass null to unset it.", nameof(value))
            : value;
}
