// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System;
using System.Collections.Generic;

namespace FlinkSdk.Configuration
{
    /// <summary>
    /// The catalog of every Flink option FlinkSdk understands, with Flink's keys, deprecated keys and defaults
    /// (Flink 2.x <c>CheckpointingOptions</c>, <c>StateRecoveryOptions</c>, <c>RestartStrategyOptions</c>,
    /// <c>PipelineOptions</c>, plus the 1.20-only <c>execution.checkpointing.force</c>).
    /// </summary>
    internal static class FlinkOptions
    {
        private static readonly EnumChoice[] ModeChoices = { new EnumChoice("EXACTLY_ONCE"), new EnumChoice("AT_LEAST_ONCE") };

        private static readonly EnumChoice[] RetentionChoices =
        {
            new EnumChoice("DELETE_ON_CANCELLATION"), new EnumChoice("RETAIN_ON_CANCELLATION"), new EnumChoice("NO_EXTERNALIZED_CHECKPOINTS"),
        };

        private static readonly EnumChoice[] ClaimModeChoices = { new EnumChoice("CLAIM"), new EnumChoice("NO_CLAIM"), new EnumChoice("LEGACY") };

        private static readonly EnumChoice[] RestartChoices =
        {
            new EnumChoice("none", "off", "disable"),
            new EnumChoice("fixed-delay", "fixeddelay"),
            new EnumChoice("failure-rate", "failurerate"),
            new EnumChoice("exponential-delay", "exponentialdelay"),
        };

        // ---- execution.checkpointing.*: runtime ----
        public static readonly OptionDescriptor CheckpointingInterval = new OptionDescriptor(
            "execution.checkpointing.interval", OptionKind.Duration, null,
            "Base interval of periodic checkpoints; unset means checkpointing is disabled.");

        public static readonly OptionDescriptor CheckpointingIntervalDuringBacklog = new OptionDescriptor(
            "execution.checkpointing.interval-during-backlog", OptionKind.Duration, null,
            "Interval while a source reports a backlog; 0 disables checkpoints during backlog.");

        public static readonly OptionDescriptor CheckpointingMode = new OptionDescriptor(
            "execution.checkpointing.mode", OptionKind.Enum, "EXACTLY_ONCE",
            "Checkpointing mode (exactly-once vs. at-least-once).", ModeChoices);

        public static readonly OptionDescriptor CheckpointingTimeout = new OptionDescriptor(
            "execution.checkpointing.timeout", OptionKind.Duration, "10 min",
            "The maximum time that a checkpoint may take before being discarded.");

        public static readonly OptionDescriptor MaxConcurrentCheckpoints = new OptionDescriptor(
            "execution.checkpointing.max-concurrent-checkpoints", OptionKind.Integer, "1",
            "The maximum number of checkpoint attempts that may be in progress at the same time.");

        public static readonly OptionDescriptor MinPauseBetweenCheckpoints = new OptionDescriptor(
            "execution.checkpointing.min-pause", OptionKind.Duration, "0 ms",
            "The minimal pause between the end of one checkpoint and the start of the next.");

        public static readonly OptionDescriptor TolerableFailedCheckpoints = new OptionDescriptor(
            "execution.checkpointing.tolerable-failed-checkpoints", OptionKind.Integer, "0",
            "Consecutive counted checkpoint failures tolerated before the job fails over.");

        public static readonly OptionDescriptor ExternalizedCheckpointRetention = new OptionDescriptor(
            "execution.checkpointing.externalized-checkpoint-retention", OptionKind.Enum, "NO_EXTERNALIZED_CHECKPOINTS",
            "Whether completed checkpoints are kept when the job is cancelled or fails.", RetentionChoices);

        public static readonly OptionDescriptor UnalignedCheckpointsEnabled = new OptionDescriptor(
            "execution.checkpointing.unaligned.enabled", OptionKind.Boolean, "false",
            "Enables unaligned checkpoints (only with EXACTLY_ONCE and one concurrent checkpoint).",
            "execution.checkpointing.unaligned");

        public static readonly OptionDescriptor AlignedCheckpointTimeout = new OptionDescriptor(
            "execution.checkpointing.aligned-checkpoint-timeout", OptionKind.Duration, "0 ms",
            "With unaligned checkpoints: start aligned and switch to unaligned after this long; 0 always starts unaligned.",
            "execution.checkpointing.alignment-timeout");

