// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System;
using System.Collections.Generic;
using O = FlinkSdk.Configuration.FlinkOptions;

namespace FlinkSdk.Configuration
{
    /// <summary>
    /// Every range and cross-option rule of Flink's checkpointing, restart and pipeline configuration, over plain
    /// values. The runtime's <c>Validate()</c> and the compile-time analyzers both call <see cref="Validate"/>,
    /// so their answers cannot drift. Messages start with Flink's own text where Flink has one.
    /// </summary>
    internal static class ConfigurationValidator
    {
        /// <summary>Flink's <c>MINIMAL_CHECKPOINT_TIME</c>.</summary>
        public static readonly TimeSpan MinimalCheckpointTime = TimeSpan.FromMilliseconds(10);

        /// <summary>Flink's <c>FileSystemCheckpointStorage.MAX_FILE_STATE_THRESHOLD</c> (1 MiB).</summary>
        public const long MaxInlineThreshold = 1024 * 1024;

        /// <summary>Flink's upper bound of the maximum parallelism.</summary>
        public const int UpperBoundMaxParallelism = 1 << 15;

        /// <summary>Returns every problem of <paramref name="values"/>, in rule order.</summary>
        /// <param name="values">The configuration.</param>
        /// <param name="hasIterations">Whether the job graph contains an iteration (feedback edge).</param>
        /// <param name="hasCustomPartitioner">Whether the job graph uses a custom partitioner.</param>
        public static List<ConfigurationProblem> Validate(OptionValues values, bool hasIterations = false, bool hasCustomPartitioner = false)
        {
            var problems = new List<ConfigurationProblem>();
            CheckRanges(values, problems);
            CheckCrossOptions(values, hasIterations, hasCustomPartitioner, problems);
            CheckRestartStrategy(values, problems);
            return problems;
        }

        /// <summary>The restart strategy in force: the configured one, else Flink's default for the checkpointing setting.</summary>
        public static string EffectiveRestartStrategy(OptionValues values) =>
            values.GetString(O.RestartStrategyType) ?? (values.GetDuration(O.CheckpointingInterval).HasValue ? "exponential-delay" : "none");

