using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.Serialization;

/// <summary>
/// Our writer and reader against an independent implementation, the npm package @msgpack/msgpack (pinned in
/// tests/msgpack-interop): it decodes what we write to the expected values, we read what it writes, and for the
/// same data both write the same bytes. Needs Node.js and npm; runs `npm ci` there when node_modules is missing.
/// </summary>
public sealed class MsgPackInteropTests
{
    private static readonly string LongText = string.Concat(Enumerable.Repeat("ünïcödé € 😀 state ", 4000));
    private static readonly byte[] Blob = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
    private static readonly long[] Integers = [0, 127, 128, 255, 256, 65535, 65536, -1, -32, -33, -128, -129, -32768, -32769, int.MaxValue, 4294967295];
    private static readonly double[] Doubles = [0.1, -1.5e300, double.Epsilon, Math.PI, 1e21];
    private static readonly DateTime[] Instants =
    [
        DateTime.UnixEpoch,
        new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc).AddTicks(7891234),
        DateTime.UnixEpoch.AddTicks(-1),
        DateTime.MinValue,
        DateTime.MaxValue,
        DateTime.UnixEpoch.AddSeconds(4294967295),
        DateTime.UnixEpoch.AddSeconds(17179869184),
    ];

    private const int KeyGroups = 16;
    private const int BigArrayLength = 70000;

    /// <summary>
    /// The reference payload as marker JSON (tests/msgpack-interop/json-markers.mjs): a state-like map keyed by field
    /// ids. @ placeholders stand for values too long to spell out.
    /// </summary>
    private const string ReferenceJsonTemplate = """
        {"$map": [
          [1, "word-count"],
          [2, {"$map": [
            [1, {"$int": "9223372036854775807"}],
            [2, {"$int": "-9223372036854775808"}],
            [3, {"$int": "18446744073709551615"}],
            [4, -2147483648],
            [5, 4294967295],
            [6, {"$int": "4294967296"}],
            [7, {"$int": "-2147483649"}]
          ]}],
          [3, [0, 127, 128, 255, 256, 65535, 65536, -1, -32, -33, -128, -129, -32768, -32769, 2147483647, 4294967295]],
          [4, {"$bin": "@BLOB@"}],
          [5, [0.1, -1.5e300, 5e-324, 3.141592653589793, 1e21]],
          [6, [
            {"$timestamp": {"sec": 0, "nsec": 0}},
            {"$timestamp": {"sec": 1709210096, "nsec": 789123400}},
            {"$timestamp": {"sec": -1, "nsec": 999999900}},
            {"$timestamp": {"sec": -62135596800, "nsec": 0}},
            {"$timestamp": {"sec": 253402300799, "nsec": 999999900}},
            {"$timestamp": {"sec": 4294967295, "nsec": 0}},
            {"$timestamp": {"sec": 17179869184, "nsec": 0}}
          ]],
          [7, {"héllo wörld 😀": "ünïcödé €", "empty": "", "nil": null, "flags": [true, false]}],
          [8, {"$ext": {"type": 42, "data": "AQID"}}],
          [-5, "negative key"],
          [9, "@LONG_TEXT@"],
          [10, @BIG_ARRAY@],
          [11, {"$map": @KEY_GROUPS@}]
        ]}
        """;

    [Fact]
    public void Msgpack_js_decodes_what_our_writer_wrote_to_the_expected_values()
    {
        string decoded = MsgPackJs.Decode(Msg.Write(WritePayload));

        MsgPackJs.AssertSameJson(ReferenceJson(), decoded);
    }

    [Fact]
    public void Msgpack_js_decodes_float32_and_application_extensions_we_wrote()
    {
        byte[] ours = Msg.Write((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(7);
            w.Write(1.5f);
            w.Write(0.1f);
            w.Write(float.NaN);
            w.Write(double.NegativeInfinity);
            w.WriteExtension(-128, []);
            w.WriteExtension(127, new byte[16]);
            w.WriteExtension(1, new byte[70000]);
        });
        string decoded = MsgPackJs.Decode(ours);

        string zeros70000 = Convert.ToBase64String(new byte[70000]);
        MsgPackJs.AssertSameJson(
            $$$"""
            [1.5, 0.10000000149011612, {"$float": "NaN"}, {"$float": "-Infinity"},
             {"$ext": {"type": -128, "data": ""}}, {"$ext": {"type": 127, "data": "AAAAAAAAAAAAAAAAAAAAAA=="}},
             {"$ext": {"type": 1, "data": "{{{zeros70000}}}"}}]
            """,
            decoded);
    }

    [Fact]
    public void Our_reader_reads_what_msgpack_js_wrote_and_both_write_the_same_bytes()
    {
        byte[] theirs = MsgPackJs.Encode(ReferenceJson());

        var reader = new MessagePackReader(theirs);
        ReadAndAssertPayload(ref reader);
        Assert.True(reader.End, $"{reader.Remaining} bytes left after the payload");

        // Both choose the smallest encoding everywhere, so the bytes agree exactly.
        byte[] ours = Msg.Write(WritePayload);
        Assert.Equal(ours.Length, theirs.Length);
        int firstDifference = ours.AsSpan().CommonPrefixLength(theirs);
        Assert.True(firstDifference == ours.Length, $"first difference at offset {firstDifference}");

        // Skip passes over their whole payload in one step.
        var skipper = new MessagePackReader(theirs);
        skipper.Skip();
        Assert.True(skipper.End);
    }

    private static void WritePayload(ref MessagePackWriter w)
    {
        w.WriteMapHeader(12);
        w.Write(1);
        w.Write("word-count");

        w.Write(2);
        w.WriteMapHeader(7);
        w.Write(1);
        w.Write(long.MaxValue);
        w.Write(2);
        w.Write(long.MinValue);
        w.Write(3);
        w.Write(ulong.MaxValue);
        w.Write(4);
        w.Write(int.MinValue);
        w.Write(5);
        w.Write(uint.MaxValue);
        w.Write(6);
        w.Write(4294967296L);
        w.Write(7);
        w.Write(-2147483649L);

        w.Write(3);
        w.WriteArrayHeader(Integers.Length);
        foreach (long value in Integers)
        {
            w.Write(value);
        }

        w.Write(4);
        w.WriteBinary(Blob);

        w.Write(5);
        w.WriteArrayHeader(Doubles.Length);
        foreach (double value in Doubles)
        {
            w.Write(value);
        }

        w.Write(6);
        w.WriteArrayHeader(Instants.Length);
        foreach (var instant in Instants)
        {
            w.WriteTimestamp(instant);
        }

        w.Write(7);
        w.WriteMapHeader(4);
        w.Write("héllo wörld 😀");
        w.Write("ünïcödé €");
        w.Write("empty");
        w.Write(string.Empty);
        w.Write("nil");
        w.WriteNil();
        w.Write("flags");
        w.WriteArrayHeader(2);
        w.Write(true);
        w.Write(false);

        w.Write(8);
        w.WriteExtension(42, [1, 2, 3]);

        w.Write(-5);
        w.Write("negative key");

        w.Write(9);
        w.Write(LongText);

        w.Write(10);
        w.WriteArrayHeader(BigArrayLength);
        for (int i = 0; i < BigArrayLength; i++)
        {
            w.Write(BigArrayItem(i));
        }

        // Keyed state per key group: group -> {1: word, 2: count}.
        w.Write(11);
        w.WriteMapHeader(KeyGroups);
        for (int group = 0; group < KeyGroups; group++)
        {
            w.Write(group);
            w.WriteMapHeader(2);
            w.Write(1);
            w.Write("w" + group);
            w.Write(2);
            w.Write(KeyGroupCount(group));
        }
    }

    private static void ReadAndAssertPayload(ref MessagePackReader r)
    {
        Assert.Equal(12, r.ReadMapHeader());
        Assert.Equal(1, r.ReadInt32());
        Assert.Equal("word-count", r.ReadString());

        Assert.Equal(2, r.ReadInt32());
        Assert.Equal(7, r.ReadMapHeader());
        Assert.Equal(1, r.ReadInt32());
        Assert.Equal(long.MaxValue, r.ReadInt64());
        Assert.Equal(2, r.ReadInt32());
        Assert.Equal(long.MinValue, r.ReadInt64());
        Assert.Equal(3, r.ReadInt32());
        Assert.Equal(ulong.MaxValue, r.ReadUInt64());
        Assert.Equal(4, r.ReadInt32());
        Assert.Equal(int.MinValue, r.ReadInt32());
        Assert.Equal(5, r.ReadInt32());
        Assert.Equal(uint.MaxValue, r.ReadUInt32());
        Assert.Equal(6, r.ReadInt32());
        Assert.Equal(4294967296L, r.ReadInt64());
        Assert.Equal(7, r.ReadInt32());
        Assert.Equal(-2147483649L, r.ReadInt64());

        Assert.Equal(3, r.ReadInt32());
        Assert.Equal(Integers.Length, r.ReadArrayHeader());
        foreach (long value in Integers)
        {
            Assert.Equal(value, r.ReadInt64());
        }

        Assert.Equal(4, r.ReadInt32());
        Assert.Equal(Blob, r.ReadBytes());

        Assert.Equal(5, r.ReadInt32());
        Assert.Equal(Doubles.Length, r.ReadArrayHeader());
        foreach (double value in Doubles)
        {
            Assert.Equal(MessagePackType.Float, r.PeekType());
            Assert.Equal(value, r.ReadDouble());
        }

        Assert.Equal(6, r.ReadInt32());
        Assert.Equal(Instants.Length, r.ReadArrayHeader());
        foreach (var instant in Instants)
        {
            Assert.Equal(instant, r.ReadDateTime());
        }

        Assert.Equal(7, r.ReadInt32());
        Assert.Equal(4, r.ReadMapHeader());
        Assert.Equal("héllo wörld 😀", r.ReadString());
        Assert.Equal("ünïcödé €", r.ReadString());
        Assert.Equal("empty", r.ReadString());
        Assert.Equal(string.Empty, r.ReadString());
        Assert.Equal("nil", r.ReadString());
        Assert.True(r.TryReadNil());
        Assert.Equal("flags", r.ReadString());
        Assert.Equal(2, r.ReadArrayHeader());
        Assert.True(r.ReadBoolean());
        Assert.False(r.ReadBoolean());

        Assert.Equal(8, r.ReadInt32());
        var ext = r.ReadExtension();
        Assert.Equal(42, ext.TypeCode);
        Assert.Equal([1, 2, 3], ext.Data.ToArray());

        Assert.Equal(-5, r.ReadInt32());
        Assert.Equal("negative key", r.ReadString());

        Assert.Equal(9, r.ReadInt32());
        Assert.Equal(LongText, r.ReadString());

        Assert.Equal(10, r.ReadInt32());
        Assert.Equal(BigArrayLength, r.ReadArrayHeader());
        for (int i = 0; i < BigArrayLength; i++)
        {
            Assert.Equal(BigArrayItem(i), r.ReadInt64());
        }

        Assert.Equal(11, r.ReadInt32());
        Assert.Equal(KeyGroups, r.ReadMapHeader());
        for (int group = 0; group < KeyGroups; group++)
        {
            Assert.Equal(group, r.ReadInt32());
            Assert.Equal(2, r.ReadMapHeader());
            Assert.Equal(1, r.ReadInt32());
            Assert.Equal("w" + group, r.ReadString());
            Assert.Equal(2, r.ReadInt32());
            Assert.Equal(KeyGroupCount(group), r.ReadInt64());
        }
    }

    /// <summary>
    /// Values that cover every integer format up to 32 bits, positive and negative (@msgpack/msgpack, with BigInt
    /// support on, writes plain JS numbers beyond 32 bits as float 64, so 64-bit values travel as {"$int"}).
    /// </summary>
    private static long BigArrayItem(int i) => (i % 7) switch
    {
        0 => i,
        1 => -i,
        2 => i * 30_000L,
        3 => -i * 30_000L,
        4 => i % 128,
        5 => -(i % 32),
        _ => i * 30L,
    };

    private static long KeyGroupCount(int group) => group * 1_000_000L;

    private static string ReferenceJson()
    {
        var bigArray = new StringBuilder("[");
        for (int i = 0; i < BigArrayLength; i++)
        {
            bigArray.Append(i == 0 ? string.Empty : ",").Append(BigArrayItem(i));
        }

        var keyGroups = new JsonArray();
        for (int group = 0; group < KeyGroups; group++)
        {
            keyGroups.Add(new JsonArray(group, new JsonObject { ["$map"] = new JsonArray(new JsonArray(1, "w" + group), new JsonArray(2, KeyGroupCount(group))) }));
        }

        return ReferenceJsonTemplate
            .Replace("@BLOB@", Convert.ToBase64String(Blob), StringComparison.Ordinal)
            .Replace("\"@LONG_TEXT@\"", JsonSerializer.Serialize(LongText), StringComparison.Ordinal)
            .Replace("@BIG_ARRAY@", bigArray.Append(']').ToString(), StringComparison.Ordinal)
            .Replace("@KEY_GROUPS@", keyGroups.ToJsonString(), StringComparison.Ordinal);
    }
}