        public static readonly OptionDescriptor ForceUnalignedCheckpoints = new OptionDescriptor(
            "execution.checkpointing.unaligned.forced", OptionKind.Boolean, "false",
            "Forces unaligned checkpoints, particularly allowing them for iterative jobs.");

        public static readonly OptionDescriptor UnalignedInterruptibleTimers = new OptionDescriptor(
            "execution.checkpointing.unaligned.interruptible-timers.enabled", OptionKind.Boolean, "false",
            "Lets unaligned checkpoints skip timers that are being fired, where the operator supports it.");

        public static readonly OptionDescriptor MaxSubtasksPerChannelStateFile = new OptionDescriptor(
            "execution.checkpointing.unaligned.max-subtasks-per-channel-state-file", OptionKind.Integer, "5",
            "How many subtasks share one channel-state file; 1 means one file per subtask.");

        public static readonly OptionDescriptor CheckpointsAfterTasksFinish = new OptionDescriptor(
            "execution.checkpointing.checkpoints-after-tasks-finish", OptionKind.Boolean, "true",
            "Keep checkpointing after some tasks finished, and take a final checkpoint at end of input.",
            "execution.checkpointing.checkpoints-after-tasks-finish.enabled");

        public static readonly OptionDescriptor ForceCheckpointing = new OptionDescriptor(
            "execution.checkpointing.force", OptionKind.Boolean, "false",
            "Flink 1.20 only: force checkpointing in iterative jobs, with reduced guarantees.");

        public static readonly OptionDescriptor SnapshotCompression = new OptionDescriptor(
            "execution.checkpointing.snapshot-compression", OptionKind.Boolean, "false",
            "Compress snapshot data.");

        // ---- execution.checkpointing.*: storage and retention ----
        public static readonly OptionDescriptor CheckpointStorage = new OptionDescriptor(
            "execution.checkpointing.storage", OptionKind.String, null,
            "Checkpoint storage: 'jobmanager', 'filesystem' or the name of a registered storage factory.",
            "state.checkpoint-storage");

        public static readonly OptionDescriptor CheckpointsDirectory = new OptionDescriptor(
            "execution.checkpointing.dir", OptionKind.String, null,
            "Base directory for checkpoint data and metadata.",
            "state.checkpoints.dir", "state.backend.fs.checkpointdir");

        public static readonly OptionDescriptor SavepointDirectory = new OptionDescriptor(
            "execution.checkpointing.savepoint-dir", OptionKind.String, null,
            "Default target directory for savepoints.",
            "state.savepoints.dir", "savepoints.state.backend.fs.dir");

        public static readonly OptionDescriptor MaxRetainedCheckpoints = new OptionDescriptor(
            "execution.checkpointing.num-retained", OptionKind.Integer, "1",
            "The maximum number of completed checkpoints to retain.",
            "state.checkpoints.num-retained");

        public static readonly OptionDescriptor CreateCheckpointSubdirectory = new OptionDescriptor(
            "execution.checkpointing.create-subdir", OptionKind.Boolean, "true",
            "Create a <job-id> subdirectory under the checkpoint directory.",
            "state.checkpoints.create-subdir");

        public static readonly OptionDescriptor IncrementalCheckpoints = new OptionDescriptor(
            "execution.checkpointing.incremental", OptionKind.Boolean, "false",
            "Create incremental checkpoints where the state backend supports them.",
            "state.backend.incremental");

        public static readonly OptionDescriptor DataInlineThreshold = new OptionDescriptor(
            "execution.checkpointing.data-inline-threshold", OptionKind.MemorySize, "20 kb",
            "State chunks smaller than this are stored inline in _metadata (at most 1 mb).",
            "state.storage.fs.memory-threshold", "state.backend.fs.memory-threshold");

        public static readonly OptionDescriptor WriteBufferSize = new OptionDescriptor(
            "execution.checkpointing.write-buffer-size", OptionKind.Integer, "4096",
            "Write buffer of checkpoint streams; the effective size is max(this, data-inline-threshold).",
            "state.storage.fs.write-buffer-size", "state.backend.fs.write-buffer-size");

