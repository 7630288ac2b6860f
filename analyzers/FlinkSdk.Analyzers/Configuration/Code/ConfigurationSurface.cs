using System;
using System.Collections.Generic;
using FlinkSdk.Configuration;
using O = FlinkSdk.Configuration.FlinkOptions;
using T = FlinkSdk.Analyzers.Configuration.KnownTypes;

namespace FlinkSdk.Analyzers.Configuration.Code;

/// <summary>A settable property of the configuration API and the option it writes.</summary>
internal sealed class PropertyMapping
{
    public PropertyMapping(string type, string property, OptionDescriptor option, Func<object?, object?>? convert = null)
    {
        Type = type;
        Property = property;
        Option = option;
        Convert = convert;
    }

    public string Type { get; }

    public string Property { get; }

    public OptionDescriptor Option { get; }

    /// <summary>Turns the C# value into the option's value where the property does more than store it; else <see langword="null"/>.</summary>
    public Func<object?, object?>? Convert { get; }
}

/// <summary>What a configuration method does.</summary>
internal enum MethodRole
{
    /// <summary>Writes its arguments (and fixed values) into options.</summary>
    Writes,

    /// <summary><c>FlinkConfiguration.Set(key, value)</c>: a Flink key and its text.</summary>
    SetByKey,

    /// <summary>Adds settings from outside the code (a file, environment variables, arguments).</summary>
    LoadsExternal,
}

/// <summary>A configuration method and the options it writes.</summary>
internal sealed class MethodMapping
{
    public MethodMapping(string type, string method, MethodRole role, (string Parameter, OptionDescriptor Option)[]? arguments = null, (OptionDescriptor Option, object? Value)[]? fixedWrites = null)
    {
        Type = type;
        Method = method;
        Role = role;
        Arguments = arguments ?? Array.Empty<(string, OptionDescriptor)>();
        FixedWrites = fixedWrites ?? Array.Empty<(OptionDescriptor, object?)>();
    }

    public string Type { get; }

    public string Method { get; }

    public MethodRole Role { get; }

    /// <summary>Parameters (by name) whose argument is an option's value.</summary>
    public IReadOnlyList<(string Parameter, OptionDescriptor Option)> Arguments { get; }

    /// <summary>Options the call always sets to a fixed value (<see langword="null"/>: removes it).</summary>
    public IReadOnlyList<(OptionDescriptor Option, object? Value)> FixedWrites { get; }
}

