using System.Text;
using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.Serialization;

/// <summary>
/// The inline fast paths of the writer and reader (positive fixint, fix headers, short ASCII strings) produce and
/// accept exactly what the general paths do, also where a value meets the end of a block or of the input.
/// </summary>
public sealed class MessagePackFastPathTests
{
    /// <summary>ASCII, text that is ASCII but for its last char, and multi-byte text, of every short length.</summary>
    public static IEnumerable<string> ShortStrings()
    {
        for (int length = 0; length <= 40; length++)
        {
            string ascii = new string((char)('a' + (length % 26)), length);
            yield return ascii;
            yield return length == 0 ? "é" : ascii[..^1] + "é";
            yield return Msg.MultiByteString(length);
        }
    }

    [Fact]
    public void Short_strings_are_written_as_the_spec_says_wherever_they_fall_in_a_block()
    {
        var strings = ShortStrings().ToList();
        var expected = new List<byte>();
        var data = Msg.Write((ref MessagePackWriter w) =>
        {
            // Enough rounds, each shifted by one byte, that strings straddle every position of several blocks.
            for (int round = 0; round < 200; round++)
            {
                w.Write(round % 100);
                expected.Add((byte)(round % 100));
                foreach (string s in strings)
                {
                    w.Write(s);
                    expected.AddRange(StrBytes(s));
                }
            }
        });

        Assert.Equal(Msg.Hex(expected.ToArray()), Msg.Hex(data));
        var reader = new MessagePackReader(data);
        for (int round = 0; round < 200; round++)
        {
            Assert.Equal(round % 100, reader.ReadInt32());
            foreach (string s in strings)
            {
                Assert.Equal(s, reader.ReadString());
            }
        }

        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("82 01 02 03 04", true, 2)]
    [InlineData("82 01 02 03", true, -1)]
    [InlineData("93 01 02 03", false, 3)]
    [InlineData("93 01 02", false, -1)]
    [InlineData("80", true, 0)]
    [InlineData("90", false, 0)]
    public void Fix_headers_are_read_when_exactly_enough_bytes_remain_and_refused_with_one_less(string hex, bool map, int expected)
    {
        byte[] data = Msg.Bytes(hex);
        if (expected < 0)
        {
            var e = Msg.ReadError(data, (ref MessagePackReader r) => _ = map ? r.ReadMapHeader() : r.ReadArrayHeader());
            Assert.Contains("truncated: its elements need at least", e.Message);
            return;
        }

        var reader = new MessagePackReader(data);
        Assert.Equal(expected, map ? reader.ReadMapHeader() : reader.ReadArrayHeader());
        Assert.Equal(1, reader.Position);
    }

    [Theory]
    [InlineData("a3 61 62 63", "abc")]
    [InlineData("a0", "")]
    [InlineData("a2 c3 a9", "é")]
    [InlineData("bf 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Fixstr_reads_ascii_and_other_utf8_alike(string hex, string expected)
    {
        var reader = new MessagePackReader(Msg.Bytes(hex));
        Assert.Equal(expected, reader.ReadString());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(-1)]
    [InlineData(-32)]
    [InlineData(-33)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Integers_on_both_sides_of_the_fixint_range_round_trip_in_every_width(int value)
    {
        var data = Msg.Write((ref MessagePackWriter w) =>
        {
            w.Write(value);
            w.Write((long)value);
            if (value >= 0)
            {
                w.Write((ulong)value);
            }
        });

        var reader = new MessagePackReader(data);
        Assert.Equal(value, reader.ReadInt32());
        Assert.Equal(value, reader.ReadInt64());
        if (value >= 0)
        {
            Assert.Equal((ulong)value, reader.ReadUInt64());
        }

        Assert.True(reader.End);
    }

    /// <summary>A str as the specification encodes it: the smallest header for the UTF-8 length, then the bytes.</summary>
    private static byte[] StrBytes(string s)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(s);
        byte[] header = utf8.Length switch
        {
            <= 31 => [(byte)(0xa0 | utf8.Length)],
            <= 255 => [0xd9, (byte)utf8.Length],
            _ => throw new ArgumentOutOfRangeException(nameof(s), utf8.Length, "Only short strings are expected here."),
        };
        return [.. header, .. utf8];
    }
}
