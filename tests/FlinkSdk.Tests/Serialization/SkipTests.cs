using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.Serialization;

/// <summary>Skip passes over any value whole, so readers can ignore fields they do not know.</summary>
public class SkipTests
{
    private static readonly int[] ExtensionLengths = [1, 2, 4, 8, 16, 0, 3, 300, 70000];

    private static byte[] EveryKindOfValue() => Msg.Write((ref MessagePackWriter w) =>
    {
        w.WriteNil();
        w.Write(true);
        w.Write(5);
        w.Write(-5);
        w.Write(200);
        w.Write(-200);
        w.Write(70000);
        w.Write(-70000);
        w.Write(long.MaxValue);
        w.Write(long.MinValue);
        w.Write(1.5f);
        w.Write(1.5);
        w.Write("short");
        w.Write(new string('s', 40));
        w.Write(new string('s', 300));
        w.Write(new string('s', 70000));
        w.WriteBinary(new byte[3]);
        w.WriteBinary(new byte[300]);
        w.WriteBinary(new byte[70000]);
        foreach (int length in ExtensionLengths)
        {
            w.WriteExtension(9, new byte[length]);
        }

        w.WriteTimestamp(new MessagePackTimestamp(1, 0));
        w.WriteTimestamp(new MessagePackTimestamp(1, 1));
        w.WriteTimestamp(new MessagePackTimestamp(-1, 1));

        // array 16 of maps holding arrays holding maps
        w.WriteArrayHeader(20);
        for (int i = 0; i < 20; i++)
        {
            w.WriteMapHeader(2);
            w.Write(i);
            w.WriteArrayHeader(3);
            w.Write("x");
            w.WriteMapHeader(1);
            w.Write("deep");
            w.WriteArrayHeader(0);
            w.WriteNil();
            w.Write("k");
            w.WriteMapHeader(17);
            for (int k = 0; k < 17; k++)
            {
                w.Write(k);
                w.WriteExtension(1, [1, 2]);
            }
        }

        w.WriteArrayHeader(70000);
        for (int i = 0; i < 70000; i++)
        {
            w.Write(i);
        }

        w.WriteMapHeader(70000);
        for (int i = 0; i < 70000; i++)
        {
            w.Write(i);
            w.WriteNil();
        }
    });

    [Fact]
    public void Skip_passes_over_every_kind_of_value_to_the_one_after_it()
    {
        byte[] values = EveryKindOfValue();
        byte[] data = [.. values, .. Msg.Write((ref MessagePackWriter w) => w.Write("sentinel"))];

        var reader = new MessagePackReader(data);
        int count = 0;
        while (reader.Position < values.Length)
        {
            reader.Skip();
            count++;
        }

        // 12 scalars, 4 str, 3 bin, 9 ext, 3 timestamps, 3 containers.
        const int expectedKinds = 12 + 4 + 3 + 9 + 3 + 3;
        Assert.Equal(expectedKinds, count);
        Assert.Equal(values.Length, reader.Position);
        Assert.Equal("sentinel", reader.ReadString());
        Assert.True(reader.End);
    }

    [Fact]
    public void ReadRaw_returns_exactly_the_bytes_of_one_value()
    {
        byte[] nested = Msg.Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(2);
            w.Write(1);
            w.WriteArrayHeader(2);
            w.Write("a");
            w.WriteTimestamp(new MessagePackTimestamp(-7, 3));
            w.Write(2);
            w.WriteBinary([1, 2, 3]);
        });
        byte[] data = [.. nested, 0x07];
        var reader = new MessagePackReader(data);
        Assert.Equal(nested, reader.ReadRaw().ToArray());
        Assert.Equal(7, reader.ReadInt32());
    }

    [Fact]
    public void Skip_survives_hostile_nesting_without_recursion()
    {
        // 200,000 nested one-element arrays: a recursive skip would overflow the stack.
        const int depth = 200_000;
        byte[] data = new byte[depth + 1];
        data.AsSpan(0, depth).Fill(0x91);
        data[depth] = 0x2a;
        var reader = new MessagePackReader(data);
        reader.Skip();
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("92 01", "Expected a value at offset 0 but found 0x92 (fixarray) truncated: its elements need at least 2 more bytes, only 1 remain.")]
    [InlineData("91 92 01", "Expected a value at offset 1 but found 0x92 (fixarray) truncated: its elements need at least 2 more bytes, only 1 remain.")]
    [InlineData("81 a1 6b 92 01 c4 05 0102", "Expected a value at offset 5 but found 0xc4 (bin 8) truncated: it needs 7 bytes, only 4 remain.")]
    [InlineData("92 01 02 03", null)]
    [InlineData("91 c7 02 05 01", "Expected a value at offset 1 but found 0xc7 (ext 8) truncated: it needs 5 bytes, only 4 remain.")]
    [InlineData("93 01 02 c1", "Expected a value at offset 3 but found 0xc1 (never used).")]
    [InlineData("91 91 91", "Expected a value at offset 2 but found 0x91 (fixarray) truncated: its elements need at least 1 more bytes, only 0 remain.")]
    [InlineData("", "Expected a value at offset 0 but found the end of the input (0 bytes).")]
    [InlineData("df ffffffff 01 02", "Expected a value at offset 0 but found 0xdf (map 32) truncated: its elements need at least 8589934590 more bytes, only 2 remain.")]
    public void Skip_reports_where_a_nested_value_is_truncated_or_malformed(string hex, string? message)
    {
        byte[] data = Msg.Bytes(hex);
        if (message is null)
        {
            // Well-formed with a trailing value: skip stops after the first one.
            var reader = new MessagePackReader(data);
            reader.Skip();
            Assert.Equal(3, reader.Position);
            return;
        }

        var e = Msg.ReadError(data, (ref MessagePackReader r) => r.Skip());
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_failed_skip_leaves_the_reader_where_it_was()
    {
        var reader = new MessagePackReader(Msg.Bytes("01 92 01"));
        reader.ReadInt32();
        bool failed = false;
        try
        {
            reader.Skip();
        }
        catch (MessagePackFormatException)
        {
            failed = true;
        }

        Assert.True(failed);
        Assert.Equal(1, reader.Position);
    }
}
