using System.Buffers;
using FlinkSdk.DataStream;
using FlinkSdk.Serialization;
using FlinkSdk.State;
using FlinkSdk.Tests.State;

namespace FlinkSdk.Tests.Serialization;

/// <summary>
/// Writing primitive fields through generated serializers allocates nothing: neither a <c>[SnapshotType]</c>'s
/// serializer nor the keyed snapshot of a <c>[StatefulOperator]</c>'s members, whose allocation does not grow with
/// the number of keys.
/// </summary>
public sealed class GeneratedSerializerAllocationTests
{
    [Fact]
    public void Writing_primitive_fields_through_a_generated_serializer_into_a_presized_buffer_does_not_allocate()
    {
        // Every integer width and sign, so each encoding path of the writer is taken.
        var readings = Enumerable.Range(0, 10_000).Select(i => new PrimitiveReading
        {
            Id = i * 1_000_003L,
            Delta = -i * 7919L,
            Small = i % 200,
            Ratio = i / 3.0,
            Flag = i % 2 == 0,
            Code = (char)('a' + (i % 26)),
            Wide = (ulong)i << (i % 60),
        }).ToArray();
        var buffer = new ArrayBufferWriter<byte>(readings.Length * 64);

        long allocated = Allocations.Least(() => WriteAll(readings, buffer));

        Assert.Equal(0, allocated);
        var reader = new MessagePackReader(buffer.WrittenSpan);
        foreach (var expected in readings)
        {
            Assert.Equal(expected, PrimitiveReadingStateSerializer.Instance.Deserialize(ref reader));
        }

        Assert.True(reader.End);
    }

    [Fact]
    public void The_keyed_snapshot_of_generated_primitive_state_allocates_the_same_for_1_000_and_100_000_keys()
    {
        var (small, smallBytes) = SnapshotAllocation(1_000);
        var (large, largeBytes) = SnapshotAllocation(100_000);

        // A few enumerators and closures per snapshot, nothing per key or field.
        Assert.Equal(small, large);
        Assert.InRange(small, 0, 1024);
        Assert.True(largeBytes > 50 * smallBytes, $"the larger snapshot holds the larger state: {smallBytes} and {largeBytes} bytes");
    }

    private static void WriteAll(PrimitiveReading[] readings, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(buffer);
        foreach (var reading in readings)
        {
            PrimitiveReadingStateSerializer.Instance.Serialize(ref writer, reading);
        }

        writer.Flush();
    }

    /// <summary>
    /// Stores state for <paramref name="keys"/> keys through the generated keyed-state glue, takes a snapshot and
    /// writes it into a buffer large enough for it; returns the bytes allocated by that write and its length.
    /// </summary>
    private static (long Allocated, int Written) SnapshotAllocation(int keys)
    {
        var backend = StateSnapshots.NewKeyedBackend();
        PrimitiveCounter.Fill(backend, keys);

        var buffer = new ArrayBufferWriter<byte>(keys * 64);
        var snapshot = backend.TakeSnapshot();
        try
        {
            long allocated = Allocations.Least(() => Write(snapshot, buffer));
            return (allocated, buffer.WrittenCount);
        }
        finally
        {
            snapshot.Release();
        }
    }

    private static void Write(HeapKeyedStateBackend<string>.Snapshot snapshot, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        var writer = new MessagePackWriter(buffer);
        snapshot.Write(ref writer);
        writer.Flush();
    }
}

/// <summary>A snapshot type of primitive members only.</summary>
[SnapshotType]
public sealed record PrimitiveReading
{
    /// <summary>Large positive.</summary>
    [Key(0)]
    public long Id { get; init; }

    /// <summary>Negative.</summary>
    [Key(1)]
    public long Delta { get; init; }

    /// <summary>Fixint or uint 8.</summary>
    [Key(2)]
    public int Small { get; init; }

    /// <summary>Float 64.</summary>
    [Key(3)]
    public double Ratio { get; init; }

    /// <summary>Boolean.</summary>
    [Key(4)]
    public bool Flag { get; init; }

    /// <summary>A UTF-16 code unit.</summary>
    [Key(5)]
    public char Code { get; init; }

    /// <summary>Up to uint 64.</summary>
    [Key(6)]
    public ulong Wide { get; init; }
}
