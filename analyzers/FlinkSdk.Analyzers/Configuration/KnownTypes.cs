namespace FlinkSdk.Analyzers.Configuration;

/// <summary>Metadata names of the runtime's configuration surface.</summary>
internal static class KnownTypes
{
    public const string FlinkConfiguration = "FlinkSdk.Configuration.FlinkConfiguration";
    public const string CheckpointConfig = "FlinkSdk.Configuration.CheckpointConfig";
    public const string ExecutionConfig = "FlinkSdk.Configuration.ExecutionConfig";
    public const string StateRecoveryConfig = "FlinkSdk.Configuration.StateRecoveryConfig";
    public const string RestartStrategyConfig = "FlinkSdk.Configuration.RestartStrategyConfig";
    public const string FixedDelayOptions = "FlinkSdk.Configuration.RestartStrategyConfig+FixedDelayOptions";
    public const string FailureRateOptions = "FlinkSdk.Configuration.RestartStrategyConfig+FailureRateOptions";
    public const string ExponentialDelayOptions = "FlinkSdk.Configuration.RestartStrategyConfig+ExponentialDelayOptions";
    public const string StreamExecutionEnvironment = "FlinkSdk.DataStream.StreamExecutionEnvironment";
    public const string MemorySize = "FlinkSdk.Configuration.MemorySize";

    /// <summary>The namespace of the DataStream API, whose iteration and custom-partitioning calls change the cross-option rules.</summary>
    public const string DataStreamNamespace = "FlinkSdk.DataStream";

    /// <summary>Every type that holds or views a configuration: all of them write into one <c>FlinkConfiguration</c>.</summary>
    public static readonly string[] ConfigurationHolders =
    {
        FlinkConfiguration, CheckpointConfig, ExecutionConfig, StateRecoveryConfig, RestartStrategyConfig,
        FixedDelayOptions, FailureRateOptions, ExponentialDelayOptions, StreamExecutionEnvironment,
    };
}
