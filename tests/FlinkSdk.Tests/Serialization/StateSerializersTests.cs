using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.Serialization;

/// <summary>The built-in serializers: every supported type round-trips, with documented formats.</summary>
public class StateSerializersTests
{
    private static T RoundTrip<T>(T value)
    {
        byte[] bytes = StateSerializers.Serialize(value);
        return StateSerializers.Deserialize<T>(bytes);
    }

    private static string HexOf<T>(T value) => Msg.Hex(StateSerializers.Serialize(value));

    [Fact]
    public void Primitives_round_trip_their_extremes()
    {
        Assert.True(RoundTrip(true));
        Assert.False(RoundTrip(false));
        Assert.Equal(byte.MaxValue, RoundTrip(byte.MaxValue));
        Assert.Equal(sbyte.MinValue, RoundTrip(sbyte.MinValue));
        Assert.Equal(short.MinValue, RoundTrip(short.MinValue));
        Assert.Equal(ushort.MaxValue, RoundTrip(ushort.MaxValue));
        Assert.Equal(int.MinValue, RoundTrip(int.MinValue));
        Assert.Equal(int.MaxValue, RoundTrip(int.MaxValue));
        Assert.Equal(uint.MaxValue, RoundTrip(uint.MaxValue));
        Assert.Equal(long.MinValue, RoundTrip(long.MinValue));
        Assert.Equal(long.MaxValue, RoundTrip(long.MaxValue));
        Assert.Equal(ulong.MaxValue, RoundTrip(ulong.MaxValue));
        Assert.Equal(float.Epsilon, RoundTrip(float.Epsilon));
        Assert.Equal(double.MinValue, RoundTrip(double.MinValue));
        Assert.True(double.IsNaN(RoundTrip(double.NaN)));
        Assert.Equal('€', RoundTrip('€'));
        Assert.Equal(char.MaxValue, RoundTrip(char.MaxValue));
        Assert.Equal("héllo 😀", RoundTrip("héllo 😀"));
        Assert.Equal(string.Empty, RoundTrip(string.Empty));
        Assert.Null(RoundTrip<string?>(null));
        Assert.Equal([0, 1, 255], RoundTrip(new byte[] { 0, 1, 255 }));
        Assert.Empty(RoundTrip(Array.Empty<byte>()));
        Assert.Null(RoundTrip<byte[]?>(null));
    }