        private static void CheckRanges(OptionValues v, List<ConfigurationProblem> problems)
        {
            TimeSpan? interval = v.GetDuration(O.CheckpointingInterval);
            if (interval.HasValue && interval.Value < MinimalCheckpointTime)
            {
                problems.Add(Rules.IntervalTooSmall.Problem(
                    "Checkpoint interval must be larger than or equal to 10 ms; " + Show(v, O.CheckpointingInterval) +
                    ". Flink would silently disable checkpointing; to disable it, remove the key.", O.CheckpointingInterval));
            }

            if (v.GetDuration(O.CheckpointingTimeout)!.Value < MinimalCheckpointTime)
            {
                problems.Add(Rules.TimeoutTooSmall.Problem(
                    "Checkpoint timeout must be larger than or equal to 10 ms; " + Show(v, O.CheckpointingTimeout) + ".", O.CheckpointingTimeout));
            }

            if (v.GetDuration(O.MinPauseBetweenCheckpoints)!.Value < TimeSpan.Zero)
            {
                problems.Add(Rules.MinPauseNegative.Problem(
                    "Pause value must be zero or positive; " + Show(v, O.MinPauseBetweenCheckpoints) + ".", O.MinPauseBetweenCheckpoints));
            }

            if (v.GetInt(O.MaxConcurrentCheckpoints) < 1)
            {
                problems.Add(Rules.MaxConcurrentBelowOne.Problem(
                    "The maximum number of concurrent attempts must be at least one. " + Show(v, O.MaxConcurrentCheckpoints) + ".", O.MaxConcurrentCheckpoints));
            }

            if (v.GetInt(O.TolerableFailedCheckpoints) < 0)
            {
                problems.Add(Rules.TolerableFailuresNegative.Problem(
                    "The tolerable failure checkpoint number must be non-negative. " + Show(v, O.TolerableFailedCheckpoints) + ".", O.TolerableFailedCheckpoints));
            }

            TimeSpan? backlog = v.GetDuration(O.CheckpointingIntervalDuringBacklog);
            if (backlog.HasValue && backlog.Value != TimeSpan.Zero && backlog.Value < MinimalCheckpointTime)
            {
                problems.Add(Rules.BacklogIntervalTooSmall.Problem(
                    "Checkpoint interval must be zero or larger than or equal to 10 ms; " + Show(v, O.CheckpointingIntervalDuringBacklog) + ".",
                    O.CheckpointingIntervalDuringBacklog));
            }
            else if (backlog.HasValue && backlog.Value != TimeSpan.Zero && (!interval.HasValue || interval.Value < MinimalCheckpointTime || backlog.Value < interval.Value))
            {
                // Flink maps an unset (or sub-10 ms) interval to "never" before comparing, so any backlog interval is then too small.
                problems.Add(Rules.BacklogIntervalBelowInterval.Problem(
                    "Checkpoint interval during backlog must be larger than or equal to that in normal situation. " +
                    Show(v, O.CheckpointingIntervalDuringBacklog) + " but " + Show(v, O.CheckpointingInterval) + ". Use 0 to disable checkpoints during backlog.",
                    O.CheckpointingIntervalDuringBacklog, O.CheckpointingInterval));
            }

            if (v.GetInt(O.MaxRetainedCheckpoints) < 1)
            {
                problems.Add(Rules.NumRetainedBelowOne.Problem(
                    "Must retain at least one checkpoint. " + Show(v, O.MaxRetainedCheckpoints) + ". Flink would warn and retain 1.", O.MaxRetainedCheckpoints));
            }

            if ((long)v.Get(O.DataInlineThreshold)! > MaxInlineThreshold)
            {
                problems.Add(Rules.InlineThresholdTooLarge.Problem(
                    "The threshold for file state size must be in [-1, 1048576], where '-1' means to use the value from the deployment's configuration. " +
                    Show(v, O.DataInlineThreshold) + ". The maximum is 1 mb.", O.DataInlineThreshold));
            }

            if (v.GetInt(O.WriteBufferSize) < -1)
            {
                problems.Add(Rules.WriteBufferSizeInvalid.Problem(
                    "The write buffer size must be not less than '-1', where '-1' means to use the value from the deployment's configuration. " +
                    Show(v, O.WriteBufferSize) + ".", O.WriteBufferSize));
            }

            foreach (var option in new[] { O.MaxSubtasksPerChannelStateFile, O.FileMergingMaxSubtasksPerFile })
            {
                if (v.GetInt(option) < 1)
                {
                    problems.Add(Rules.SubtasksPerFileBelowOne.Problem(
                        "The number of subtasks sharing one file must be at least 1; " + Show(v, option) + ".", option));
                }
            }

            int maxParallelism = v.GetInt(O.MaxParallelism);
            if (maxParallelism != -1 && (maxParallelism < 1 || maxParallelism > UpperBoundMaxParallelism))
            {
                problems.Add(Rules.MaxParallelismOutOfRange.Problem(
                    "Maximum parallelism must be -1 (derived from the parallelism) or between 1 and 32768 (Must be less than or equal to 32768); " +
                    Show(v, O.MaxParallelism) + ".", O.MaxParallelism));
            }

            int parallelism = v.GetInt(O.DefaultParallelism);
            if (parallelism < 1)
            {
                problems.Add(Rules.ParallelismBelowOne.Problem(
                    "Parallelism must be at least one; " + Show(v, O.DefaultParallelism) + ".", O.DefaultParallelism));
            }
            else if (maxParallelism >= 1 && maxParallelism <= UpperBoundMaxParallelism && parallelism > maxParallelism)
            {
                problems.Add(Rules.ParallelismAboveMax.Problem(
                    "Maximum parallelism must not be smaller than parallelism; " + Show(v, O.MaxParallelism) + " but " + Show(v, O.DefaultParallelism) + ".",
                    O.MaxParallelism, O.DefaultParallelism));
            }
        }

