using System.Text;
using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.Serialization;

/// <summary>What the writer writes, the reader reads back: at every boundary between two formats.</summary>
public class RoundTripBoundaryTests
{
    public static TheoryData<long> Int64Boundaries => new()
    {
        0, 1, 127, 128, 255, 256, 32767, 32768, 65535, 65536, int.MaxValue, 2147483648L, uint.MaxValue, 4294967296L, long.MaxValue,
        -1, -31, -32, -33, -127, -128, -129, -32767, -32768, -32769, -65536, int.MinValue, -2147483649L, long.MinValue,
    };

    [Theory]
    [MemberData(nameof(Int64Boundaries))]
    public void Int64_round_trips_at_every_format_boundary(long value)
    {
        byte[] bytes = Msg.Write((ref MessagePackWriter w) => w.Write(value));
        var reader = new MessagePackReader(bytes);
        Assert.Equal(value, reader.ReadInt64());
        Assert.True(reader.End);

        // Whichever narrower type holds the value reads it from the same bytes.
        reader = new MessagePackReader(bytes);
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Assert.Equal(value, reader.ReadInt32());
        }
        else
        {
            Assert.Throws<MessagePackFormatException>(() => new MessagePackReader(bytes).ReadInt32());
        }

        if (value >= 0)
        {
            Assert.Equal((ulong)value, new MessagePackReader(bytes).ReadUInt64());
        }
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(127UL)]
    [InlineData(128UL)]
    [InlineData(255UL)]
    [InlineData(256UL)]
    [InlineData(65535UL)]
    [InlineData(65536UL)]
    [InlineData(4294967295UL)]
    [InlineData(4294967296UL)]
    [InlineData(9223372036854775807UL)]
    [InlineData(9223372036854775808UL)]
    [InlineData(ulong.MaxValue)]
    public void UInt64_round_trips_at_every_format_boundary(ulong value)
    {
        var reader = new MessagePackReader(Msg.Write((ref MessagePackWriter w) => w.Write(value)));
        Assert.Equal(value, reader.ReadUInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void Every_narrow_integer_type_round_trips_its_extremes()
    {
        byte[] bytes = Msg.Write((ref MessagePackWriter w) =>
        {
            w.Write(byte.MinValue);
            w.Write(byte.MaxValue);
            w.Write(sbyte.MinValue);
            w.Write(sbyte.MaxValue);
            w.Write(short.MinValue);
            w.Write(short.MaxValue);
            w.Write(ushort.MinValue);
            w.Write(ushort.MaxValue);
            w.Write(int.MinValue);
            w.Write(int.MaxValue);
            w.Write(uint.MinValue);
            w.Write(uint.MaxValue);
            w.Write(char.MinValue);
            w.Write(char.MaxValue);
        });
        var r = new MessagePackReader(bytes);
        Assert.Equal(byte.MinValue, r.ReadByte());
        Assert.Equal(byte.MaxValue, r.ReadByte());
        Assert.Equal(sbyte.MinValue, r.ReadSByte());
        Assert.Equal(sbyte.MaxValue, r.ReadSByte());
        Assert.Equal(short.MinValue, r.ReadInt16());
        Assert.Equal(short.MaxValue, r.ReadInt16());
        Assert.Equal(ushort.MinValue, r.ReadUInt16());
        Assert.Equal(ushort.MaxValue, r.ReadUInt16());
        Assert.Equal(int.MinValue, r.ReadInt32());
        Assert.Equal(int.MaxValue, r.ReadInt32());
        Assert.Equal(uint.MinValue, r.ReadUInt32());
        Assert.Equal(uint.MaxValue, r.ReadUInt32());
        Assert.Equal(char.MinValue, r.ReadChar());
        Assert.Equal(char.MaxValue, r.ReadChar());
        Assert.True(r.End);
    }

    [Fact]
    public void Floats_round_trip_bit_for_bit()
    {
        double[] doubles = [0.0, -0.0, 0.1, -1.5e300, double.Epsilon, double.MaxValue, double.MinValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, Math.PI];
        float[] floats = [0f, -0f, 0.1f, float.Epsilon, float.MaxValue, float.MinValue, float.NaN, float.NegativeInfinity];
        byte[] bytes = Msg.Write((ref MessagePackWriter w) =>
        {
            foreach (double d in doubles)
            {
                w.Write(d);
            }

            foreach (float f in floats)
            {
                w.Write(f);
            }
        });
        var r = new MessagePackReader(bytes);
        foreach (double d in doubles)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(r.ReadDouble()));
        }

        foreach (float f in floats)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(f), BitConverter.SingleToInt32Bits(r.ReadSingle()));
        }

        Assert.True(r.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(200_000)]
    public void Strings_round_trip_at_every_utf8_length_boundary(int utf8Length)
    {
        foreach (string text in new[] { new string('q', utf8Length), Msg.MultiByteString(utf8Length) })
        {
            byte[] bytes = Msg.Write((ref MessagePackWriter w) =>
            {
                w.Write(text);
                w.WriteString(text.AsSpan());
            });
            var r = new MessagePackReader(bytes);
            Assert.Equal(text, r.ReadString());
            Assert.Equal(Encoding.UTF8.GetBytes(text), r.ReadStringSpan().ToArray());
            Assert.True(r.End);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void Binaries_round_trip_at_every_length_boundary(int length)
    {
        byte[] payload = Enumerable.Range(0, length).Select(i => (byte)(i * 31)).ToArray();
        var r = new MessagePackReader(Msg.Write((ref MessagePackWriter w) => w.WriteBinary(payload)));
        Assert.Equal(payload, r.ReadBytes());
        Assert.True(r.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void Arrays_and_maps_round_trip_at_every_count_boundary(int count)
    {
        byte[] bytes = Msg.Write((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(count);
            for (int i = 0; i < count; i++)
            {
                w.Write(i);
            }

            w.WriteMapHeader(count);
            for (int i = 0; i < count; i++)
            {
                w.Write(i);
                w.Write(-i);
            }
        });
        var r = new MessagePackReader(bytes);
        Assert.Equal(count, r.ReadArrayHeader());
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(i, r.ReadInt32());
        }

        Assert.Equal(count, r.ReadMapHeader());
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(i, r.ReadInt32());
            Assert.Equal(-i, r.ReadInt32());
        }

        Assert.True(r.End);

        // Skip passes over both as a whole.
        r = new MessagePackReader(bytes);
        r.Skip();
        r.Skip();
        Assert.True(r.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void Extensions_round_trip_at_every_length(int length)
    {
        byte[] payload = Enumerable.Range(0, length).Select(i => (byte)(i * 13)).ToArray();
        var r = new MessagePackReader(Msg.Write((ref MessagePackWriter w) => w.WriteExtension(-100, payload)));
        var ext = r.ReadExtension();
        Assert.Equal(-100, ext.TypeCode);
        Assert.Equal(payload, ext.Data.ToArray());
        Assert.True(r.End);
    }

    public static TheoryData<long, uint> Timestamps => new()
    {
        { 0, 0 }, { 1, 0 }, { uint.MaxValue, 0 }, { 4294967296L, 0 }, { 0, 1 }, { 1, 999_999_999 },
        { 17179869183L, 999_999_999 }, { 17179869184L, 0 }, { -1, 0 }, { -1, 999_999_999 },
        { -62135596800L, 0 }, { 253402300799L, 999_999_900 }, { long.MinValue, 0 }, { long.MaxValue, 999_999_999 },
    };

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void Timestamps_round_trip_in_all_forms(long seconds, uint nanoseconds)
    {
        var value = new MessagePackTimestamp(seconds, nanoseconds);
        var r = new MessagePackReader(Msg.Write((ref MessagePackWriter w) => w.WriteTimestamp(value)));
        Assert.Equal(value, r.ReadTimestamp());
        Assert.True(r.End);
    }

    [Fact]
    public void DateTimes_round_trip_to_the_tick_across_the_whole_range()
    {
        DateTime[] values =
        [
            DateTime.MinValue, DateTime.MaxValue, DateTime.UnixEpoch, DateTime.UnixEpoch.AddTicks(-1), DateTime.UnixEpoch.AddTicks(1),
            new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc).AddTicks(7891234),
            new DateTime(2514, 5, 30, 1, 53, 4, DateTimeKind.Utc), // 2^34 seconds: the first timestamp 96
            new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(3),
        ];
        foreach (var value in values)
        {
            var r = new MessagePackReader(Msg.Write((ref MessagePackWriter w) => w.WriteTimestamp(value)));
            var read = r.ReadDateTime();
            Assert.Equal(value.Ticks, read.Ticks);
            Assert.Equal(DateTimeKind.Utc, read.Kind);
        }

        var local = new DateTime(2024, 6, 1, 8, 0, 0, DateTimeKind.Local);
        var roundTripped = new MessagePackReader(Msg.Write((ref MessagePackWriter w) => w.WriteTimestamp(local))).ReadDateTime();
        Assert.Equal(local.ToUniversalTime(), roundTripped);
    }
}
