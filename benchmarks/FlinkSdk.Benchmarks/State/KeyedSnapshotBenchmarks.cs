using System.Buffers;
using BenchmarkDotNet.Attributes;
using FlinkSdk.DataStream;
using FlinkSdk.Serialization;
using FlinkSdk.State;
using FlinkSdk.Tests.State;

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
        PrimitiveCounter.Fill(_backend, Keys);

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
}
