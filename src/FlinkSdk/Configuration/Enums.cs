namespace FlinkSdk.Configuration;

/// <summary>How checkpoint barriers are handled (Flink's <c>CheckpointingMode</c>).</summary>
public enum CheckpointingMode
{
    /// <summary>Barriers are aligned before the snapshot: each record affects state exactly once after recovery.</summary>
    ExactlyOnce,

    /// <summary>No alignment: lower latency, but records may affect state more than once after recovery.</summary>
    AtLeastOnce,
}

/// <summary>What happens to completed checkpoints when the job terminates (Flink's <c>ExternalizedCheckpointRetention</c>).</summary>
public enum ExternalizedCheckpointRetention
{
    /// <summary>Checkpoint state is only kept when the owning job fails. It is deleted if the job is cancelled.</summary>
    DeleteOnCancellation,

    /// <summary>Checkpoint state is kept when the owning job is cancelled or fails.</summary>
    RetainOnCancellation,

    /// <summary>Externalized checkpoints are disabled (the default).</summary>
    NoExternalizedCheckpoints,
}

/// <summary>Who owns the files of the snapshot a job is restored from (Flink's <c>RecoveryClaimMode</c>).</summary>
public enum RecoveryClaimMode
{
    /// <summary>The job takes ownership and deletes the snapshot once it is subsumed.</summary>
    Claim,

    /// <summary>The job never deletes the snapshot's files (the default).</summary>
    NoClaim,

    /// <summary>Deprecated pre-1.15 behaviour: no ownership, but later checkpoints may reference its files.</summary>
    Legacy,
}

/// <summary>The restart strategy applied when a job fails (Flink's <c>restart-strategy.type</c>).</summary>
public enum RestartStrategyType
{
    /// <summary>Never restart; the first failure fails the job (<c>none</c>, <c>off</c>, <c>disable</c>).</summary>
    None,

    /// <summary>Restart a fixed number of times with a fixed delay (<c>fixed-delay</c>).</summary>
    FixedDelay,

    /// <summary>Restart while failures stay below a rate (<c>failure-rate</c>).</summary>
    FailureRate,

    /// <summary>Restart with exponentially growing delays (<c>exponential-delay</c>).</summary>
    ExponentialDelay,
}
