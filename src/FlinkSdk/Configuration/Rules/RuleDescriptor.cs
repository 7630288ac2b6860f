// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System.Collections.Generic;

namespace FlinkSdk.Configuration
{
    /// <summary>A configuration rule: its stable id, a short title and its default severity.</summary>
    internal sealed class RuleDescriptor
    {
        public RuleDescriptor(string id, string title, ProblemSeverity severity)
        {
            Id = id;
            Title = title;
            Severity = severity;
        }

        /// <summary>Stable id, <c>FLKnnnn</c>; never reused for another rule.</summary>
        public string Id { get; }

        public string Title { get; }

        public ProblemSeverity Severity { get; }

        /// <summary>Creates a problem of this rule.</summary>
        public ConfigurationProblem Problem(string message, params OptionDescriptor[] options)
        {
            var keys = new string[options.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = options[i].Key;
            }

            return new ConfigurationProblem(Id, Severity, message, keys);
        }

        /// <summary>Creates a problem of this rule about a raw key that may not be in the catalog.</summary>
        public ConfigurationProblem Problem(string message, string key, string? location) =>
            new ConfigurationProblem(Id, Severity, message, new[] { key }, location);

        public override string ToString() => Id + " " + Title;
    }

    /// <summary>Every configuration rule. Ids are stable: a retired rule's id is never given to another.</summary>
    internal static class Rules
    {
        // Single-option ranges (Flink's setter checks).
        public static readonly RuleDescriptor IntervalTooSmall = new RuleDescriptor("FLK0001", "Checkpoint interval below 10 ms", ProblemSeverity.Error);
        public static readonly RuleDescriptor TimeoutTooSmall = new RuleDescriptor("FLK0002", "Checkpoint timeout below 10 ms", ProblemSeverity.Error);
        public static readonly RuleDescriptor MinPauseNegative = new RuleDescriptor("FLK0003", "Negative minimum pause between checkpoints", ProblemSeverity.Error);
        public static readonly RuleDescriptor MaxConcurrentBelowOne = new RuleDescriptor("FLK0004", "Maximum concurrent checkpoints below 1", ProblemSeverity.Error);
        public static readonly RuleDescriptor TolerableFailuresNegative = new RuleDescriptor("FLK0005", "Negative tolerable checkpoint failure number", ProblemSeverity.Error);
        public static readonly RuleDescriptor BacklogIntervalTooSmall = new RuleDescriptor("FLK0006", "Backlog checkpoint interval neither 0 nor at least 10 ms", ProblemSeverity.Error);
        public static readonly RuleDescriptor BacklogIntervalBelowInterval = new RuleDescriptor("FLK0007", "Backlog checkpoint interval below the checkpoint interval", ProblemSeverity.Error);
        public static readonly RuleDescriptor NumRetainedBelowOne = new RuleDescriptor("FLK0008", "Fewer than one retained checkpoint", ProblemSeverity.Error);
        public static readonly RuleDescriptor InlineThresholdTooLarge = new RuleDescriptor("FLK0009", "Data inline threshold above 1 MiB", ProblemSeverity.Error);
        public static readonly RuleDescriptor WriteBufferSizeInvalid = new RuleDescriptor("FLK0010", "Write buffer size below -1", ProblemSeverity.Error);
        public static readonly RuleDescriptor SubtasksPerFileBelowOne = new RuleDescriptor("FLK0011", "Subtasks per shared file below 1", ProblemSeverity.Error);
        public static readonly RuleDescriptor MaxParallelismOutOfRange = new RuleDescriptor("FLK0012", "Maximum parallelism outside 1..32768", ProblemSeverity.Error);
        public static readonly RuleDescriptor ParallelismBelowOne = new RuleDescriptor("FLK0013", "Parallelism below 1", ProblemSeverity.Error);
        public static readonly RuleDescriptor ParallelismAboveMax = new RuleDescriptor("FLK0014", "Parallelism above maximum parallelism", ProblemSeverity.Error);

