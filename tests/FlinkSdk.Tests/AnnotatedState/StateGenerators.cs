using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>FsCheck generators of state values: edge values mixed into random ones, collections kept small.</summary>
internal static class StateGenerators
{
    private const int MaxCollectionSize = 6;

    public static Gen<long> Longs { get; } = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<long>()),
        (1, Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L, int.MaxValue + 1L, uint.MaxValue + 1L, -(1L << 53))));

    public static Gen<int> Ints { get; } = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<int>()),
        (1, Gen.Elements(int.MinValue, int.MaxValue, 0, -1, 127, 128, -33)));

    /// <summary>Random doubles, with NaN, infinities, -0.0 and the extremes.</summary>
    public static Gen<double> Doubles { get; } = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<double>()),
        (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, double.MinValue)));

    public static Gen<float> Floats { get; } = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<float>()),
        (1, Gen.Elements(float.NaN, float.NegativeInfinity, -0.0f, float.Epsilon, float.MaxValue)));

    /// <summary>Any decimal, built from its 96-bit integer, sign and scale (0..28), so trailing zeros and every scale occur.</summary>
    public static Gen<decimal> Decimals { get; } =
        from lo in ArbMap.Default.GeneratorFor<int>()
        from mid in ArbMap.Default.GeneratorFor<int>()
        from hi in Gen.Frequency((1, ArbMap.Default.GeneratorFor<int>()), (2, Gen.Constant(0)))
        from negative in ArbMap.Default.GeneratorFor<bool>()
        from scale in Gen.Choose(0, 28)
        from edge in Gen.Frequency((6, Gen.Constant<decimal?>(null)), (1, Gen.Elements<decimal?>(decimal.MaxValue, decimal.MinValue, 0m, 1.000m, -0.5m)))
        select edge ?? new decimal(lo, mid, hi, negative, (byte)scale);

    /// <summary>UTC date-times across the whole range, to the tick.</summary>
    public static Gen<DateTime> DateTimes { get; } = Gen.Frequency(
        (4, FsCheck.FSharp.Gen.Choose64(0, DateTime.MaxValue.Ticks).Select(ticks => new DateTime(ticks, DateTimeKind.Utc))),
        (1, Gen.Elements(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), DateTime.UnixEpoch)));

    /// <summary>Offsets of -14..+14 hours in whole minutes, with a local time whose instant is in range too.</summary>
    public static Gen<DateTimeOffset> DateTimeOffsets { get; } =
        from minutes in Gen.Choose(-840, 840)
        let offset = TimeSpan.FromMinutes(minutes)
        from ticks in FsCheck.FSharp.Gen.Choose64(Math.Max(0, offset.Ticks), Math.Min(DateTime.MaxValue.Ticks, DateTime.MaxValue.Ticks + offset.Ticks))
        select new DateTimeOffset(ticks, offset);

    public static Gen<TimeSpan> TimeSpans { get; } = Longs.Select(ticks => new TimeSpan(ticks));

    public static Gen<Guid> Guids { get; } = Gen.Frequency(
        (4, Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16).Select(bytes => new Guid(bytes))),
        (1, Gen.Elements(Guid.Empty, Guid.AllBitsSet)));

    /// <summary>Any UTF-16 code unit, surrogate halves included (a char travels as its number).</summary>
    public static Gen<char> Chars { get; } = Gen.Choose(0, char.MaxValue).Select(code => (char)code);

    /// <summary>Text of valid Unicode: ASCII, control characters, two- and three-byte UTF-8, and characters beyond the BMP (emoji).</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (1, Gen.Constant(string.Empty)),
        (1, Gen.Elements("ünïcödé €", "😀👍🏽", "\0", "日本語のテキスト", "a\u0301", new string('x', 40))),
        (4, Small(Gen.ListOf(Gen.OneOf(
                Gen.Choose(0x20, 0x7e),
                Gen.Choose(0, 0x1f),
                Gen.Choose(0x80, 0x7ff),
                Gen.Choose(0x800, 0xd7ff),
                Gen.Choose(0xe000, 0xfffd),
                Gen.Choose(0x10000, 0x10ffff))))
            .Select(codePoints => string.Concat(codePoints.Select(char.ConvertFromUtf32)))));

    public static Gen<string?> NullableText { get; } = OrNull(Text);

    public static Gen<byte[]?> Bytes { get; } = OrNull(Gen.Frequency(
        (1, Gen.Constant(Array.Empty<byte>())),
        (4, Small(Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())))));

    /// <summary>Declared members and undeclared numbers alike: an enum travels as its underlying integer.</summary>
    public static Gen<Tier> Tiers { get; } = Gen.Frequency((4, Gen.Elements(Enum.GetValues<Tier>())), (1, Ints.Select(value => (Tier)value)));

    public static Gen<Magnitude> Magnitudes { get; } = Gen.Frequency((3, Gen.Elements(Enum.GetValues<Magnitude>())), (1, Longs.Select(value => (Magnitude)value)));

    public static Gen<Customer> Customers { get; } =
        from name in NullableText
        from age in Ints
        from balance in Decimals
        from joined in DateTimes
        from id in Guids
        from tier in Tiers
        from avatar in Bytes
        from initial in Chars
        select new Customer { Name = name, Age = age, Balance = balance, Joined = joined, Id = id, Tier = tier, Avatar = avatar, Initial = initial };

    public static Gen<Money> Monies { get; } =
        from amount in Decimals
        from currency in NullableText
        select new Money(amount, currency);

    public static Gen<Point> Points { get; } =
        from x in Doubles
        from y in Floats
        from z in ArbMap.Default.GeneratorFor<sbyte>()
        select new Point { X = x, Y = y, Z = z };

    public static Gen<Line> Lines { get; } =
        from sku in Text
        from quantity in Ints
        from price in Monies
        select new Line(sku, quantity, price);

    /// <summary>Orders with a chain of at most two parents.</summary>
    public static Gen<Order> Orders { get; } = OrderGen(parents: 2);

    /// <summary>Null now and then, else a value of <paramref name="gen"/>.</summary>
    public static Gen<T?> OrNull<T>(Gen<T> gen)
        where T : class
        => Gen.Frequency((1, Gen.Constant<T?>(null)), (5, gen.Select(value => (T?)value)));

    /// <summary>Null now and then, else a value of <paramref name="gen"/>.</summary>
    public static Gen<T?> OrNone<T>(Gen<T> gen)
        where T : struct
        => Gen.Frequency((1, Gen.Constant<T?>(null)), (5, gen.Select(value => (T?)value)));

    /// <summary>Keeps collections (and nested ones) at a few elements, so a case stays fast to write and compare.</summary>
    public static Gen<T> Small<T>(Gen<T> gen) => gen.ScaleSize(size => Math.Min(size, MaxCollectionSize));

    public static Gen<List<T>> ListOf<T>(Gen<T> element) => Small(Gen.ListOf(element));

    /// <summary>A dictionary of distinct keys (a duplicate's later value wins).</summary>
    public static Gen<Dictionary<TKey, TValue>> DictionaryOf<TKey, TValue>(Gen<TKey> key, Gen<TValue> value)
        where TKey : notnull
        => ListOf(Gen.Zip(key, value)).Select(pairs =>
        {
            var dictionary = new Dictionary<TKey, TValue>();
            foreach (var (k, v) in pairs)
            {
                dictionary[k] = v;
            }

            return dictionary;
        });

    private static Gen<Order> OrderGen(int parents) =>
        from number in Longs
        from customer in OrNull(Customers)
        from lines in OrNull(ListOf(Lines))
        from returned in OrNull(ListOf(Lines).Select(list => list.ToArray()))
        from totals in OrNull(DictionaryOf(Text, Monies))
        from flags in OrNull(ListOf(Ints).Select(list => list.ToHashSet()))
        from notes in OrNull(ListOf(NullableText).Select(list => new Queue<string?>(list)))
        from checksums in Gen.Frequency((1, Gen.Constant(default(ImmutableArray<long>))), (4, ListOf(Longs).Select(list => list.ToImmutableArray())))
        from route in OrNull(ListOf(Points).Select(list => list.ToImmutableList()))
        from labels in OrNull(ListOf(Text).Select(list => list.ToImmutableHashSet()))
        from stops in OrNull(DictionaryOf(Ints, OrNone(Points)).Select(d => d.ToImmutableDictionary()))
        from priority in OrNone(Ints)
        from pair in Gen.Zip(Ints, NullableText)
        from s1 in Longs
        from s2 in Doubles
        from s3 in ArbMap.Default.GeneratorFor<bool>()
        from s4 in Chars
        from s5 in ArbMap.Default.GeneratorFor<short>()
        from s6 in ArbMap.Default.GeneratorFor<byte>()
        from s7 in ArbMap.Default.GeneratorFor<uint>()
        from window in TimeSpans
        from placed in DateTimeOffsets
        from origin in OrNone(Points)
        from total in Monies
        from parent in parents == 0 ? Gen.Constant<Order?>(null) : Gen.Frequency((2, Gen.Constant<Order?>(null)), (1, OrderGen(parents - 1).Select(o => (Order?)o)))
        from nested in OrNull(ListOf(DictionaryOf(Text, ListOf(Ints).Select(list => list.ToArray()))))
        from big in ArbMap.Default.GeneratorFor<ulong>()
        from small in ArbMap.Default.GeneratorFor<ushort>()
        from maybeId in OrNone(Guids)
        from magnitude in Magnitudes
        from paid in ArbMap.Default.GeneratorFor<bool>()
        select new Order
        {
            Number = number,
            Customer = customer,
            Lines = lines,
            Returned = returned,
            Totals = totals,
            Flags = flags,
            Notes = notes,
            Checksums = checksums,
            Route = route,
            Labels = labels,
            Stops = stops,
            Priority = priority,
            Pair = pair,
            Seven = (s1, s2, s3, s4, s5, s6, s7),
            Window = window,
            Placed = placed,
            Origin = origin,
            Total = total,
            Parent = parent,
            Nested = nested,
            Big = big,
            Small = small,
            MaybeId = maybeId,
            Magnitude = magnitude,
            Paid = paid,
        };
}
