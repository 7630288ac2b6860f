using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.Serialization;

/// <summary>The reader accepts every encoding of a type (not only the smallest) and names offset and expectation in errors.</summary>
public class MessagePackReaderTests
{
    [Theory]
    [InlineData("05", 5L)]
    [InlineData("7f", 127L)]
    [InlineData("ff", -1L)]
    [InlineData("e0", -32L)]
    [InlineData("cc05", 5L)]
    [InlineData("ccff", 255L)]
    [InlineData("cd0005", 5L)]
    [InlineData("ce00000005", 5L)]
    [InlineData("cf0000000000000005", 5L)]
    [InlineData("cf7fffffffffffffff", long.MaxValue)]
    [InlineData("d005", 5L)]
    [InlineData("d0fb", -5L)]
    [InlineData("d1fffb", -5L)]
    [InlineData("d2fffffffb", -5L)]
    [InlineData("d3fffffffffffffffb", -5L)]
    [InlineData("d30000000000000005", 5L)]
    [InlineData("d38000000000000000", long.MinValue)]
    public void ReadInt64_accepts_every_integer_format(string hex, long expected)
    {
        var reader = new MessagePackReader(Msg.Bytes(hex));
        Assert.Equal(expected, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void Narrow_reads_accept_wide_formats_whose_value_fits()
    {
        var reader = new MessagePackReader(Msg.Bytes("d30000000000000005 cf00000000000000ff d1ff80 d07f cd1234 ce7fffffff d280000000 cf00000000ffffffff cd20ac d005"));
        Assert.Equal(5, reader.ReadInt32());
        Assert.Equal(255, reader.ReadByte());
        Assert.Equal(-128, reader.ReadSByte());
        Assert.Equal(127, reader.ReadInt16());
        Assert.Equal(0x1234, reader.ReadUInt16());
        Assert.Equal(int.MaxValue, reader.ReadInt32());
        Assert.Equal(int.MinValue, reader.ReadInt32());
        Assert.Equal(uint.MaxValue, reader.ReadUInt32());
        Assert.Equal('€', reader.ReadChar());
        Assert.Equal(5UL, reader.ReadUInt64());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("cc80", "an SByte (integer -128..127)", "0xcc (uint 8) holding 128")]
    [InlineData("d0ff", "a Byte (integer 0..255)", "0xd0 (int 8) holding -1")]
    [InlineData("ce80000000", "an Int32", "0xce (uint 32) holding 2147483648")]
    [InlineData("ff", "a UInt64", "0xff (negative fixint) holding -1")]
    [InlineData("d3ffffffffffffffff", "a UInt32", "0xd3 (int 64) holding -1")]
    public void Integers_that_do_not_fit_name_the_value_and_the_target(string hex, string expected, string found)
    {
        var e = Msg.ReadError(Msg.Bytes("c0" + hex), (ref MessagePackReader r) =>
        {
            r.ReadNil();
            if (expected.StartsWith("an SByte")) r.ReadSByte();
            else if (expected.StartsWith("a Byte")) r.ReadByte();
            else if (expected.StartsWith("an Int32")) r.ReadInt32();
            else if (expected.StartsWith("a UInt64")) r.ReadUInt64();
            else r.ReadUInt32();
        });
        Assert.Contains("Expected " + expected, e.Message);
        Assert.Contains("at offset 1", e.Message);
        Assert.Contains(found, e.Message);
        Assert.Contains("does not fit", e.Message);
        Assert.Equal(1, e.Offset);
    }

    [Fact]
    public void UInt64_above_Int64_max_does_not_fit_Int64()
    {
        var e = Msg.ReadError(Msg.Bytes("cfffffffffffffffff"), (ref MessagePackReader r) => r.ReadInt64());
        Assert.Contains("holding 18446744073709551615, which does not fit", e.Message);

        var reader = new MessagePackReader(Msg.Bytes("cfffffffffffffffff"));
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
    }

    [Fact]
    public void A_failed_read_leaves_the_reader_at_the_value()
    {
        var reader = new MessagePackReader(Msg.Bytes("cd0100"));
        try
        {
            reader.ReadByte();
            Assert.Fail("256 must not fit a byte");
        }
        catch (MessagePackFormatException)
        {
        }

        Assert.Equal(0, reader.Position);
        Assert.Equal(256, reader.ReadInt32());
    }

    [Fact]
    public void ReadDouble_accepts_float32_float64_and_integers()
    {
        var reader = new MessagePackReader(Msg.Bytes("cb3ff8000000000000 ca3fc00000 05 d3fffffffffffffffb cfffffffffffffffff"));
        Assert.Equal(1.5, reader.ReadDouble());
        Assert.Equal(1.5, reader.ReadDouble());
        Assert.Equal(5.0, reader.ReadDouble());
        Assert.Equal(-5.0, reader.ReadDouble());
        Assert.Equal(18446744073709551615.0, reader.ReadDouble());
        Assert.True(reader.End);
    }

    [Fact]
    public void ReadSingle_accepts_float32_float64_and_integers()
    {
        var reader = new MessagePackReader(Msg.Bytes("ca3fc00000 cb3fb999999999999a d0fb"));
        Assert.Equal(1.5f, reader.ReadSingle());
        Assert.Equal(0.1f, reader.ReadSingle());
        Assert.Equal(-5f, reader.ReadSingle());
    }

    [Fact]
    public void Strings_binaries_and_nil()
    {
        var reader = new MessagePackReader(Msg.Bytes("a26869 d9026869 da00026869 db000000026869 c0 a0 c40101 c500020102 c600000001ff c0 c400"));
        Assert.Equal("hi", reader.ReadString());
        Assert.Equal("hi", reader.ReadString());
        Assert.Equal("hi", reader.ReadString());
        Assert.Equal("hi"u8.ToArray(), reader.ReadStringSpan().ToArray());
        Assert.Null(reader.ReadString());
        Assert.Equal(string.Empty, reader.ReadString());
        Assert.Equal([1], reader.ReadBinary().ToArray());
        Assert.Equal([1, 2], reader.ReadBytes());
        Assert.Equal([0xff], reader.ReadBytes());
        Assert.Null(reader.ReadBytes());
        Assert.Empty(reader.ReadBytes()!);
        Assert.True(reader.End);
    }

    [Fact]
    public void Nil_booleans_and_peeking()
    {
        var reader = new MessagePackReader(Msg.Bytes("c0 c3 c2 05"));
        Assert.Equal(MessagePackType.Nil, reader.PeekType());
        Assert.True(reader.TryReadNil());
        Assert.False(reader.TryReadNil());
        Assert.True(reader.ReadBoolean());
        Assert.False(reader.ReadBoolean());
        Assert.False(reader.TryReadNil());
        Assert.Equal(3, reader.Position);
        Assert.Equal(1, reader.Remaining);
        Assert.Equal(5, reader.ReadInt32());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("00", MessagePackType.Integer)]
    [InlineData("7f", MessagePackType.Integer)]
    [InlineData("e0", MessagePackType.Integer)]
    [InlineData("cc", MessagePackType.Integer)]
    [InlineData("d3", MessagePackType.Integer)]
    [InlineData("80", MessagePackType.Map)]
    [InlineData("de", MessagePackType.Map)]
    [InlineData("df", MessagePackType.Map)]
    [InlineData("90", MessagePackType.Array)]
    [InlineData("dc", MessagePackType.Array)]
    [InlineData("dd", MessagePackType.Array)]
    [InlineData("a0", MessagePackType.String)]
    [InlineData("d9", MessagePackType.String)]
    [InlineData("db", MessagePackType.String)]
    [InlineData("c0", MessagePackType.Nil)]
    [InlineData("c1", MessagePackType.Unknown)]
    [InlineData("c2", MessagePackType.Boolean)]
    [InlineData("c3", MessagePackType.Boolean)]
    [InlineData("c4", MessagePackType.Binary)]
    [InlineData("c6", MessagePackType.Binary)]
    [InlineData("c7", MessagePackType.Extension)]
    [InlineData("c9", MessagePackType.Extension)]
    [InlineData("d4", MessagePackType.Extension)]
    [InlineData("d8", MessagePackType.Extension)]
    [InlineData("ca", MessagePackType.Float)]
    [InlineData("cb", MessagePackType.Float)]
    public void PeekType_reports_the_family_of_every_format_byte(string hex, MessagePackType expected)
    {
        var reader = new MessagePackReader(Msg.Bytes(hex));
        Assert.Equal(expected, reader.PeekType());
        Assert.Equal(0, reader.Position);
    }

    [Fact]
    public void Headers_of_every_size()
    {
        var reader = new MessagePackReader(Msg.Bytes("92 dc0002 dd00000002 81 de0001 df00000001 0102 0304 0506 0708 0910 1112"));
        Assert.Equal(2, reader.ReadArrayHeader());
        Assert.Equal(2, reader.ReadArrayHeader());
        Assert.Equal(2, reader.ReadArrayHeader());
        Assert.Equal(1, reader.ReadMapHeader());
        Assert.Equal(1, reader.ReadMapHeader());
        Assert.Equal(1, reader.ReadMapHeader());
        Assert.Equal(12, reader.Remaining);
    }

    [Fact]
    public void Extensions_of_every_size()
    {
        byte[] data = Msg.Bytes("d40501 d5050102 d60501020304 d7050102030405060708 d805000102030405060708090a0b0c0d0e0f c70005 c7030501 0203 c800020501 02 c900000002050102");
        var reader = new MessagePackReader(data);
        int[] lengths = [1, 2, 4, 8, 16, 0, 3, 2, 2];
        foreach (int length in lengths)
        {
            var ext = reader.ReadExtension();
            Assert.Equal(5, ext.TypeCode);
            Assert.Equal(length, ext.Data.Length);
        }

        Assert.True(reader.End);

        reader = new MessagePackReader(Msg.Bytes("c703f6010203"));
        var header = reader.ReadExtensionHeader();
        Assert.Equal(new ExtensionHeader(-10, 3), header);
        Assert.Equal([1, 2, 3], reader.ReadRawBytes(3).ToArray());
    }

    [Theory]
    [InlineData("d6ff00000000", 0L, 0u)]
    [InlineData("d6ffffffffff", 4294967295L, 0u)]
    [InlineData("d7ff0000000400000001", 1L, 1u)]
    [InlineData("d7ffee6b27ffffffffff", 17179869183L, 999999999u)]
    [InlineData("c70cff000000000000000400000000", 17179869184L, 0u)]
    [InlineData("c70cff3b9ac9ffffffffffffffffff", -1L, 999999999u)]
    [InlineData("c70cff000000008000000000000000", long.MinValue, 0u)]
    public void Timestamps_in_all_three_forms(string hex, long seconds, uint nanoseconds)
    {
        var reader = new MessagePackReader(Msg.Bytes(hex));
        Assert.Equal(new MessagePackTimestamp(seconds, nanoseconds), reader.ReadTimestamp());
        Assert.True(reader.End);
    }

    [Fact]
    public void ReadDateTime_returns_utc_and_rejects_instants_outside_DateTime()
    {
        var reader = new MessagePackReader(Msg.Bytes("d6ff65e079f0"));
        var value = reader.ReadDateTime();
        Assert.Equal(new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);

        var e = Msg.ReadError(Msg.Bytes("c70cff000000007fffffffffffffff"), (ref MessagePackReader r) => r.ReadDateTime());
        Assert.Contains("within the range of DateTime", e.Message);
        Assert.Contains("offset 0", e.Message);
    }

    [Fact]
    public void Timestamp_errors_name_what_is_wrong()
    {
        var wrongType = Msg.ReadError(Msg.Bytes("d60500000000"), (ref MessagePackReader r) => r.ReadTimestamp());
        Assert.Contains("Expected a timestamp (ext type -1) at offset 0 but found 0xd6 (fixext 4) of ext type 5", wrongType.Message);

        var wrongLength = Msg.ReadError(Msg.Bytes("c703ff000000"), (ref MessagePackReader r) => r.ReadTimestamp());
        Assert.Contains("4, 8 or 12 byte payload", wrongLength.Message);
        Assert.Contains("with 3 bytes", wrongLength.Message);

        // timestamp 96 with nanoseconds 1000000000 (0x3b9aca00)
        var tooManyNanos = Msg.ReadError(Msg.Bytes("c70cff3b9aca000000000000000000"), (ref MessagePackReader r) => r.ReadTimestamp());
        Assert.Contains("at most 999999999 nanoseconds", tooManyNanos.Message);
        Assert.Contains("1000000000 nanoseconds", tooManyNanos.Message);

        var notExt = Msg.ReadError(Msg.Bytes("05"), (ref MessagePackReader r) => r.ReadTimestamp());
        Assert.Contains("Expected a timestamp (ext type -1) at offset 0 but found 0x05 (positive fixint)", notExt.Message);
    }

    [Fact]
    public void Wrong_type_names_expectation_byte_and_offset()
    {
        var e = Msg.ReadError(Msg.Bytes("92 01 a178"), (ref MessagePackReader r) =>
        {
            r.ReadArrayHeader();
            r.ReadInt64();
            r.ReadInt64();
        });
        Assert.Equal("Expected an Int64 (integer -9223372036854775808..9223372036854775807) at offset 2 but found 0xa1 (fixstr).", e.Message);
        Assert.Equal(2, e.Offset);

        Assert.Contains("Expected a str at offset 0 but found 0xc4 (bin 8)", Msg.ReadError(Msg.Bytes("c400"), (ref MessagePackReader r) => r.ReadString()).Message);
        Assert.Contains("Expected a bin at offset 0 but found 0xa0 (fixstr)", Msg.ReadError(Msg.Bytes("a0"), (ref MessagePackReader r) => r.ReadBytes()).Message);
        Assert.Contains("Expected a boolean at offset 0 but found 0xc0 (nil)", Msg.ReadError(Msg.Bytes("c0"), (ref MessagePackReader r) => r.ReadBoolean()).Message);
        Assert.Contains("Expected nil at offset 0 but found 0x00 (positive fixint)", Msg.ReadError(Msg.Bytes("00"), (ref MessagePackReader r) => r.ReadNil()).Message);
        Assert.Contains("Expected an array at offset 0 but found 0x80 (fixmap)", Msg.ReadError(Msg.Bytes("80"), (ref MessagePackReader r) => r.ReadArrayHeader()).Message);
        Assert.Contains("Expected a map at offset 0 but found 0x90 (fixarray)", Msg.ReadError(Msg.Bytes("90"), (ref MessagePackReader r) => r.ReadMapHeader()).Message);
        Assert.Contains("Expected an ext at offset 0 but found 0xc4 (bin 8)", Msg.ReadError(Msg.Bytes("c400"), (ref MessagePackReader r) => r.ReadExtension()).Message);
        Assert.Contains("Expected a Double (float or integer) at offset 0 but found 0xa0 (fixstr)", Msg.ReadError(Msg.Bytes("a0"), (ref MessagePackReader r) => r.ReadDouble()).Message);
        Assert.Contains("Expected an Int32 (integer -2147483648..2147483647) at offset 0 but found 0xcb (float 64)", Msg.ReadError(Msg.Bytes("cb3ff8000000000000"), (ref MessagePackReader r) => r.ReadInt32()).Message);
        Assert.Contains("Expected a value at offset 0 but found 0xc1 (never used)", Msg.ReadError(Msg.Bytes("c1"), (ref MessagePackReader r) => r.Skip()).Message);
    }

    [Theory]
    [InlineData("cd01", "an Int64", "0xcd (uint 16) truncated: it needs 3 bytes, only 2 remain")]
    [InlineData("cf000000", "an Int64", "0xcf (uint 64) truncated: it needs 9 bytes, only 4 remain")]
    [InlineData("d3", "an Int64", "0xd3 (int 64) truncated: it needs 9 bytes, only 1 remain")]
    [InlineData("a568656c", "a str", "0xa5 (fixstr) truncated: it needs 6 bytes, only 4 remain")]
    [InlineData("da00", "a str", "0xda (str 16) truncated: it needs 3 bytes, only 2 remain")]
    [InlineData("db0001000061", "a str", "0xdb (str 32) truncated: it needs 65541 bytes, only 6 remain")]
    [InlineData("c40301", "a bin", "0xc4 (bin 8) truncated: it needs 5 bytes, only 3 remain")]
    [InlineData("c6ffffffff", "a bin", "0xc6 (bin 32) truncated: it needs 4294967300 bytes, only 5 remain")]
    [InlineData("cb3ff8", "a Double", "0xcb (float 64) truncated: it needs 9 bytes, only 3 remain")]
    [InlineData("d7ff0000", "a timestamp", "0xd7 (fixext 8) truncated: it needs 10 bytes, only 4 remain")]
    [InlineData("c7", "a timestamp", "0xc7 (ext 8) truncated: it needs 2 bytes, only 1 remain")]
    [InlineData("93 01 02", "an array", "0x93 (fixarray) truncated: its elements need at least 3 more bytes, only 2 remain")]
    [InlineData("dd ffffffff 01", "an array", "0xdd (array 32) truncated: its elements need at least 4294967295 more bytes, only 1 remain")]
    [InlineData("82 01 02 03", "a map", "0x82 (fixmap) truncated: its elements need at least 4 more bytes, only 3 remain")]
    [InlineData("", "a value", "the end of the input (1 bytes)")]
    public void Truncated_input_names_offset_expectation_and_what_is_missing(string hex, string expected, string found)
    {
        // A leading nil puts every value at offset 1.
        byte[] data = Msg.Bytes("c0" + hex);
        var e = Msg.ReadError(data, (ref MessagePackReader r) =>
        {
            r.ReadNil();
            switch (expected)
            {
                case "an Int64": r.ReadInt64(); break;
                case "a str": r.ReadString(); break;
                case "a bin": r.ReadBinary(); break;
                case "a Double": r.ReadDouble(); break;
                case "a timestamp": r.ReadTimestamp(); break;
                case "an array": r.ReadArrayHeader(); break;
                case "a map": r.ReadMapHeader(); break;
                default: r.Skip(); break;
            }
        });
        Assert.StartsWith("Expected " + expected, e.Message);
        Assert.Contains(" at offset 1 but found " + found, e.Message);
        Assert.Equal(1, e.Offset);
    }

    [Fact]
    public void Invalid_utf8_is_a_format_error()
    {
        var e = Msg.ReadError(Msg.Bytes("c0 a3 61 c3 28"), (ref MessagePackReader r) =>
        {
            r.ReadNil();
            r.ReadString();
        });
        Assert.Contains("Expected valid UTF-8 in the str at offset 1", e.Message);
        Assert.Contains("C3", e.Message);
        Assert.IsType<System.Text.DecoderFallbackException>(e.InnerException);
    }

    [Fact]
    public void Reading_past_the_end_says_so()
    {
        var e = Msg.ReadError(Msg.Bytes("01"), (ref MessagePackReader r) =>
        {
            r.ReadInt32();
            r.ReadInt32();
        });
        Assert.Equal("Expected an Int32 (integer -2147483648..2147483647) at offset 1 but found the end of the input (1 bytes).", e.Message);
        Assert.Contains("offset 0", Msg.ReadError([], (ref MessagePackReader r) => r.PeekType()).Message);
        Assert.Contains("offset 0", Msg.ReadError([], (ref MessagePackReader r) => r.TryReadNil()).Message);
        Assert.Contains("raw bytes", Msg.ReadError([1], (ref MessagePackReader r) => r.ReadRawBytes(2)).Message);
    }

    [Fact]
    public void Reader_over_memory_reads_the_same()
    {
        ReadOnlyMemory<byte> memory = Msg.Bytes("00 2a 05").AsMemory(1);
        var reader = new MessagePackReader(memory);
        Assert.Equal(42, reader.ReadInt32());
        Assert.Equal(5, reader.ReadInt32());
        Assert.True(reader.End);
    }

    [Fact]
    public void Reading_numbers_does_not_allocate()
    {
        byte[] data = Msg.Write((ref MessagePackWriter w) =>
        {
            for (int i = 0; i < 100; i++)
            {
                w.Write(long.MinValue + i);
                w.Write(1.5 * i);
                w.Write("text that is only looked at");
                w.WriteTimestamp(new MessagePackTimestamp(-5, 7));
            }
        });

        long ReadAll()
        {
            var r = new MessagePackReader(data);
            long sum = 0;
            while (!r.End)
            {
                sum += r.ReadInt64();
                sum += (long)r.ReadDouble();
                sum += r.ReadStringSpan().Length;
                sum += r.ReadTimestamp().Seconds;
            }

            return sum;
        }

        Assert.Equal(0, Allocations.Least(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                ReadAll();
            }
        }));
    }
}
