using O = FlinkSdk.Configuration.FlinkOptions;

namespace FlinkSdk.Configuration;

/// <summary>How a job restores from a checkpoint or savepoint (Flink's <c>execution.state-recovery.*</c>).</summary>
public sealed class StateRecoveryConfig : ConfigView
{
    internal StateRecoveryConfig(FlinkConfiguration owner)
        : base(owner)
    {
    }

    /// <summary>The checkpoint or savepoint to restore from (<c>execution.state-recovery.path</c>, as <c>flink run -s</c>); <see langword="null"/> starts fresh.</summary>
    public string? Path
    {
        get => Get<string?>(O.StateRecoveryPath);
        set => Set(O.StateRecoveryPath, string.IsNullOrWhiteSpace(value) ? null : value);
    }

    /// <summary>Who owns the restored snapshot's files (<c>execution.state-recovery.claim-mode</c>, default <see cref="RecoveryClaimMode.NoClaim"/>).</summary>
    public RecoveryClaimMode ClaimMode
    {
        get => GetEnum<RecoveryClaimMode>(O.StateRecoveryClaimMode);
        set => SetEnum(O.StateRecoveryClaimMode, value);
    }

    /// <summary>Allow snapshot state that no operator claims (<c>execution.state-recovery.ignore-unclaimed-state</c>, as <c>--allowNonRestoredState</c>).</summary>
    public bool IgnoreUnclaimedState
    {
        get => Get<bool>(O.StateRecoveryIgnoreUnclaimedState);
        set => Set(O.StateRecoveryIgnoreUnclaimedState, value);
    }

    /// <summary>Drop the in-flight data of this checkpoint id on restore; -1 (the default) keeps it.</summary>
    public long CheckpointIdOfIgnoredInFlightData
    {
        get => Get<long>(O.CheckpointIdOfIgnoredInFlightData);
        set => Set(O.CheckpointIdOfIgnoredInFlightData, value);
    }

    /// <summary>Approximate local recovery (<c>execution.state-recovery.approximate-local-recovery</c>); incompatible with unaligned checkpoints.</summary>
    public bool ApproximateLocalRecovery
    {
        get => Get<bool>(O.ApproximateLocalRecovery);
        set => Set(O.ApproximateLocalRecovery, value);
    }

    /// <summary>Recover from local state copies where available (<c>execution.state-recovery.from-local</c>, default false).</summary>
    public bool FromLocal
    {
        get => Get<bool>(O.StateRecoveryFromLocal);
        set => Set(O.StateRecoveryFromLocal, value);
    }
}
