using System.Collections.Concurrent;
using System.Globalization;
using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.Evolution;

/// <summary>Version 1 of a user type kept in state.</summary>
[SnapshotType]
public sealed class Summary
{
    [Key(1)]
    public long Sum { get; set; }

    [Key(2)]
    public string Last { get; set; } = string.Empty;

    /// <summary>Gone in version 2.</summary>
    [Key(3)]
    public int Dropped { get; set; }
}

/// <summary>Version 1 of a keyed operator whose annotated state a later version restores.</summary>
[StatefulOperator]
public sealed partial class EvolvingCounter : KeyedProcessFunction<int, (int Key, long Value), string>
{
    [State(1)]
    private long _count;

    /// <summary>Gone in version 2.</summary>
    [State(2)]
    private string _note = string.Empty;

    /// <summary>Renamed in version 2.</summary>
    [State(3)]
    private List<long> _recent = [];

    [State(4)]
    private Summary _summary = new();

    /// <summary>Renamed in version 2, and a string in the incompatible version.</summary>
    [State(5)]
    private decimal _total;

    /// <summary>Not state: how many records this instance processed.</summary>
    private long _processed;

    /// <summary>How many records had been processed when each checkpoint captured the state, by checkpoint id (shared by the subtasks' copies).</summary>
    public ConcurrentDictionary<long, long> ProcessedAtCheckpoint { get; } = new();

    /// <inheritdoc/>
    public override void ProcessElement((int Key, long Value) value, Context context, ICollector<string> output)
    {
        _count++;
        _note = "note-" + value.Value.ToString(CultureInfo.InvariantCulture);
        _recent.Add(value.Value);
        _summary.Sum += value.Value;
        _summary.Last = value.Value.ToString(CultureInfo.InvariantCulture);
        _summary.Dropped++;
        _total += value.Value / 2m;
        _processed++;
        output.Collect(string.Create(CultureInfo.InvariantCulture, $"{value.Key}: count={_count} note={_note} total={_total}"));
    }

    [BeforeSnapshot]
    private void RecordProgress(long checkpointId) => ProcessedAtCheckpoint[checkpointId] = _processed;
}