        private static void CheckCrossOptions(OptionValues v, bool hasIterations, bool hasCustomPartitioner, List<ConfigurationProblem> problems)
        {
            bool checkpointing = v.GetDuration(O.CheckpointingInterval).HasValue;
            bool unaligned = v.GetBool(O.UnalignedCheckpointsEnabled);
            bool exactlyOnce = v.GetString(O.CheckpointingMode) == "EXACTLY_ONCE";
            bool forcedUnaligned = v.GetBool(O.ForceUnalignedCheckpoints);
            int maxConcurrent = v.GetInt(O.MaxConcurrentCheckpoints);

            // Flink checks iterations and custom partitioners against the configured unaligned flag, then switches
            // unaligned checkpoints off (with a warning) when the effective mode is not EXACTLY_ONCE, and only then
            // builds the coordinator settings that reject concurrent unaligned checkpoints. The effective mode is
            // AT_LEAST_ONCE whenever checkpointing is off.
            bool unalignedConfigured = unaligned && checkpointing;
            bool unalignedInEffect = unalignedConfigured && exactlyOnce;

            if (unaligned && !checkpointing)
            {
                problems.Add(Rules.UnalignedWithoutCheckpointing.Problem(
                    "Unaligned checkpoints are enabled (" + Show(v, O.UnalignedCheckpointsEnabled) + ") but checkpointing is disabled because '" +
                    O.CheckpointingInterval.Key + "' is not set; the setting has no effect.", O.UnalignedCheckpointsEnabled, O.CheckpointingInterval));
            }
            else if (unaligned && !exactlyOnce)
            {
                problems.Add(Rules.UnalignedWithAtLeastOnce.Problem(
                    "Unaligned checkpoints can only be used with checkpointing mode EXACTLY_ONCE; " + Show(v, O.CheckpointingMode) +
                    ", so Flink disables unaligned checkpoints.", O.UnalignedCheckpointsEnabled, O.CheckpointingMode));
            }

            if (unalignedInEffect && maxConcurrent > 1)
            {
                problems.Add(Rules.UnalignedWithConcurrentCheckpoints.Problem(
                    "maxConcurrentCheckpoints can't be > 1 if UnalignedCheckpoints enabled; " + Show(v, O.MaxConcurrentCheckpoints) +
                    " and " + Show(v, O.UnalignedCheckpointsEnabled) + ". Set max-concurrent-checkpoints to 1 or disable unaligned checkpoints.",
                    O.MaxConcurrentCheckpoints, O.UnalignedCheckpointsEnabled));
            }

            TimeSpan minPause = v.GetDuration(O.MinPauseBetweenCheckpoints)!.Value;
            if (minPause > TimeSpan.Zero && maxConcurrent > 1)
            {
                problems.Add(Rules.MinPauseWithConcurrentCheckpoints.Problem(
                    "A minimum pause between checkpoints implies that the number of concurrent checkpoints is one; " +
                    Show(v, O.MinPauseBetweenCheckpoints) + " and " + Show(v, O.MaxConcurrentCheckpoints) +
                    ". Set max-concurrent-checkpoints to 1 or remove the minimum pause.",
                    O.MaxConcurrentCheckpoints, O.MinPauseBetweenCheckpoints));
            }

            if (hasIterations && checkpointing && !v.GetBool(O.ForceCheckpointing))
            {
                problems.Add(Rules.IterationsWithoutForce.Problem(
                    "Checkpointing is currently not supported by default for iterative jobs, as we cannot guarantee exactly once semantics. " +
                    "State checkpoints happen normally, but records in-transit during the snapshot will be lost upon failure. \n" +
                    "The user can force enable state checkpoints with the reduced guarantees by calling: env.enableCheckpointing(interval,true)",
                    O.ForceCheckpointing));
            }

            if (unalignedConfigured && hasIterations && !forcedUnaligned)
            {
                problems.Add(Rules.UnalignedIterationsNotForced.Problem(
                    "Unaligned Checkpoints are currently not supported for iterative jobs, as rescaling would require alignment " +
                    "(in addition to the reduced checkpointing guarantees).\nThe user can force Unaligned Checkpoints by using 'execution.checkpointing.unaligned.forced'",
                    O.ForceUnalignedCheckpoints, O.UnalignedCheckpointsEnabled));
            }

            if (unalignedConfigured && hasCustomPartitioner && !forcedUnaligned)
            {
                problems.Add(Rules.UnalignedCustomPartitionerNotForced.Problem(
                    "Unaligned checkpoints are currently not supported for custom partitioners, as rescaling is not guaranteed to work correctly." +
                    "\nThe user can force Unaligned Checkpoints by using 'execution.checkpointing.unaligned.forced'",
                    O.ForceUnalignedCheckpoints, O.UnalignedCheckpointsEnabled));
            }

            if (!unaligned && v.GetDuration(O.AlignedCheckpointTimeout)!.Value > TimeSpan.Zero)
            {
                problems.Add(Rules.AlignedTimeoutWithoutUnaligned.Problem(
                    "The aligned checkpoint timeout is only relevant if '" + O.UnalignedCheckpointsEnabled.Key + "' is enabled; " +
                    Show(v, O.AlignedCheckpointTimeout) + " is ignored. Enable unaligned checkpoints or remove the timeout.",
                    O.AlignedCheckpointTimeout, O.UnalignedCheckpointsEnabled));
            }

            if (unaligned && v.GetBool(O.ApproximateLocalRecovery))
            {
                problems.Add(Rules.ApproximateRecoveryWithUnaligned.Problem(
                    "Approximate Local Recovery and Unaligned Checkpoint can not be used together yet; " + Show(v, O.ApproximateLocalRecovery) +
                    " and " + Show(v, O.UnalignedCheckpointsEnabled) + ".", O.ApproximateLocalRecovery, O.UnalignedCheckpointsEnabled));
            }

            string? storage = v.GetString(O.CheckpointStorage);
            string? directory = v.GetString(O.CheckpointsDirectory);
            string? storageName = storage?.Trim().ToLowerInvariant();
            if (storageName == "filesystem" && string.IsNullOrWhiteSpace(directory))
            {
                problems.Add(Rules.FilesystemStorageWithoutDirectory.Problem(
                    "Cannot create the file system state backend: The configuration does not specify the checkpoint directory '" +
                    O.CheckpointsDirectory.Key + "'", O.CheckpointsDirectory, O.CheckpointStorage));
            }
            else if (storageName != null && storageName != "filesystem" && storageName != "jobmanager")
            {
                problems.Add(Rules.UnknownCheckpointStorage.Problem(
                    "Checkpoint storage '" + storage + "' is not built in; valid built-in values are 'jobmanager' and 'filesystem'. " +
                    "Any other name must be provided by a registered checkpoint storage factory.", O.CheckpointStorage));
            }

            if (checkpointing && string.IsNullOrWhiteSpace(directory) && v.GetString(O.ExternalizedCheckpointRetention) != "NO_EXTERNALIZED_CHECKPOINTS")
            {
                problems.Add(Rules.RetentionWithoutDirectory.Problem(
                    "Externalized checkpoints need a checkpoint directory, but '" + O.CheckpointsDirectory.Key + "' is not set; " +
                    Show(v, O.ExternalizedCheckpointRetention) + " keeps checkpoints only in memory, so nothing survives the job.",
                    O.ExternalizedCheckpointRetention, O.CheckpointsDirectory));
            }

            string backend = (v.GetString(O.StateBackendType) ?? "hashmap").Trim().ToLowerInvariant();
            if (backend != "hashmap")
            {
                problems.Add(Rules.UnsupportedStateBackend.Problem(
                    "State backend '" + v.GetString(O.StateBackendType) + "' is not available in FlinkSdk; state is kept on the heap as with 'hashmap', " +
                    "the only valid value.", O.StateBackendType));
            }
        }

