namespace FlinkSdk.Generators.Parsing;

/// <summary>Metadata names of the runtime types the generator looks for.</summary>
internal static class KnownNames
{
    public const string StatefulOperatorAttribute = "FlinkSdk.State.StatefulOperatorAttribute";
    public const string SnapshotTypeAttribute = "FlinkSdk.State.SnapshotTypeAttribute";
    public const string StateAttribute = "FlinkSdk.State.StateAttribute";
    public const string KeyAttribute = "FlinkSdk.State.KeyAttribute";
    public const string BeforeSnapshotAttribute = "FlinkSdk.State.BeforeSnapshotAttribute";
    public const string OnCheckpointCompleteAttribute = "FlinkSdk.State.OnCheckpointCompleteAttribute";
    public const string OnCheckpointAbortedAttribute = "FlinkSdk.State.OnCheckpointAbortedAttribute";
    public const string KeyedProcessFunction = "FlinkSdk.DataStream.KeyedProcessFunction`3";
    public const string ProcessFunction = "FlinkSdk.DataStream.ProcessFunction`2";
    public const string RichMapFunction = "FlinkSdk.DataStream.RichMapFunction`2";
    public const string RichFlatMapFunction = "FlinkSdk.DataStream.RichFlatMapFunction`2";
    public const string RichFilterFunction = "FlinkSdk.DataStream.RichFilterFunction`1";
    public const string SourceReader = "FlinkSdk.Connectors.ISourceReader`1";
    public const string SinkWriter = "FlinkSdk.Connectors.ISinkWriter`1";
}
