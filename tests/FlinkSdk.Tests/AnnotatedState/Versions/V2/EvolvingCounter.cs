using System.Globalization;
using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.Evolution;

/// <summary>Version 2 of the user type: member 3 removed, member 4 added, the others declared in another order.</summary>
[SnapshotType]
public sealed class Summary
{
    [Key(2)]
    public string Last { get; set; } = string.Empty;

    [Key(4)]
    public string Added { get; set; } = "fresh";

    [Key(1)]
    public long Sum { get; set; }
}

/// <summary>
/// Version 2 of the operator: member 2 removed, member 6 added, members 3 and 5 renamed, and the members declared in
/// another order. It reports the state it finds for each element, before changing it.
/// </summary>
[StatefulOperator]
public sealed partial class EvolvingCounter : KeyedProcessFunction<int, (int Key, long Value), string>
{
    [State(3)]
    private List<long> _lastValues = [];

    [State(6)]
    private int _generation = 2;

    [State(4)]
    private Summary _summary = new();

    [State(5)]
    private decimal _amount;

    [State(1)]
    private long _count;

    /// <inheritdoc/>
    public override void ProcessElement((int Key, long Value) value, Context context, ICollector<string> output)
    {
        output.Collect(string.Create(CultureInfo.InvariantCulture,
            $"{value.Key}: count={_count} lastValues=[{string.Join(',', _lastValues)}] generation={_generation} summary=(Sum={_summary.Sum}, Last={_summary.Last}, Added={_summary.Added}) amount={_amount}"));
        _count++;
        _lastValues.Add(value.Value);
        _generation++;
    }
}