        private static void CheckRestartStrategy(OptionValues v, List<ConfigurationProblem> problems)
        {
            string strategy = EffectiveRestartStrategy(v);
            var groups = new[]
            {
                new { Name = "fixed-delay", Options = new[] { O.FixedDelayAttempts, O.FixedDelayDelay } },
                new { Name = "failure-rate", Options = new[] { O.FailureRateMaxFailuresPerInterval, O.FailureRateInterval, O.FailureRateDelay } },
                new
                {
                    Name = "exponential-delay",
                    Options = new[]
                    {
                        O.ExponentialDelayInitialBackoff, O.ExponentialDelayMaxBackoff, O.ExponentialDelayBackoffMultiplier,
                        O.ExponentialDelayResetBackoffThreshold, O.ExponentialDelayJitterFactor, O.ExponentialDelayAttemptsBeforeResetBackoff,
                    },
                },
            };

            foreach (var group in groups)
            {
                if (group.Name == strategy)
                {
                    continue;
                }

                foreach (var option in group.Options)
                {
                    if (v.IsSet(option))
                    {
                        problems.Add(Rules.RestartOptionsIgnored.Problem(
                            "'" + option.Key + "' only applies to the " + group.Name + " restart strategy, but the restart strategy in effect is " +
                            strategy + (v.IsSet(O.RestartStrategyType) ? string.Empty : " (the default)") + "; the value is ignored. Set '" +
                            O.RestartStrategyType.Key + ": " + group.Name + "' to use it.", option, O.RestartStrategyType));
                    }
                }
            }

            switch (strategy)
            {
                case "fixed-delay":
                    Require(v.GetInt(O.FixedDelayAttempts) >= 0, "Maximum number of restart attempts must be at least 0.", O.FixedDelayAttempts);
                    Require(v.GetDuration(O.FixedDelayDelay)!.Value >= TimeSpan.Zero, "Backoff time between restart attempts must be at least 0 ms.", O.FixedDelayDelay);
                    break;
                case "failure-rate":
                    Require(v.GetInt(O.FailureRateMaxFailuresPerInterval) > 0, "Maximum number of restart attempts per time unit must be greater than 0.", O.FailureRateMaxFailuresPerInterval);
                    Require(v.GetDuration(O.FailureRateInterval)!.Value > TimeSpan.Zero, "Failures interval must be greater than 0 ms.", O.FailureRateInterval);
                    Require(v.GetDuration(O.FailureRateDelay)!.Value >= TimeSpan.Zero, "Backoff time must be at least 0 ms.", O.FailureRateDelay);
                    break;
                case "exponential-delay":
                    TimeSpan initial = v.GetDuration(O.ExponentialDelayInitialBackoff)!.Value;
                    TimeSpan max = v.GetDuration(O.ExponentialDelayMaxBackoff)!.Value;
                    double jitter = v.GetDouble(O.ExponentialDelayJitterFactor);
                    bool initialValid = Require(initial >= TimeSpan.FromMilliseconds(1), "Initial backoff must be at least 1.", O.ExponentialDelayInitialBackoff);
                    bool maxValid = Require(max >= TimeSpan.FromMilliseconds(1), "Maximum backoff must be at least 1.", O.ExponentialDelayMaxBackoff);
                    if (initialValid && maxValid)
                    {
                        Require(initial <= max, "Initial backoff cannot be higher than maximum backoff.", O.ExponentialDelayInitialBackoff, O.ExponentialDelayMaxBackoff);
                    }

                    Require(v.GetDouble(O.ExponentialDelayBackoffMultiplier) > 1, "Backoff multiplier must be greater than 1.", O.ExponentialDelayBackoffMultiplier);
                    Require(v.GetDuration(O.ExponentialDelayResetBackoffThreshold)!.Value >= TimeSpan.FromMilliseconds(1), "Threshold duration for exponential backoff reset must be at least 1.", O.ExponentialDelayResetBackoffThreshold);
                    Require(jitter >= 0 && jitter <= 1, "Jitter factor must be >= 0 and <= 1.", O.ExponentialDelayJitterFactor);
                    Require(v.GetInt(O.ExponentialDelayAttemptsBeforeResetBackoff) >= 1, "The attemptsBeforeResetBackoff must be at least 1.", O.ExponentialDelayAttemptsBeforeResetBackoff);
                    break;
            }

            bool Require(bool condition, string flinkMessage, params OptionDescriptor[] options)
            {
                if (!condition)
                {
                    var shown = new string[options.Length];
                    for (int i = 0; i < options.Length; i++)
                    {
                        shown[i] = Show(v, options[i]);
                    }

                    problems.Add(Rules.RestartValueOutOfRange.Problem(flinkMessage + " " + string.Join(" and ", shown) + ".", options));
                }

                return condition;
            }
        }

        /// <summary>Renders <c>'key' is value</c> for messages.</summary>
        private static string Show(OptionValues v, OptionDescriptor option)
        {
            object? value = v.Get(option);
            return "'" + option.Key + "' is " + (value is null ? "not set" : OptionValueParser.Format(option, value));
        }
    }
}
