using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.State;

/// <summary>A keyed operator whose state members are primitives.</summary>
[StatefulOperator]
public sealed partial class PrimitiveCounter : KeyedProcessFunction<string, long, long>
{
    [State(0)]
    private long _count;

    [State(1)]
    private long _sum;

    [State(2)]
    private double _mean;

    [State(3)]
    private int _last;

    [State(4)]
    private bool _seen;

    /// <summary>Adds a value to the current key's state.</summary>
    /// <param name="value">The value.</param>
    public void Add(long value)
    {
        _count++;
        _sum += value;
        _mean = (double)_sum / _count;
        _last = (int)value;
        _seen = true;
    }

    /// <summary>
    /// Stores state for <paramref name="keys"/> keys (<c>key-0</c>, <c>key-1</c>, …) into <paramref name="backend"/>
    /// through the generated keyed-state glue, as processing an element per key would.
    /// </summary>
    /// <param name="backend">The keyed backend.</param>
    /// <param name="keys">How many keys.</param>
    internal static void Fill(HeapKeyedStateBackend<string> backend, int keys)
    {
        var counter = new PrimitiveCounter();
        ((IGeneratedStateful)counter).InitializeState(new StateBackendsContext(backend, new OperatorStateStore()));
        var fields = (IGeneratedKeyedState)counter;
        for (int i = 0; i < keys; i++)
        {
            backend.SetCurrentKey("key-" + i);
            fields.LoadState();
            counter.Add(i);
            fields.StoreState();
        }
    }

    /// <inheritdoc/>
    public override void ProcessElement(long value, Context context, ICollector<long> output)
    {
        Add(value);
        output.Collect(_sum);
    }
}
