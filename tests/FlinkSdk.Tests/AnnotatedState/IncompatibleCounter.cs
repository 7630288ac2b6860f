using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// A version of <c>FlinkSdk.Tests.Evolution.EvolvingCounter</c> (tests/FlinkSdk.Tests/AnnotatedState/Versions) whose
/// member 5 changed its type from decimal to string: its state cannot be restored from version 1's checkpoints.
/// </summary>
[StatefulOperator]
internal sealed partial class IncompatibleCounter : KeyedProcessFunction<int, (int Key, long Value), string>
{
    [State(1)]
    private long _count;

    [State(5)]
    private string _total = string.Empty;

    public override void ProcessElement((int Key, long Value) value, Context context, ICollector<string> output)
    {
        _count++;
        _total += "+";
        output.Collect($"{value.Key}: {_count} {_total}");
    }
}
