using System.Text.Json.Serialization;
using FlinkSdk.State;

namespace FlinkSdk.Benchmarks.State;

/// <summary>The benchmark's per-key state: two longs and a short string.</summary>
[SnapshotType]
public sealed record SmallState
{
    /// <summary>An id.</summary>
    [Key(1)]
    public long Id { get; init; }

    /// <summary>A counter.</summary>
    [Key(2)]
    public long Count { get; init; }

    /// <summary>A short name.</summary>
    [Key(3)]
    public string Name { get; init; } = string.Empty;
}

/// <summary>System.Text.Json's source-generated serialization of the same data, for comparison.</summary>
[JsonSerializable(typeof(SmallState[]))]
internal sealed partial class SmallStateJsonContext : JsonSerializerContext;