        public static readonly OptionDescriptor CleanerParallelMode = new OptionDescriptor(
            "execution.checkpointing.cleaner.parallel-mode", OptionKind.Boolean, "true",
            "Discard a checkpoint's state files in parallel.",
            "state.checkpoint.cleaner.parallel-mode");

        public static readonly OptionDescriptor LocalBackupEnabled = new OptionDescriptor(
            "execution.checkpointing.local-backup.enabled", OptionKind.Boolean, null,
            "Keep a local copy of keyed state for faster recovery; unset falls back to execution.state-recovery.from-local.");

        public static readonly OptionDescriptor LocalBackupDirectories = new OptionDescriptor(
            "execution.checkpointing.local-backup.dirs", OptionKind.String, null,
            "Root directories of local backups; defaults to <working-dir>/localState.",
            "taskmanager.state.local.root-dirs");

        // ---- execution.checkpointing.file-merging.* (FLIP-306, experimental) ----
        public static readonly OptionDescriptor FileMergingEnabled = new OptionDescriptor(
            "execution.checkpointing.file-merging.enabled", OptionKind.Boolean, "false",
            "Merge small checkpoint files into larger physical files.");

        public static readonly OptionDescriptor FileMergingAcrossBoundary = new OptionDescriptor(
            "execution.checkpointing.file-merging.across-checkpoint-boundary", OptionKind.Boolean, "false",
            "Allow one physical file to hold data of several checkpoints.");

        public static readonly OptionDescriptor FileMergingMaxFileSize = new OptionDescriptor(
            "execution.checkpointing.file-merging.max-file-size", OptionKind.MemorySize, "32 mb",
            "Maximum size of a merged physical file.");

        public static readonly OptionDescriptor FileMergingPoolBlocking = new OptionDescriptor(
            "execution.checkpointing.file-merging.pool-blocking", OptionKind.Boolean, "false",
            "Use a blocking (rather than non-blocking) pool of physical files.");

        public static readonly OptionDescriptor FileMergingMaxSubtasksPerFile = new OptionDescriptor(
            "execution.checkpointing.file-merging.max-subtasks-per-file", OptionKind.Integer, "4",
            "How many subtasks may write to one merged file.");

        public static readonly OptionDescriptor FileMergingMaxSpaceAmplification = new OptionDescriptor(
            "execution.checkpointing.file-merging.max-space-amplification", OptionKind.Double, "2.0",
            "Space amplification above which merged files are rewritten; below 1 disables space control.");

        // ---- execution.state-recovery.* ----
        public static readonly OptionDescriptor StateRecoveryPath = new OptionDescriptor(
            "execution.state-recovery.path", OptionKind.String, null,
            "Checkpoint or savepoint to restore the job from (as 'flink run -s').",
            "execution.savepoint.path");

        public static readonly OptionDescriptor StateRecoveryClaimMode = new OptionDescriptor(
            "execution.state-recovery.claim-mode", OptionKind.Enum, "NO_CLAIM",
            "Who owns the restored snapshot's files.", ClaimModeChoices,
            "execution.savepoint-restore-mode");

        public static readonly OptionDescriptor StateRecoveryIgnoreUnclaimedState = new OptionDescriptor(
            "execution.state-recovery.ignore-unclaimed-state", OptionKind.Boolean, "false",
            "Allow state that no operator claims to be skipped on restore (as --allowNonRestoredState).",
            "execution.savepoint.ignore-unclaimed-state");

        public static readonly OptionDescriptor CheckpointIdOfIgnoredInFlightData = new OptionDescriptor(
            "execution.state-recovery.without-channel-state.checkpoint-id", OptionKind.Long, "-1",
            "Drop the in-flight data of this checkpoint id on restore; -1 keeps it.",
            "execution.checkpointing.recover-without-channel-state.checkpoint-id");

        public static readonly OptionDescriptor ApproximateLocalRecovery = new OptionDescriptor(
            "execution.state-recovery.approximate-local-recovery", OptionKind.Boolean, "false",
            "Approximate local recovery (incompatible with unaligned checkpoints).",
            "execution.checkpointing.approximate-local-recovery");