/// <summary>
/// The C# configuration surface of the runtime (<c>CheckpointConfig</c>, <c>ExecutionConfig</c>,
/// <c>StateRecoveryConfig</c>, <c>RestartStrategyConfig</c>, <c>StreamExecutionEnvironment</c>,
/// <c>FlinkConfiguration</c>) mapped onto Flink's options. A test sets every public setter of the runtime
/// through reflection and checks that it writes the option listed here, so this table cannot drift.
/// </summary>
internal static class ConfigurationSurface
{
    public static readonly IReadOnlyList<PropertyMapping> Properties = new[]
    {
        new PropertyMapping(T.CheckpointConfig, "CheckpointInterval", O.CheckpointingInterval),
        new PropertyMapping(T.CheckpointConfig, "CheckpointIntervalDuringBacklog", O.CheckpointingIntervalDuringBacklog),
        new PropertyMapping(T.CheckpointConfig, "CheckpointingMode", O.CheckpointingMode),
        new PropertyMapping(T.CheckpointConfig, "CheckpointTimeout", O.CheckpointingTimeout),
        new PropertyMapping(T.CheckpointConfig, "MinPauseBetweenCheckpoints", O.MinPauseBetweenCheckpoints),
        new PropertyMapping(T.CheckpointConfig, "MaxConcurrentCheckpoints", O.MaxConcurrentCheckpoints),
        new PropertyMapping(T.CheckpointConfig, "TolerableCheckpointFailureNumber", O.TolerableFailedCheckpoints),
        new PropertyMapping(T.CheckpointConfig, "FailOnCheckpointingErrors", O.TolerableFailedCheckpoints, value => value is bool fail ? fail ? 0 : int.MaxValue : null),
        new PropertyMapping(T.CheckpointConfig, "ExternalizedCheckpointRetention", O.ExternalizedCheckpointRetention),
        new PropertyMapping(T.CheckpointConfig, "UnalignedCheckpointsEnabled", O.UnalignedCheckpointsEnabled),
        new PropertyMapping(T.CheckpointConfig, "ForceUnalignedCheckpoints", O.ForceUnalignedCheckpoints),
        new PropertyMapping(T.CheckpointConfig, "AlignedCheckpointTimeout", O.AlignedCheckpointTimeout),
        new PropertyMapping(T.CheckpointConfig, "InterruptibleTimersEnabled", O.UnalignedInterruptibleTimers),
        new PropertyMapping(T.CheckpointConfig, "MaxSubtasksPerChannelStateFile", O.MaxSubtasksPerChannelStateFile),
        new PropertyMapping(T.CheckpointConfig, "CheckpointsAfterTasksFinish", O.CheckpointsAfterTasksFinish),
        new PropertyMapping(T.CheckpointConfig, "ForceCheckpointing", O.ForceCheckpointing),
        new PropertyMapping(T.CheckpointConfig, "SnapshotCompression", O.SnapshotCompression),
        new PropertyMapping(T.CheckpointConfig, "CheckpointStorage", O.CheckpointStorage),
        new PropertyMapping(T.CheckpointConfig, "CheckpointDirectory", O.CheckpointsDirectory),
        new PropertyMapping(T.CheckpointConfig, "SavepointDirectory", O.SavepointDirectory),
        new PropertyMapping(T.CheckpointConfig, "MaxRetainedCheckpoints", O.MaxRetainedCheckpoints),
        new PropertyMapping(T.CheckpointConfig, "CreateCheckpointSubdirectory", O.CreateCheckpointSubdirectory),
        new PropertyMapping(T.CheckpointConfig, "IncrementalCheckpoints", O.IncrementalCheckpoints),
        new PropertyMapping(T.CheckpointConfig, "DataInlineThreshold", O.DataInlineThreshold),
        new PropertyMapping(T.CheckpointConfig, "WriteBufferSize", O.WriteBufferSize),
        new PropertyMapping(T.CheckpointConfig, "CleanerParallelMode", O.CleanerParallelMode),
        new PropertyMapping(T.CheckpointConfig, "LocalBackupEnabled", O.LocalBackupEnabled),
        new PropertyMapping(T.CheckpointConfig, "LocalBackupDirectories", O.LocalBackupDirectories),
        new PropertyMapping(T.CheckpointConfig, "FileMergingEnabled", O.FileMergingEnabled),
        new PropertyMapping(T.CheckpointConfig, "FileMergingAcrossCheckpointBoundary", O.FileMergingAcrossBoundary),
        new PropertyMapping(T.CheckpointConfig, "FileMergingMaxFileSize", O.FileMergingMaxFileSize),
        new PropertyMapping(T.CheckpointConfig, "FileMergingPoolBlocking", O.FileMergingPoolBlocking),
        new PropertyMapping(T.CheckpointConfig, "FileMergingMaxSubtasksPerFile", O.FileMergingMaxSubtasksPerFile),
        new PropertyMapping(T.CheckpointConfig, "FileMergingMaxSpaceAmplification", O.FileMergingMaxSpaceAmplification),
        new PropertyMapping(T.CheckpointConfig, "CheckpointHistorySize", O.CheckpointHistorySize),
        new PropertyMapping(T.ExecutionConfig, "Parallelism", O.DefaultParallelism),
        new PropertyMapping(T.ExecutionConfig, "MaxParallelism", O.MaxParallelism),
        new PropertyMapping(T.ExecutionConfig, "BufferTimeoutEnabled", O.BufferTimeoutEnabled),
        new PropertyMapping(T.ExecutionConfig, "BufferTimeout", O.BufferTimeoutInterval),
        new PropertyMapping(T.ExecutionConfig, "StateBackend", O.StateBackendType),
        new PropertyMapping(T.StateRecoveryConfig, "Path", O.StateRecoveryPath, value => value is string path && path.Trim().Length > 0 ? path : null),
        new PropertyMapping(T.StateRecoveryConfig, "ClaimMode", O.StateRecoveryClaimMode),
        new PropertyMapping(T.StateRecoveryConfig, "IgnoreUnclaimedState", O.StateRecoveryIgnoreUnclaimedState),
        new PropertyMapping(T.StateRecoveryConfig, "CheckpointIdOfIgnoredInFlightData", O.CheckpointIdOfIgnoredInFlightData),
        new PropertyMapping(T.StateRecoveryConfig, "ApproximateLocalRecovery", O.ApproximateLocalRecovery),
        new PropertyMapping(T.StateRecoveryConfig, "FromLocal", O.StateRecoveryFromLocal),
        new PropertyMapping(T.RestartStrategyConfig, "Type", O.RestartStrategyType),
        new PropertyMapping(T.FixedDelayOptions, "Attempts", O.FixedDelayAttempts),
        new PropertyMapping(T.FixedDelayOptions, "Delay", O.FixedDelayDelay),
        new PropertyMapping(T.FailureRateOptions, "MaxFailuresPerInterval", O.FailureRateMaxFailuresPerInterval),
        new PropertyMapping(T.FailureRateOptions, "FailureRateInterval", O.FailureRateInterval),
        new PropertyMapping(T.FailureRateOptions, "Delay", O.FailureRateDelay),
        new PropertyMapping(T.ExponentialDelayOptions, "InitialBackoff", O.ExponentialDelayInitialBackoff),
        new PropertyMapping(T.ExponentialDelayOptions, "MaxBackoff", O.ExponentialDelayMaxBackoff),
        new PropertyMapping(T.ExponentialDelayOptions, "BackoffMultiplier", O.ExponentialDelayBackoffMultiplier),
        new PropertyMapping(T.ExponentialDelayOptions, "ResetBackoffThreshold", O.ExponentialDelayResetBackoffThreshold),
        new PropertyMapping(T.ExponentialDelayOptions, "JitterFactor", O.ExponentialDelayJitterFactor),
        new PropertyMapping(T.ExponentialDelayOptions, "AttemptsBeforeResetBackoff", O.ExponentialDelayAttemptsBeforeResetBackoff),
    };

