using System.Buffers;
using System.Text;
using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.Serialization;

/// <summary>Every format the writer emits, against the exact bytes of the MessagePack specification.</summary>
public class MessagePackWriterTests
{
    [Fact]
    public void Nil_and_booleans_are_single_bytes()
    {
        Assert.Equal("c0", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteNil())));
        Assert.Equal("c2", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(false))));
        Assert.Equal("c3", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(true))));
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(1L, "01")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(2147483647L, "ce7fffffff")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(long.MaxValue, "cf7fffffffffffffff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void Int64_takes_the_smallest_integer_format(long value, string hex)
    {
        Assert.Equal(hex, Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(value))));
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "cc80")]
    [InlineData(255UL, "ccff")]
    [InlineData(256UL, "cd0100")]
    [InlineData(65535UL, "cdffff")]
    [InlineData(65536UL, "ce00010000")]
    [InlineData(4294967295UL, "ceffffffff")]
    [InlineData(4294967296UL, "cf0000000100000000")]
    [InlineData(9223372036854775808UL, "cf8000000000000000")]
    [InlineData(ulong.MaxValue, "cfffffffffffffffff")]
    public void UInt64_takes_the_smallest_unsigned_format(ulong value, string hex)
    {
        Assert.Equal(hex, Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(value))));
    }

    [Fact]
    public void Narrow_integer_overloads_pick_the_smallest_format_by_value_not_by_type()
    {
        Assert.Equal("05", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write((byte)5))));
        Assert.Equal("ccc8", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write((byte)200))));
        Assert.Equal("fb", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write((sbyte)-5))));
        Assert.Equal("d080", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(sbyte.MinValue))));
        Assert.Equal("7f", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write((short)127))));
        Assert.Equal("cd012c", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write((short)300))));
        Assert.Equal("d18000", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(short.MinValue))));
        Assert.Equal("cdffff", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(ushort.MaxValue))));
        Assert.Equal("41", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write('A'))));
        Assert.Equal("cd20ac", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write('€'))));
        Assert.Equal("00", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(0))));
        Assert.Equal("ce7fffffff", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(int.MaxValue))));
        Assert.Equal("d280000000", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(int.MinValue))));
        Assert.Equal("ceffffffff", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(uint.MaxValue))));
    }

    [Fact]
    public void Floats_keep_their_width()
    {
        Assert.Equal("ca3fc00000", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(1.5f))));
        Assert.Equal("cb3ff8000000000000", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(1.5))));
        Assert.Equal("cb0000000000000000", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(0.0))));
        Assert.Equal("cb8000000000000000", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(-0.0))));
        Assert.Equal("cb7ff0000000000000", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(double.PositiveInfinity))));
        Assert.Equal("ca7f800000", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(float.PositiveInfinity))));
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(1, "a1")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    [InlineData(70000, "db00011170")]
    public void Str_header_is_the_smallest_for_the_utf8_length(int utf8Length, string header)
    {
        foreach (string text in new[] { new string('x', utf8Length), Msg.MultiByteString(utf8Length) })
        {
            Assert.Equal(utf8Length, Encoding.UTF8.GetByteCount(text));
            byte[] bytes = Msg.Write((ref MessagePackWriter w) => w.Write(text));
            Assert.Equal(header, Msg.Hex(bytes.AsSpan(0, header.Length / 2)));
            Assert.Equal(Encoding.UTF8.GetBytes(text), bytes[(header.Length / 2)..]);
        }
    }

    [Fact]
    public void Str_uses_utf8()
    {
        Assert.Equal("a26869", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write("hi"))));
        Assert.Equal("a2c3a9", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write("é"))));
        Assert.Equal("a3e282ac", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write("€"))));
        Assert.Equal("a4f09f9880", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write("😀"))));
        Assert.Equal("c0", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write((string?)null))));
        Assert.Equal("a26869", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteString("hi!".AsSpan(0, 2)))));
        Assert.Equal("a26869", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteUtf8String("hi"u8))));
    }

    [Fact]
    public void Str_header_shrinks_when_text_is_shorter_in_utf8_than_its_reserved_bound()
    {
        // 11 chars could need 33 bytes (str 8); as ASCII they are 11 (fixstr), as '€' exactly 33 (str 8).
        Assert.Equal("ab", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(new string('a', 11))).AsSpan(0, 1)));
        Assert.Equal("d921", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(new string('€', 11))).AsSpan(0, 2)));

        // 21845 '€' are exactly 65535 bytes (str 16, the last length encoded in one pass); one more needs str 32.
        Assert.Equal("daffff", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(new string('€', 21845))).AsSpan(0, 3)));
        Assert.Equal("db00010002", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.Write(new string('€', 21846))).AsSpan(0, 5)));
    }

    [Fact]
    public void Str_rejects_unpaired_surrogates_instead_of_changing_the_text()
    {
        var e = Assert.Throws<ArgumentException>(() => Msg.Write((ref MessagePackWriter w) => w.Write("ab\ud800c")));
        Assert.Contains("unpaired surrogate at index 2", e.Message);
    }

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(1, "c401")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65535, "c5ffff")]
    [InlineData(65536, "c600010000")]
    public void Bin_header_is_the_smallest_for_the_length(int length, string header)
    {
        byte[] payload = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        byte[] bytes = Msg.Write((ref MessagePackWriter w) => w.WriteBinary(payload));
        Assert.Equal(header, Msg.Hex(bytes.AsSpan(0, header.Length / 2)));
        Assert.Equal(payload, bytes[(header.Length / 2)..]);
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(1, "91", "81")]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65535, "dcffff", "deffff")]
    [InlineData(65536, "dd00010000", "df00010000")]
    [InlineData(int.MaxValue, "dd7fffffff", "df7fffffff")]
    public void Array_and_map_headers_are_the_smallest_for_the_count(int count, string arrayHex, string mapHex)
    {
        Assert.Equal(arrayHex, Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteArrayHeader(count))));
        Assert.Equal(mapHex, Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteMapHeader(count))));
    }

    [Theory]
    [InlineData(1, "d42a")]
    [InlineData(2, "d52a")]
    [InlineData(4, "d62a")]
    [InlineData(8, "d72a")]
    [InlineData(16, "d82a")]
    [InlineData(0, "c7002a")]
    [InlineData(3, "c7032a")]
    [InlineData(17, "c7112a")]
    [InlineData(255, "c7ff2a")]
    [InlineData(256, "c801002a")]
    [InlineData(65535, "c8ffff2a")]
    [InlineData(65536, "c9000100002a")]
    public void Ext_uses_fixext_for_1_2_4_8_16_bytes_and_the_smallest_ext_otherwise(int length, string header)
    {
        byte[] payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        byte[] bytes = Msg.Write((ref MessagePackWriter w) => w.WriteExtension(42, payload));
        Assert.Equal(header, Msg.Hex(bytes.AsSpan(0, header.Length / 2)));
        Assert.Equal(payload, bytes[(header.Length / 2)..]);
    }

    [Fact]
    public void Ext_type_code_is_written_as_a_signed_byte()
    {
        Assert.Equal("d4ff01", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteExtension(-1, [1]))));
        Assert.Equal("d48001", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteExtension(sbyte.MinValue, [1]))));
    }

    [Theory]
    [InlineData(0L, 0u, "d6ff00000000")] // timestamp 32
    [InlineData(1L, 0u, "d6ff00000001")]
    [InlineData(4294967295L, 0u, "d6ffffffffff")]
    [InlineData(4294967296L, 0u, "d7ff0000000100000000")] // seconds beyond 32 bits: timestamp 64
    [InlineData(1L, 1u, "d7ff0000000400000001")] // nanoseconds: timestamp 64, nsec << 34 | sec
    [InlineData(17179869183L, 999999999u, "d7ffee6b27ffffffffff")] // the largest timestamp 64
    [InlineData(17179869184L, 0u, "c70cff000000000000000400000000")] // seconds beyond 34 bits: timestamp 96
    [InlineData(-1L, 0u, "c70cff00000000ffffffffffffffff")] // before 1970: timestamp 96
    [InlineData(-1L, 999999999u, "c70cff3b9ac9ffffffffffffffffff")]
    public void Timestamp_takes_the_smallest_of_its_32_64_and_96_bit_forms(long seconds, uint nanoseconds, string hex)
    {
        Assert.Equal(hex, Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteTimestamp(new MessagePackTimestamp(seconds, nanoseconds)))));
    }

    [Fact]
    public void DateTime_timestamps_are_exact_to_the_tick()
    {
        // 2024-02-29T12:34:56.7891234Z = 1709210096 s (0x65e079f0) + 789123400 ns: (ns << 34) | s = 0xbc24452065e079f0.
        var value = new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc).AddTicks(7891234);
        Assert.Equal("d7ffbc24452065e079f0", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteTimestamp(value))));

        // Whole seconds fit timestamp 32.
        Assert.Equal("d6ff65e079f0", Msg.Hex(Msg.Write((ref MessagePackWriter w) => w.WriteTimestamp(new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc)))));
    }

    [Fact]
    public void Raw_bytes_and_headers_compose_into_values()
    {
        byte[] bytes = Msg.Write((ref MessagePackWriter w) =>
        {
            w.WriteStringHeader(2);
            w.WriteRaw("hi"u8);
            w.WriteBinaryHeader(1);
            w.WriteRaw([9]);
            w.WriteExtensionHeader(3, 2);
            w.WriteRaw([1, 2]);
            w.WriteRaw([]);
        });
        Assert.Equal("a26869c40109d5030102", Msg.Hex(bytes));
    }

    [Fact]
    public void Negative_lengths_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Msg.Write((ref MessagePackWriter w) => w.WriteArrayHeader(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Msg.Write((ref MessagePackWriter w) => w.WriteMapHeader(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Msg.Write((ref MessagePackWriter w) => w.WriteBinaryHeader(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Msg.Write((ref MessagePackWriter w) => w.WriteStringHeader(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Msg.Write((ref MessagePackWriter w) => w.WriteExtensionHeader(1, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackTimestamp(0, 1_000_000_000));
    }

    [Fact]
    public void Writing_to_a_reused_buffer_does_not_allocate()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        const string text = "héllo wörld, a string long enough for str 8 😀";
        byte[] blob = new byte[300];
        var stamp = new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc).AddTicks(1);

        void WriteAll()
        {
            buffer.ResetWrittenCount();
            var w = new MessagePackWriter(buffer);
            w.WriteMapHeader(20);
            for (int i = 0; i < 20; i++)
            {
                w.Write(i);
                w.WriteArrayHeader(12);
                w.Write(long.MinValue + i);
                w.Write(ulong.MaxValue - (ulong)i);
                w.Write(-33 - i);
                w.Write(1.5 * i);
                w.Write(0.25f * i);
                w.Write(text);
                w.WriteString(text.AsSpan(0, 5));
                w.WriteBinary(blob);
                w.WriteTimestamp(stamp);
                w.WriteExtension(7, blob.AsSpan(0, 8));
                w.WriteNil();
                w.Write(i % 2 == 0);
            }

            w.Flush();
        }

        Assert.Equal(0, Allocations.Least(() =>
        {
            for (int round = 0; round < 100; round++)
            {
                WriteAll();
            }
        }));
    }

    [Fact]
    public void Bytes_reach_the_output_in_blocks_and_at_flush()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.Write(1);
        Assert.Equal(0, buffer.WrittenCount); // still in the writer's block

        writer.Flush();
        Assert.Equal("01", Msg.Hex(buffer.WrittenSpan));

        writer.Flush(); // nothing new: idempotent
        writer.Write(2);
        writer.Flush();
        Assert.Equal("0102", Msg.Hex(buffer.WrittenSpan));
    }

    [Fact]
    public void Values_across_many_blocks_and_large_raw_payloads_keep_their_order()
    {
        // Small values fill several blocks; large payloads bypass the block; all must come out in order.
        byte[] large = new byte[10_000];
        for (int i = 0; i < large.Length; i++)
        {
            large[i] = (byte)(i * 7);
        }

        var data = Msg.Write((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(20_002);
            for (int i = 0; i < 10_000; i++)
            {
                w.Write(i);
            }

            w.WriteBinary(large);
            w.WriteString(new string('x', 70_000));
            for (int i = 0; i < 10_000; i++)
            {
                w.Write(-i - 1_000);
            }
        });

        var reader = new MessagePackReader(data);
        Assert.Equal(20_002, reader.ReadArrayHeader());
        for (int i = 0; i < 10_000; i++)
        {
            Assert.Equal(i, reader.ReadInt32());
        }

        Assert.Equal(large, reader.ReadBytes());
        Assert.Equal(new string('x', 70_000), reader.ReadString());
        for (int i = 0; i < 10_000; i++)
        {
            Assert.Equal(-i - 1_000, reader.ReadInt32());
        }

        Assert.Equal(0, reader.Remaining);
    }
}