        public static readonly OptionDescriptor StateRecoveryFromLocal = new OptionDescriptor(
            "execution.state-recovery.from-local", OptionKind.Boolean, "false",
            "Recover from local state copies where available.",
            "state.backend.local-recovery");

        // ---- restart-strategy.* ----
        public static readonly OptionDescriptor RestartStrategyType = new OptionDescriptor(
            "restart-strategy.type", OptionKind.Enum, null,
            "Restart strategy; unset means exponential-delay with checkpointing enabled and none without.", RestartChoices,
            "restart-strategy");

        public static readonly OptionDescriptor FixedDelayAttempts = new OptionDescriptor(
            "restart-strategy.fixed-delay.attempts", OptionKind.Integer, "1",
            "Restarts allowed before the job fails (fixed-delay).");

        public static readonly OptionDescriptor FixedDelayDelay = new OptionDescriptor(
            "restart-strategy.fixed-delay.delay", OptionKind.Duration, "1 s",
            "Delay between two restart attempts (fixed-delay).");

        public static readonly OptionDescriptor FailureRateMaxFailuresPerInterval = new OptionDescriptor(
            "restart-strategy.failure-rate.max-failures-per-interval", OptionKind.Integer, "1",
            "Failures tolerated within one interval before the job fails (failure-rate).");

        public static readonly OptionDescriptor FailureRateInterval = new OptionDescriptor(
            "restart-strategy.failure-rate.failure-rate-interval", OptionKind.Duration, "1 min",
            "The sliding interval in which failures are counted (failure-rate).");

        public static readonly OptionDescriptor FailureRateDelay = new OptionDescriptor(
            "restart-strategy.failure-rate.delay", OptionKind.Duration, "1 s",
            "Delay between two restart attempts (failure-rate).");

        public static readonly OptionDescriptor ExponentialDelayInitialBackoff = new OptionDescriptor(
            "restart-strategy.exponential-delay.initial-backoff", OptionKind.Duration, "1 s",
            "First restart delay (exponential-delay).");

        public static readonly OptionDescriptor ExponentialDelayMaxBackoff = new OptionDescriptor(
            "restart-strategy.exponential-delay.max-backoff", OptionKind.Duration, "1 min",
            "Upper bound of the restart delay (exponential-delay).");

        public static readonly OptionDescriptor ExponentialDelayBackoffMultiplier = new OptionDescriptor(
            "restart-strategy.exponential-delay.backoff-multiplier", OptionKind.Double, "1.5",
            "Factor applied to the delay after each restart (exponential-delay).");

        public static readonly OptionDescriptor ExponentialDelayResetBackoffThreshold = new OptionDescriptor(
            "restart-strategy.exponential-delay.reset-backoff-threshold", OptionKind.Duration, "1 h",
            "Failure-free time after which the delay returns to its initial value (exponential-delay).");

        public static readonly OptionDescriptor ExponentialDelayJitterFactor = new OptionDescriptor(
            "restart-strategy.exponential-delay.jitter-factor", OptionKind.Double, "0.1",
            "Random spread of each delay, as a fraction of it (exponential-delay).");

        public static readonly OptionDescriptor ExponentialDelayAttemptsBeforeResetBackoff = new OptionDescriptor(
            "restart-strategy.exponential-delay.attempts-before-reset-backoff", OptionKind.Integer, "2147483647",
            "Restarts allowed before the job fails, until the backoff resets (exponential-delay; default: infinite).");

        // ---- pipeline and state backend ----
        public static readonly OptionDescriptor DefaultParallelism = new OptionDescriptor(
            "parallelism.default", OptionKind.Integer, "1",
            "Default parallelism of operators.");

        public static readonly OptionDescriptor MaxParallelism = new OptionDescriptor(
            "pipeline.max-parallelism", OptionKind.Integer, "-1",
            "Maximum parallelism (number of key groups); -1 derives it from the parallelism. At most 32768.");

        public static readonly OptionDescriptor BufferTimeoutEnabled = new OptionDescriptor(
            "execution.buffer-timeout.enabled", OptionKind.Boolean, "true",
            "Flush partly filled output buffers after execution.buffer-timeout.interval; false sends buffers only when full.");

