using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FlinkSdk.Serialization;

namespace FlinkSdk.Benchmarks.State;

/// <summary>
/// Snapshot (serialize) and restore (deserialize) of 1 M keyed states of a small record: the serializer the FlinkSdk
/// generator emits for a <c>[SnapshotType]</c> against System.Text.Json's source-generated serializer of the same data.
/// </summary>
[MemoryDiagnoser]
public class StateSerializationBenchmarks
{
    private const int Keys = 1_000_000;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024 * 1024);
    private SmallState[] _states = [];
    private byte[] _messagePack = [];
    private byte[] _json = [];

    /// <summary>Builds the states and the serialized forms to restore from.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _states = [.. Enumerable.Range(0, Keys).Select(i => new SmallState { Id = i, Count = i * 31L, Name = "key-" + (i % 1000) })];
        SnapshotGenerated();
        _messagePack = _buffer.WrittenSpan.ToArray();
        SnapshotSystemTextJson();
        _json = _buffer.WrittenSpan.ToArray();
        Console.WriteLine($"// bytes: MessagePack {_messagePack.Length:N0}, JSON {_json.Length:N0}");
    }

    /// <summary>Generated MessagePack serializer: all states into one reused buffer.</summary>
    [Benchmark(Baseline = true)]
    public int SnapshotGenerated()
    {
        _buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(_buffer);
        var serializer = SmallStateStateSerializer.Instance;
        writer.WriteArrayHeader(_states.Length);
        foreach (var state in _states)
        {
            serializer.Serialize(ref writer, state);
        }

        writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>System.Text.Json source generation: all states into one reused buffer.</summary>
    [Benchmark]
    public int SnapshotSystemTextJson()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        JsonSerializer.Serialize(writer, _states, SmallStateJsonContext.Default.SmallStateArray);
        return _buffer.WrittenCount;
    }

    /// <summary>Generated MessagePack serializer: every state back from the bytes.</summary>
    [Benchmark]
    public int RestoreGenerated()
    {
        var reader = new MessagePackReader(_messagePack);
        var serializer = SmallStateStateSerializer.Instance;
        int count = reader.ReadArrayHeader();
        var states = new SmallState[count];
        for (int i = 0; i < count; i++)
        {
            states[i] = serializer.Deserialize(ref reader)!;
        }

        return states.Length;
    }

    /// <summary>System.Text.Json source generation: every state back from the bytes.</summary>
    [Benchmark]
    public int RestoreSystemTextJson() => JsonSerializer.Deserialize(_json, SmallStateJsonContext.Default.SmallStateArray)!.Length;
}