    [Fact]
    public void Primitives_use_the_plain_MessagePack_types()
    {
        Assert.Equal("c3", HexOf(true));
        Assert.Equal("cd012c", HexOf((short)300));
        Assert.Equal("d38000000000000000", HexOf(long.MinValue));
        Assert.Equal("ca3fc00000", HexOf(1.5f));
        Assert.Equal("cb3ff8000000000000", HexOf(1.5));
        Assert.Equal("41", HexOf('A'));
        Assert.Equal("a26869", HexOf("hi"));
        Assert.Equal("c0", HexOf<string?>(null));
        Assert.Equal("c4020102", HexOf(new byte[] { 1, 2 }));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.10")]
    [InlineData("-12.3400")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("-7.9228162514264337593543950335")]
    public void Decimal_is_an_invariant_string_that_keeps_value_and_scale(string text)
    {
        decimal value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        byte[] bytes = StateSerializers.Serialize(value);
        Assert.Equal(text, new MessagePackReader(bytes).ReadString());
        decimal back = StateSerializers.Deserialize<decimal>(bytes);
        Assert.Equal(decimal.GetBits(value), decimal.GetBits(back));
    }

    [Fact]
    public void Decimal_that_is_not_a_number_is_a_format_error()
    {
        byte[] bytes = Msg.Write((ref MessagePackWriter w) => w.Write("12,5"));
        var e = Assert.Throws<MessagePackFormatException>(() => StateSerializers.Deserialize<decimal>(bytes));
        Assert.Equal("Expected a decimal number as a str (such as \"-12.50\") at offset 0 but found the str \"12,5\".", e.Message);
    }

    [Fact]
    public void Guid_is_16_bytes_in_the_order_of_its_string_form()
    {
        var value = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        Assert.Equal("c41000112233445566778899aabbccddeeff", HexOf(value));
        Assert.Equal(value, RoundTrip(value));
        Assert.Equal(Guid.Empty, RoundTrip(Guid.Empty));

        var e = Assert.Throws<MessagePackFormatException>(() => StateSerializers.Deserialize<Guid>(Msg.Bytes("c403010203")));
        Assert.Contains("Expected a Guid as a 16-byte bin at offset 0 but found a bin of 3 bytes", e.Message);
    }

    [Fact]
    public void TimeSpan_is_its_ticks()
    {
        Assert.Equal("ce00989680", HexOf(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.MinValue, RoundTrip(TimeSpan.MinValue));
        Assert.Equal(TimeSpan.MaxValue, RoundTrip(TimeSpan.MaxValue));
        Assert.Equal(TimeSpan.FromTicks(-1), RoundTrip(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void DateTime_is_a_timestamp_exact_to_the_tick()
    {
        var value = new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc).AddTicks(7891234);
        Assert.Equal("d7ffbc24452065e079f0", HexOf(value));
        Assert.Equal(value, RoundTrip(value));
        Assert.Equal(DateTime.MinValue, RoundTrip(DateTime.MinValue));
        Assert.Equal(DateTime.MaxValue, RoundTrip(DateTime.MaxValue));
        Assert.Equal(DateTimeKind.Utc, RoundTrip(DateTime.UnixEpoch).Kind);
    }

    [Fact]
    public void DateTimeOffset_is_the_instant_and_the_offset_in_minutes()
    {
        var value = new DateTimeOffset(2024, 2, 29, 14, 34, 56, TimeSpan.FromHours(2)).AddTicks(7891234);
        Assert.Equal("92d7ffbc24452065e079f078", HexOf(value));
        var back = RoundTrip(value);
        Assert.Equal(value, back);
        Assert.Equal(value.Offset, back.Offset);

        foreach (var edge in new[] { DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(1, 1, 1, 10, 0, 0, TimeSpan.FromHours(9)), new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(-570)) })
        {
            Assert.Equal(edge, RoundTrip(edge));
            Assert.Equal(edge.Offset, RoundTrip(edge).Offset);
        }

        var e = Assert.Throws<MessagePackFormatException>(() => StateSerializers.Deserialize<DateTimeOffset>(Msg.Bytes("93 d6ff00000000 00 00")));
        Assert.Contains("Expected an array of 2 elements (DateTimeOffset [timestamp, offset minutes]) at offset 0 but found an array of 3", e.Message);
    }

    private enum Color : byte
    {
        Red = 1,
        Blue = 200,
    }

    private enum Big : long
    {
        Min = long.MinValue,
        Max = long.MaxValue,
    }

    [Flags]
    private enum Access : ulong
    {
        None = 0,
        Read = 1,
        Top = 1UL << 63,
    }

    private enum Signed : sbyte
    {
        Negative = -100,
    }

    private enum Plain
    {
        A = -1,
        B = 70000,
    }

    [Fact]
    public void Enums_are_their_underlying_integers()
    {
        Assert.Equal("ccc8", HexOf(Color.Blue));
        Assert.Equal(Color.Blue, RoundTrip(Color.Blue));
        Assert.Equal((Color)77, RoundTrip((Color)77));
        Assert.Equal(Big.Min, RoundTrip(Big.Min));
        Assert.Equal(Big.Max, RoundTrip(Big.Max));
        Assert.Equal("cf8000000000000001", HexOf(Access.Top | Access.Read));
        Assert.Equal(Access.Top | Access.Read, RoundTrip(Access.Top | Access.Read));
        Assert.Equal("d09c", HexOf(Signed.Negative));
        Assert.Equal(Signed.Negative, RoundTrip(Signed.Negative));
        Assert.Equal("ff", HexOf(Plain.A));
        Assert.Equal(Plain.B, RoundTrip(Plain.B));
        Assert.Same(StateSerializers.For<Color>(), StateSerializers.ForEnum<Color>());

        var e = Assert.Throws<MessagePackFormatException>(() => StateSerializers.Deserialize<Color>(Msg.Bytes("cd0100")));
        Assert.Contains("does not fit", e.Message);
    }

    [Fact]
    public void Nullable_values_are_nil_or_the_value()
    {
        Assert.Equal("c0", HexOf<int?>(null));
        Assert.Equal("05", HexOf<int?>(5));
        Assert.Null(RoundTrip<long?>(null));
        Assert.Equal(long.MinValue, RoundTrip<long?>(long.MinValue));
        Assert.Equal(Color.Red, RoundTrip<Color?>(Color.Red));
        Assert.Null(RoundTrip<Guid?>(null));
        Assert.Equal(DateTime.UnixEpoch, RoundTrip<DateTime?>(DateTime.UnixEpoch));
        Assert.Equal((1, "a"), RoundTrip<(int, string)?>((1, "a")));
    }

    [Fact]
    public void Value_tuples_of_1_to_7_items_are_arrays()
    {
        Assert.Equal("92a3666f6f2a", HexOf(("foo", 42)));
        Assert.Equal(new ValueTuple<int>(7), RoundTrip(new ValueTuple<int>(7)));
        Assert.Equal(("word", 3L), RoundTrip(("word", 3L)));
        Assert.Equal((1, "b", 2.5), RoundTrip((1, "b", 2.5)));
        Assert.Equal((1, 2, 3, 4), RoundTrip((1, 2, 3, 4)));
        Assert.Equal((1, 2, 3, 4, "5"), RoundTrip((1, 2, 3, 4, "5")));
        Assert.Equal((1, 2, 3, 4, 5, true), RoundTrip((1, 2, 3, 4, 5, true)));
        Assert.Equal((1, 2, 3, 4, 5, 6, (byte)7), RoundTrip((1, 2, 3, 4, 5, 6, (byte)7)));
        Assert.Equal(((string?)null, (int?)null), RoundTrip(((string?)null, (int?)null)));

        var e = Assert.Throws<MessagePackFormatException>(() => StateSerializers.Deserialize<(int, int)>(Msg.Bytes("93010203")));
        Assert.Contains("Expected an array of 2 elements (ValueTuple of 2) at offset 0 but found an array of 3", e.Message);
    }

    [Fact]
    public void Arrays_and_lists_are_MessagePack_arrays()
    {
        Assert.Equal("919301d0df92a161c0", HexOf(new[] { (1, -33, ("a", (string?)null)) }));
        int[] ints = [1, 2, 3];
        Assert.Equal("93010203", HexOf(ints));
        Assert.Equal("93010203", HexOf(new List<int> { 1, 2, 3 }));
        Assert.Equal("c0", HexOf<int[]?>(null));
        Assert.Equal("c0", HexOf<List<string>?>(null));
        Assert.Equal(new[] { "a", null, "c" }, RoundTrip(new[] { "a", null, "c" }));
        Assert.Equal(new List<long> { long.MinValue, 0, long.MaxValue }, RoundTrip(new List<long> { long.MinValue, 0, long.MaxValue }));
        Assert.Empty(RoundTrip(Array.Empty<int>()));
        Assert.Empty(RoundTrip(new List<int>()));
        Assert.Null(RoundTrip<int[]?>(null));
        int[]?[] jagged = [[1], [], null];
        Assert.Equal(jagged, RoundTrip(jagged));

        var large = Enumerable.Range(-40000, 80000).ToList();
        Assert.Equal(large, RoundTrip(large));
        Assert.Equal(large.ToArray(), RoundTrip(large.ToArray()));
    }

    [Fact]
    public void Dictionaries_are_maps()
    {
        var value = new Dictionary<int, string?> { [1] = "one", [-1] = null, [300] = "three hundred" };
        Assert.Equal("8301a36f6e65ffc0cd012cad74687265652068756e64726564", HexOf(value));
        Assert.Equal(value, RoundTrip(value));
        Assert.Null(RoundTrip<Dictionary<string, int>?>(null));
        Assert.Empty(RoundTrip(new Dictionary<string, int>()));

        var nested = new Dictionary<string, List<int?>> { ["a"] = [1, null], ["b"] = [] };
        var back = RoundTrip(nested);
        Assert.Equal(nested.Keys, back.Keys);
        Assert.Equal(nested["a"], back["a"]);
        Assert.Empty(back["b"]);

        var large = Enumerable.Range(0, 70000).ToDictionary(i => i.ToString(), i => (long)i * i);
        Assert.Equal(large, RoundTrip(large));
    }

    [Fact]
    public void Dictionaries_reject_nil_and_repeated_keys()
    {
        var duplicate = Assert.Throws<MessagePackFormatException>(() => StateSerializers.Deserialize<Dictionary<int, int>>(Msg.Bytes("82 0102 0103")));
        Assert.Equal("Expected distinct dictionary keys but found the key 1 a second time at offset 3.", duplicate.Message);

        var nilKey = Assert.Throws<MessagePackFormatException>(() => StateSerializers.Deserialize<Dictionary<string, int>>(Msg.Bytes("81 c0 01")));
        Assert.Equal("Expected a dictionary key at offset 1 but found nil.", nilKey.Message);
    }

    [Fact]
    public void Composite_types_nest_freely()
    {
        var value = new Dictionary<Guid, (string Name, List<DateTime?> Seen, decimal[] Amounts)>
        {
            [Guid.NewGuid()] = ("x", [DateTime.UnixEpoch, null], [1.5m, -0.01m]),
        };
        var back = RoundTrip(value);
        var (key, item) = Assert.Single(back);
        Assert.True(value.ContainsKey(key));
        Assert.Equal("x", item.Name);
        Assert.Equal(value[key].Seen, item.Seen);
        Assert.Equal(value[key].Amounts, item.Amounts);
    }

    internal sealed class Point : IStateSerializable<Point>
    {
        public int X { get; init; }

        public string Label { get; init; } = string.Empty;

        public static void Serialize(ref MessagePackWriter writer, Point value)
        {
            writer.WriteArrayHeader(2);
            writer.Write(value.X);
            writer.Write(value.Label);
        }

        public static Point Deserialize(ref MessagePackReader reader)
        {
            SerializerHelpers.ExpectArray(ref reader, 2);
            return new Point { X = reader.ReadInt32(), Label = reader.ReadString()! };
        }
    }

    internal readonly record struct Money(long Cents, string Currency) : IStateSerializable<Money>
    {
        public static void Serialize(ref MessagePackWriter writer, Money value)
        {
            writer.WriteArrayHeader(2);
            writer.Write(value.Cents);
            writer.Write(value.Currency);
        }

        public static Money Deserialize(ref MessagePackReader reader)
        {
            SerializerHelpers.ExpectArray(ref reader, 2);
            return new Money(reader.ReadInt64(), reader.ReadString()!);
        }
    }

    [Fact]
    public void Types_implementing_IStateSerializable_serialize_themselves()
    {
        var point = RoundTrip(new Point { X = -7, Label = "p" });
        Assert.Equal(-7, point.X);
        Assert.Equal("p", point.Label);
        Assert.Equal("c0", HexOf<Point?>(null));
        Assert.Null(RoundTrip<Point?>(null));

        Assert.Equal(new Money(-1, "EUR"), RoundTrip(new Money(-1, "EUR")));
        Assert.Equal(new Money(5, "USD"), RoundTrip<Money?>(new Money(5, "USD")));
        var list = RoundTrip(new List<Point> { new() { X = 1 }, new() { X = 2 } });
        Assert.Equal([1, 2], list.Select(p => p.X));

        Assert.Same(StateSerializers.For<Money>(), StateSerializers.ForSerializable<Money>());
    }

    [Fact]
    public void Serializers_are_resolved_once_and_cached()
    {
        Assert.Same(StateSerializers.For<int>(), StateSerializers.For<int>());
        Assert.Same(StateSerializers.For<List<string>>(), StateSerializers.For<List<string>>());
        Assert.Same(StateSerializers.For<(int, string)>(), StateSerializers.For<(int, string)>());
    }

    [Fact]
    public void Explicit_factories_compose_without_reflection()
    {
        var serializer = StateSerializers.ForDictionary(
            StateSerializers.For<string>(),
            StateSerializers.ForList(StateSerializers.ForTuple(StateSerializers.ForNullable(StateSerializers.For<int>()), StateSerializers.ForArray(StateSerializers.For<string>()))));
        var value = new Dictionary<string, List<(int?, string[]?)>?> { ["k"] = [(1, ["a"]), (null, null)], ["n"] = null };
        byte[] viaFactories = Msg.Write((ref MessagePackWriter w) => serializer.Serialize(ref w, value));
        Assert.Equal(StateSerializers.Serialize(value), viaFactories);

        var reader = new MessagePackReader(viaFactories);
        var back = serializer.Deserialize(ref reader)!;
        Assert.Equal(value["k"]![0].Item2, back["k"]![0].Item2);
        Assert.Null(back["n"]);
    }

    private sealed class Unsupported
    {
    }

    [Fact]
    public void Unsupported_types_name_the_type_and_list_what_is_supported()
    {
        var e = Assert.Throws<NotSupportedException>(() => StateSerializers.For<Unsupported>());
        Assert.StartsWith("FlinkSdk.Tests.Serialization.StateSerializersTests.Unsupported cannot be serialized in state.", e.Message);
        Assert.Contains("Supported: bool, byte, sbyte, short, ushort, int, uint, long, ulong, float, double, decimal, char, string, byte[], DateTime, DateTimeOffset, TimeSpan, Guid, enums", e.Message);
        Assert.Contains("Nullable<T>, ValueTuple of 1 to 7 items, T[], List<T>, Dictionary<TKey, TValue>", e.Message);
        Assert.Contains("IStateSerializable<TSelf>", e.Message);

        var nested = Assert.Throws<NotSupportedException>(() => StateSerializers.For<Dictionary<string, List<object>>>());
        Assert.StartsWith("System.Collections.Generic.Dictionary<System.String, System.Collections.Generic.List<System.Object>> cannot be serialized in state: System.Collections.Generic.List<System.Object> cannot be serialized in state: System.Object cannot be serialized in state. Supported:", nested.Message);

        Assert.Throws<NotSupportedException>(() => StateSerializers.For<int[,]>());
        Assert.Throws<NotSupportedException>(() => StateSerializers.For<HashSet<int>>());
        Assert.Throws<NotSupportedException>(() => StateSerializers.For<(int, int, int, int, int, int, int, int)>());

        // Still unsupported the second time (failures are not cached as successes).
        Assert.Throws<NotSupportedException>(() => StateSerializers.For<Unsupported>());
    }

    [Fact]
    public void Deserialize_requires_exactly_one_value()
    {
        var e = Assert.Throws<MessagePackFormatException>(() => StateSerializers.Deserialize<int>(Msg.Bytes("01 02 03")));
        Assert.Equal("Expected the end of the input after one System.Int32 at offset 1 but found 0x02 (positive fixint): 2 bytes too many.", e.Message);
        Assert.Throws<MessagePackFormatException>(() => StateSerializers.Deserialize<int>([]));
    }
}

internal static class SerializerHelpers
{
    public static void ExpectArray(ref MessagePackReader reader, int count)
    {
        int offset = reader.Position;
        int actual = reader.ReadArrayHeader();
        if (actual != count)
        {
            throw new MessagePackFormatException($"Expected an array of {count} at offset {offset} but found {actual}.", offset);
        }
    }
}
