namespace FlinkSdk.Generators;

/// <summary>The names of the generator's tracked pipeline steps, for incremental-caching tests.</summary>
public static class TrackingNames
{
    /// <summary>Each <c>[StatefulOperator]</c> class parsed into a model (null when no code can be generated).</summary>
    public const string OperatorModels = nameof(OperatorModels);

    /// <summary>The operator models that produce code.</summary>
    public const string Operators = nameof(Operators);

    /// <summary>Each <c>[SnapshotType]</c> type parsed into a model (null when no code can be generated).</summary>
    public const string SnapshotTypeModels = nameof(SnapshotTypeModels);

    /// <summary>The snapshot type models that produce code.</summary>
    public const string SnapshotTypes = nameof(SnapshotTypes);
}
