using System.Buffers;
using BenchmarkDotNet.Attributes;
using FlinkSdk.DataStream;
using FlinkSdk.Serialization;
using FlinkSdk.State;

namespace FlinkSdk.Benchmarks.State;

/// <summary>
/// A checkpoint of a keyed operator's <c>[State]</c> members through the path the runtime takes: the generated glue
/// stores each key's members in the heap keyed backend, and the snapshot (synchronous copy, then the write) goes
/// into a reused buffer. Allocated must not grow with the number of keys: nothing is allocated per key or field.
/// </summary>
[MemoryDiagnoser]
public class KeyedSnapshotBenchmarks
{
    private HeapKeyedStateBackend<string> _backend = null!;
    private ArrayBufferWriter<byte> _buffer = null!;

    /// <summary>How many keys hold state.</summary>
    [Params(100_000, 1_000_000)]
    public int Keys { get; set; }

    /// <summary>Stores every key's state through the generated glue, as processing elements would.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _backend = new HeapKeyedStateBackend<string>(128, 0, 127);
        var counter = new KeyedCounter();
        ((IGeneratedStateful)counter).InitializeState(new BackendContext(_backend));
        var fields = (IGeneratedKeyedState)counter;
        for (int i = 0; i < Keys; i++)
        {
            _backend.SetCurrentKey("key-" + i);
            fields.LoadState();
            counter.Add(i);
            fields.StoreState();
        }

        _buffer = new ArrayBufferWriter<byte>(Keys * 64);
        Console.WriteLine($"// snapshot of {Keys:N0} keys: {Snapshot():N0} bytes");
    }

    /// <summary>Takes the snapshot and writes it.</summary>
    [Benchmark]
    public int Snapshot()
    {
        var snapshot = _backend.TakeSnapshot();
        try
        {
            _buffer.ResetWrittenCount();
            var writer = new MessagePackWriter(_buffer);
            snapshot.Write(ref writer);
            writer.Flush();
            return _buffer.WrittenCount;
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>Hands the generated glue the backend's keyed state, as the keyed process operator does.</summary>
    private sealed class BackendContext(HeapKeyedStateBackend<string> backend) : IRuntimeContext
    {
        public string OperatorName => "keyed-snapshot-benchmark";

        public int SubtaskIndex => 0;

        public int Parallelism => 1;

        public int MaxParallelism => backend.MaxParallelism;

        public IValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor) => backend.GetValueState(descriptor);

        public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor)
            => throw new NotSupportedException($"Operator state '{descriptor.Name}' is not available to a keyed operator.");
    }
}

/// <summary>A keyed operator with primitive state members: two longs, a double, an int and a bool per key.</summary>
[StatefulOperator]
public sealed partial class KeyedCounter : KeyedProcessFunction<string, long, long>
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

    /// <inheritdoc/>
    public override void ProcessElement(long value, Context context, ICollector<long> output)
    {
        Add(value);
        output.Collect(_sum);
    }
}