        public static readonly OptionDescriptor BufferTimeoutInterval = new OptionDescriptor(
            "execution.buffer-timeout.interval", OptionKind.Duration, "100 ms",
            "The longest time records wait in a partly filled output buffer; 0 flushes after every record batch.",
            "execution.buffer-timeout");

        public static readonly OptionDescriptor StateBackendType = new OptionDescriptor(
            "state.backend.type", OptionKind.String, "hashmap",
            "State backend; FlinkSdk provides 'hashmap' (state on the heap).",
            "state.backend");

        public static readonly OptionDescriptor CheckpointHistorySize = new OptionDescriptor(
            "web.checkpoints.history", OptionKind.Integer, "10",
            "How many recent checkpoints the statistics history keeps.",
            "jobmanager.web.checkpoints.history");

        /// <summary>Every option, in the order the CLI prints them.</summary>
        public static readonly IReadOnlyList<OptionDescriptor> All = new[]
        {
            CheckpointingInterval, CheckpointingIntervalDuringBacklog, CheckpointingMode, CheckpointingTimeout,
            MaxConcurrentCheckpoints, MinPauseBetweenCheckpoints, TolerableFailedCheckpoints, ExternalizedCheckpointRetention,
            UnalignedCheckpointsEnabled, AlignedCheckpointTimeout, ForceUnalignedCheckpoints, UnalignedInterruptibleTimers,
            MaxSubtasksPerChannelStateFile, CheckpointsAfterTasksFinish, ForceCheckpointing, SnapshotCompression,
            CheckpointStorage, CheckpointsDirectory, SavepointDirectory, MaxRetainedCheckpoints, CreateCheckpointSubdirectory,
            IncrementalCheckpoints, DataInlineThreshold, WriteBufferSize, CleanerParallelMode, LocalBackupEnabled,
            LocalBackupDirectories, FileMergingEnabled, FileMergingAcrossBoundary, FileMergingMaxFileSize,
            FileMergingPoolBlocking, FileMergingMaxSubtasksPerFile, FileMergingMaxSpaceAmplification,
            StateRecoveryPath, StateRecoveryClaimMode, StateRecoveryIgnoreUnclaimedState, CheckpointIdOfIgnoredInFlightData,
            ApproximateLocalRecovery, StateRecoveryFromLocal,
            RestartStrategyType, FixedDelayAttempts, FixedDelayDelay, FailureRateMaxFailuresPerInterval, FailureRateInterval,
            FailureRateDelay, ExponentialDelayInitialBackoff, ExponentialDelayMaxBackoff, ExponentialDelayBackoffMultiplier,
            ExponentialDelayResetBackoffThreshold, ExponentialDelayJitterFactor, ExponentialDelayAttemptsBeforeResetBackoff,
            DefaultParallelism, MaxParallelism, BufferTimeoutEnabled, BufferTimeoutInterval, StateBackendType, CheckpointHistorySize,
        };

        /// <summary>
        /// Key prefixes FlinkSdk owns: an unknown key under one of these is a typo, not another component's option.
        /// Keys outside them (e.g. <c>taskmanager.memory.process.size</c>) belong to Flink itself and are ignored.
        /// </summary>
        public static readonly IReadOnlyList<string> OwnedPrefixes = new[]
        {
            "execution.checkpointing.", "execution.state-recovery.", "restart-strategy.", "state.checkpoints.", "state.savepoints.",
        };

        private static readonly Dictionary<string, OptionDescriptor> ByKey = BuildIndex();

        /// <summary>Finds the option named by <paramref name="key"/> (current or deprecated key), or <see langword="null"/>.</summary>
        public static OptionDescriptor? Find(string key) => ByKey.TryGetValue(key, out var option) ? option : null;

        /// <summary>Whether <paramref name="key"/> lies under a prefix FlinkSdk owns.</summary>
        public static bool IsOwnedKey(string key)
        {
            foreach (var prefix in OwnedPrefixes)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static Dictionary<string, OptionDescriptor> BuildIndex()
        {
            var index = new Dictionary<string, OptionDescriptor>(StringComparer.Ordinal);
            foreach (var option in All)
            {
                index.Add(option.Key, option);
                foreach (var deprecated in option.DeprecatedKeys)
                {
                    index.Add(deprecated, option);
                }
            }

            return index;
        }
    }
}