        // Cross-option rules (Flink's job-graph and coordinator checks).
        public static readonly RuleDescriptor UnalignedWithConcurrentCheckpoints = new RuleDescriptor("FLK0020", "Unaligned checkpoints with more than one concurrent checkpoint", ProblemSeverity.Error);
        public static readonly RuleDescriptor MinPauseWithConcurrentCheckpoints = new RuleDescriptor("FLK0021", "Minimum pause with more than one concurrent checkpoint", ProblemSeverity.Error);
        public static readonly RuleDescriptor IterationsWithoutForce = new RuleDescriptor("FLK0022", "Checkpointing an iterative job without the force flag", ProblemSeverity.Error);
        public static readonly RuleDescriptor UnalignedWithAtLeastOnce = new RuleDescriptor("FLK0023", "Unaligned checkpoints with AT_LEAST_ONCE mode", ProblemSeverity.Warning);
        public static readonly RuleDescriptor UnalignedIterationsNotForced = new RuleDescriptor("FLK0024", "Unaligned checkpoints in an iterative job without unaligned.forced", ProblemSeverity.Error);
        public static readonly RuleDescriptor UnalignedCustomPartitionerNotForced = new RuleDescriptor("FLK0025", "Unaligned checkpoints with a custom partitioner without unaligned.forced", ProblemSeverity.Error);
        public static readonly RuleDescriptor AlignedTimeoutWithoutUnaligned = new RuleDescriptor("FLK0026", "Aligned checkpoint timeout without unaligned checkpoints", ProblemSeverity.Warning);
        public static readonly RuleDescriptor UnalignedWithoutCheckpointing = new RuleDescriptor("FLK0027", "Unaligned checkpoints enabled while checkpointing is disabled", ProblemSeverity.Warning);
        public static readonly RuleDescriptor FilesystemStorageWithoutDirectory = new RuleDescriptor("FLK0028", "Filesystem checkpoint storage without a checkpoint directory", ProblemSeverity.Error);
        public static readonly RuleDescriptor ApproximateRecoveryWithUnaligned = new RuleDescriptor("FLK0029", "Approximate local recovery with unaligned checkpoints", ProblemSeverity.Error);
        public static readonly RuleDescriptor UnknownCheckpointStorage = new RuleDescriptor("FLK0030", "Checkpoint storage that is not built in", ProblemSeverity.Warning);
        public static readonly RuleDescriptor RetentionWithoutDirectory = new RuleDescriptor("FLK0031", "Externalized checkpoints without a checkpoint directory", ProblemSeverity.Warning);
        public static readonly RuleDescriptor UnsupportedStateBackend = new RuleDescriptor("FLK0032", "State backend other than hashmap", ProblemSeverity.Warning);

        // Restart strategies.
        public static readonly RuleDescriptor RestartOptionsIgnored = new RuleDescriptor("FLK0040", "Options of a restart strategy that is not used", ProblemSeverity.Warning);
        public static readonly RuleDescriptor RestartValueOutOfRange = new RuleDescriptor("FLK0041", "Restart strategy option out of range", ProblemSeverity.Error);

        // Loading.
        public static readonly RuleDescriptor UnknownKey = new RuleDescriptor("FLK0100", "Unknown configuration key", ProblemSeverity.Error);
        public static readonly RuleDescriptor InvalidValue = new RuleDescriptor("FLK0101", "Value cannot be parsed", ProblemSeverity.Error);
        public static readonly RuleDescriptor DeprecatedKey = new RuleDescriptor("FLK0102", "Deprecated configuration key", ProblemSeverity.Warning);
        public static readonly RuleDescriptor DuplicateKey = new RuleDescriptor("FLK0103", "Option set more than once in one source", ProblemSeverity.Warning);
        public static readonly RuleDescriptor UnreadableSource = new RuleDescriptor("FLK0104", "Configuration source cannot be read", ProblemSeverity.Error);

        public static readonly IReadOnlyList<RuleDescriptor> All = new[]
        {
            IntervalTooSmall, TimeoutTooSmall, MinPauseNegative, MaxConcurrentBelowOne, TolerableFailuresNegative,
            BacklogIntervalTooSmall, BacklogIntervalBelowInterval, NumRetainedBelowOne, InlineThresholdTooLarge,
            WriteBufferSizeInvalid, SubtasksPerFileBelowOne, MaxParallelismOutOfRange, ParallelismBelowOne, ParallelismAboveMax,
            UnalignedWithConcurrentCheckpoints, MinPauseWithConcurrentCheckpoints, IterationsWithoutForce, UnalignedWithAtLeastOnce,
            UnalignedIterationsNotForced, UnalignedCustomPartitionerNotForced, AlignedTimeoutWithoutUnaligned,
            UnalignedWithoutCheckpointing, FilesystemStorageWithoutDirectory, ApproximateRecoveryWithUnaligned,
            UnknownCheckpointStorage, RetentionWithoutDirectory, UnsupportedStateBackend,
            RestartOptionsIgnored, RestartValueOutOfRange,
            UnknownKey, InvalidValue, DeprecatedKey, DuplicateKey, UnreadableSource,
        };
    }
}