    public static readonly IReadOnlyList<MethodMapping> Methods = new[]
    {
        new MethodMapping(T.CheckpointConfig, "EnableUnalignedCheckpoints", MethodRole.Writes, new[] { ("enabled", O.UnalignedCheckpointsEnabled) }),
        new MethodMapping(T.CheckpointConfig, "DisableCheckpointing", MethodRole.Writes, fixedWrites: new[] { (O.CheckpointingInterval, (object?)null) }),
        new MethodMapping(T.StreamExecutionEnvironment, "EnableCheckpointing", MethodRole.Writes, new[] { ("interval", O.CheckpointingInterval), ("mode", O.CheckpointingMode) }),
        new MethodMapping(T.StreamExecutionEnvironment, "SetParallelism", MethodRole.Writes, new[] { ("parallelism", O.DefaultParallelism) }),
        new MethodMapping(T.StreamExecutionEnvironment, "SetMaxParallelism", MethodRole.Writes, new[] { ("maxParallelism", O.MaxParallelism) }),
        new MethodMapping(T.FlinkConfiguration, "Set", MethodRole.SetByKey),
        new MethodMapping(T.FlinkConfiguration, "AddYamlFile", MethodRole.LoadsExternal),
        new MethodMapping(T.FlinkConfiguration, "AddYaml", MethodRole.LoadsExternal),
        new MethodMapping(T.FlinkConfiguration, "AddJsonFile", MethodRole.LoadsExternal),
        new MethodMapping(T.FlinkConfiguration, "AddConfiguration", MethodRole.LoadsExternal),
        new MethodMapping(T.FlinkConfiguration, "AddEnvironmentVariables", MethodRole.LoadsExternal),
        new MethodMapping(T.FlinkConfiguration, "AddCommandLine", MethodRole.LoadsExternal),
    };
}
