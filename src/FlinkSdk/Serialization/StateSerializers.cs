using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace FlinkSdk.Serialization;

/// <summary>
/// The built-in <see cref="IStateSerializer{T}"/>s, resolved once per type and cached (no reflection per value).
/// </summary>
/// <remarks>
/// <para>Formats, all standard MessagePack:</para>
/// <list type="table">
/// <listheader><term>Type</term><description>Written as</description></listheader>
/// <item><term><see cref="bool"/></term><description>true / false</description></item>
/// <item><term>integers (<see cref="byte"/> … <see cref="ulong"/>), <see cref="char"/></term><description>integer, smallest format</description></item>
/// <item><term><see cref="float"/>, <see cref="double"/></term><description>float 32, float 64</description></item>
/// <item><term><see cref="decimal"/></term><description>str in invariant culture (<c>"-12.3400"</c>): exact, keeps the scale, readable by any language</description></item>
/// <item><term><see cref="string"/></term><description>str (UTF-8); null as nil</description></item>
/// <item><term><c>byte[]</c></term><description>bin; null as nil</description></item>
/// <item><term><see cref="DateTime"/></term><description>timestamp extension (type -1), lossless; local times converted to UTC, read back as UTC</description></item>
/// <item><term><see cref="DateTimeOffset"/></term><description>array [timestamp of the instant, offset in minutes]</description></item>
/// <item><term><see cref="TimeSpan"/></term><description>integer: ticks (100 ns)</description></item>
/// <item><term><see cref="Guid"/></term><description>bin of 16 bytes in RFC 9562 (big-endian) order, the order of its string form</description></item>
/// <item><term>enums</term><description>their underlying integer</description></item>
/// <item><term><see cref="Nullable{T}"/></term><description>nil, or the value</description></item>
/// <item><term><c>ValueTuple</c> of 1 to 7 items</term><description>array of the items</description></item>
/// <item><term><c>T[]</c>, <see cref="List{T}"/></term><description>array; null as nil</description></item>
/// <item><term><see cref="Dictionary{TKey, TValue}"/></term><description>map; null as nil; read back with the default comparer</description></item>
/// <item><term><see cref="IStateSerializable{TSelf}"/></term><description>whatever the type writes; null as nil</description></item>
/// </list>
/// <para>
/// Composite types (nullable, tuples, arrays, lists, dictionaries, <see cref="IStateSerializable{TSelf}"/>) are
/// built by <see cref="For{T}"/> with one reflective call per type where the runtime can generate code. Under
/// Native AOT it cannot: compose them with <see cref="ForNullable{T}"/>, <see cref="ForArray{T}"/>,
/// <see cref="ForList{T}"/>, <see cref="ForDictionary{TKey, TValue}"/>, <c>ForTuple</c> and
/// <see cref="ForSerializable{T}"/>, as generated code does.
/// </para>
/// </remarks>
public static partial class StateSerializers
{
    private const string SupportedTypes =
        "Supported: bool, byte, sbyte, short, ushort, int, uint, long, ulong, float, double, decimal, char, string, byte[], " +
        "DateTime, DateTimeOffset, TimeSpan, Guid, enums; and, of supported types, Nullable<T>, ValueTuple of 1 to 7 items, " +
        "T[], List<T>, Dictionary<TKey, TValue>; and types implementing IStateSerializable<TSelf> (the source generator " +
        "implements it for [SnapshotType] types).";

    /// <summary>The serializer of <typeparamref name="T"/>: resolved on first use, then cached.</summary>
    /// <typeparam name="T">The type to serialize.</typeparam>
    /// <returns>The serializer.</returns>
    /// <exception cref="NotSupportedException">
    /// <typeparamref name="T"/> is not supported; the message names it and lists what is.
    /// </exception>
    public static IStateSerializer<T> For<T>() => Cache<T>.Instance ??= Resolve<T>();

    /// <summary>The serializer of an enum: its underlying integer. AOT-safe.</summary>
    /// <typeparam name="T">The enum type.</typeparam>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<T> ForEnum<T>()
        where T : struct, Enum => For<T>();

    /// <summary>The serializer of a type that serializes itself; null (for classes) is nil. AOT-safe.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<T> ForSerializable<T>()
        where T : IStateSerializable<T> => Cache<T>.Instance ??= SelfSerializer<T>.Instance;

    /// <summary>A serializer of <see cref="Nullable{T}"/>: nil, or the value as <paramref name="value"/> writes it. AOT-safe.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The serializer of the value.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<T?> ForNullable<T>(IStateSerializer<T> value)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(value);
        return new NullableSerializer<T>(value);
    }

    /// <summary>A serializer of arrays: an array of the elements; null as nil. AOT-safe.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The serializer of the elements.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<T[]?> ForArray<T>(IStateSerializer<T> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new ArraySerializer<T>(element);
    }

    /// <summary>A serializer of lists: an array of the elements; null as nil. AOT-safe.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The serializer of the elements.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<List<T>?> ForList<T>(IStateSerializer<T> element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new ListSerializer<T>(element);
    }

    /// <summary>
    /// A serializer of dictionaries: a map in enumeration order; null as nil. Read back with the default comparer;
    /// a nil or repeated key is a <see cref="MessagePackFormatException"/>. AOT-safe.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="key">The serializer of the keys.</param>
    /// <param name="value">The serializer of the values.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<Dictionary<TKey, TValue>?> ForDictionary<TKey, TValue>(IStateSerializer<TKey> key, IStateSerializer<TValue> value)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return new DictionarySerializer<TKey, TValue>(key, value);
    }

    /// <summary>A serializer of hash sets: an array of the elements; null as nil; read back with the default comparer. AOT-safe.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The serializer of the elements.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<HashSet<T>?> ForHashSet<T>(IStateSerializer<T> element) =>
        new CollectionSerializer<HashSet<T>, T>(NotNull(element), items => [.. items]);

    /// <summary>A serializer of queues: an array of the elements in dequeue order; null as nil. AOT-safe.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The serializer of the elements.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<Queue<T>?> ForQueue<T>(IStateSerializer<T> element) =>
        new CollectionSerializer<Queue<T>, T>(NotNull(element), items => new Queue<T>(items));

    /// <summary>A serializer of immutable arrays: an array of the elements; a default (uninitialized) one as nil. AOT-safe.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The serializer of the elements.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<System.Collections.Immutable.ImmutableArray<T>> ForImmutableArray<T>(IStateSerializer<T> element) =>
        new ImmutableArraySerializer<T>(NotNull(element));

    /// <summary>A serializer of immutable lists: an array of the elements; null as nil. AOT-safe.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The serializer of the elements.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<System.Collections.Immutable.ImmutableList<T>?> ForImmutableList<T>(IStateSerializer<T> element) =>
        new CollectionSerializer<System.Collections.Immutable.ImmutableList<T>, T>(NotNull(element), System.Collections.Immutable.ImmutableList.Create);

    /// <summary>A serializer of immutable hash sets: an array of the elements; null as nil; read back with the default comparer. AOT-safe.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="element">The serializer of the elements.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<System.Collections.Immutable.ImmutableHashSet<T>?> ForImmutableHashSet<T>(IStateSerializer<T> element) =>
        new CollectionSerializer<System.Collections.Immutable.ImmutableHashSet<T>, T>(NotNull(element), System.Collections.Immutable.ImmutableHashSet.Create);

    /// <summary>A serializer of immutable dictionaries: a map; null as nil; read back with the default comparer. AOT-safe.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="key">The serializer of the keys.</param>
    /// <param name="value">The serializer of the values.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<System.Collections.Immutable.ImmutableDictionary<TKey, TValue>?> ForImmutableDictionary<TKey, TValue>(IStateSerializer<TKey> key, IStateSerializer<TValue> value)
        where TKey : notnull =>
        new MapSerializer<System.Collections.Immutable.ImmutableDictionary<TKey, TValue>, TKey, TValue>(NotNull(key), NotNull(value), System.Collections.Immutable.ImmutableDictionary.ToImmutableDictionary);

    private static TSerializer NotNull<TSerializer>(TSerializer serializer, [CallerArgumentExpression(nameof(serializer))] string? name = null)
        where TSerializer : class
    {
        ArgumentNullException.ThrowIfNull(serializer, name);
        return serializer;
    }

    /// <summary>Serializes one value with <see cref="For{T}"/> into a new array.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The MessagePack bytes.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not supported.</exception>
    public static byte[] Serialize<T>(T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Serialize(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Serializes one value with <see cref="For{T}"/>, appending to <paramref name="output"/>.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not supported.</exception>
    public static void Serialize<T>(IBufferWriter<byte> output, T value)
    {
        var writer = new MessagePackWriter(output);
        For<T>().Serialize(ref writer, value);
        writer.Flush();
    }

    /// <summary>Deserializes exactly one value with <see cref="For{T}"/>: <paramref name="data"/> must hold nothing else.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="data">The MessagePack bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The bytes do not hold exactly one value of <typeparamref name="T"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not supported.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> data)
    {
        var reader = new MessagePackReader(data);
        var value = For<T>().Deserialize(ref reader);
        if (!reader.End)
        {
            byte next = data[reader.Position];
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected the end of the input after one {TypeName(typeof(T))} at offset {reader.Position} but found 0x{next:x2} ({MessagePackCode.Describe(next)}): {reader.Remaining} bytes too many."),
                reader.Position);
        }

        return value;
    }

    /// <summary>A readable C#-like name of a type for messages: <c>System.Collections.Generic.List&lt;System.Int32&gt;</c>.</summary>
    internal static string TypeName(Type type)
    {
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        string name = type.IsNested && type.DeclaringType is { } declaring
            ? TypeName(declaring) + "." + type.Name
            : (type.Namespace is null ? type.Name : type.Namespace + "." + type.Name);
        if (!type.IsGenericType)
        {
            return name;
        }

        int tick = name.IndexOf('`', StringComparison.Ordinal);
        var builder = new StringBuilder(tick < 0 ? name : name[..tick]).Append('<');
        var arguments = type.GetGenericArguments();
        for (int i = 0; i < arguments.Length; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(TypeName(arguments[i]));
        }

        return builder.Append('>').ToString();
    }

    private static IStateSerializer<T> Resolve<T>()
    {
        object? serializer = BuiltIn(typeof(T));
        if (serializer is null && typeof(T).IsEnum)
        {
            serializer = new EnumSerializer<T>();
        }

        serializer ??= Composite(typeof(T));
        return serializer as IStateSerializer<T>
            ?? throw new NotSupportedException($"{TypeName(typeof(T))} cannot be serialized in state. {SupportedTypes}");
    }

    private static object? BuiltIn(Type type)
    {
        // Checked in order of likelihood; each is a pointer comparison.
        if (type == typeof(long))
        {
            return Int64Serializer.Instance;
        }

        if (type == typeof(int))
        {
            return Int32Serializer.Instance;
        }

        if (type == typeof(string))
        {
            return StringSerializer.Instance;
        }

        if (type == typeof(double))
        {
            return DoubleSerializer.Instance;
        }

        if (type == typeof(bool))
        {
            return BooleanSerializer.Instance;
        }

        if (type == typeof(byte[]))
        {
            return ByteArraySerializer.Instance;
        }

        if (type == typeof(DateTime))
        {
            return DateTimeSerializer.Instance;
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpanSerializer.Instance;
        }

        if (type == typeof(float))
        {
            return SingleSerializer.Instance;
        }

        if (type == typeof(decimal))
        {
            return DecimalSerializer.Instance;
        }

        if (type == typeof(Guid))
        {
            return GuidSerializer.Instance;
        }

        if (type == typeof(DateTimeOffset))
        {
            return DateTimeOffsetSerializer.Instance;
        }

        if (type == typeof(short))
        {
            return Int16Serializer.Instance;
        }

        if (type == typeof(byte))
        {
            return ByteSerializer.Instance;
        }

        if (type == typeof(ulong))
        {
            return UInt64Serializer.Instance;
        }

        if (type == typeof(uint))
        {
            return UInt32Serializer.Instance;
        }

        if (type == typeof(ushort))
        {
            return UInt16Serializer.Instance;
        }

        if (type == typeof(sbyte))
        {
            return SByteSerializer.Instance;
        }

        if (type == typeof(char))
        {
            return CharSerializer.Instance;
        }

        return null;
    }

    /// <summary>Builds the serializer of a composite type through its AOT-safe factory, when the runtime can generate code.</summary>
    private static object? Composite(Type type)
    {
        const BindingFlags Factories = BindingFlags.NonPublic | BindingFlags.Static;
        var kind = CompositeKind.None;
        Type[] arguments = [type];
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            kind = CompositeKind.Nullable;
            arguments = [underlying];
        }
        else if (type.IsSZArray)
        {
            kind = CompositeKind.Array;
            arguments = [type.GetElementType()!];
        }
        else if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            var definition = type.GetGenericTypeDefinition();
            arguments = type.GetGenericArguments();
            kind = definition == typeof(List<>) ? CompositeKind.List
                : definition == typeof(Dictionary<,>) ? CompositeKind.Dictionary
                : IsValueTuple(definition) ? CompositeKind.Tuple
                : CompositeKind.None;
        }

        if (kind == CompositeKind.None)
        {
            if (type.IsGenericTypeDefinition || type.ContainsGenericParameters || type.IsByRefLike || type.IsPointer
                || !RuntimeFeature.IsDynamicCodeSupported)
            {
                return null;
            }

            // Does the type implement IStateSerializable<itself>? MakeGenericType refuses a type that does not meet
            // the interface's constraint, which already answers no.
            try
            {
                if (!typeof(IStateSerializable<>).MakeGenericType(type).IsAssignableFrom(type))
                {
                    return null;
                }
            }
            catch (ArgumentException)
            {
                return null;
            }

            kind = CompositeKind.Serializable;
            arguments = [type];
        }

        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            throw new NotSupportedException(
                $"{TypeName(type)} needs runtime code generation, which Native AOT does not have: compose its serializer with " +
                "StateSerializers.ForNullable, ForArray, ForList, ForDictionary, ForTuple or ForSerializable instead.");
        }

        // Constant names, so trimming keeps exactly these factories.
        var factory = kind switch
        {
            CompositeKind.Nullable => NullableFactory(arguments[0]),
            CompositeKind.Array => typeof(StateSerializers).GetMethod(nameof(MakeArray), Factories)!.MakeGenericMethod(arguments),
            CompositeKind.List => typeof(StateSerializers).GetMethod(nameof(MakeList), Factories)!.MakeGenericMethod(arguments),
            CompositeKind.Dictionary => typeof(StateSerializers).GetMethod(nameof(MakeDictionary), Factories)!.MakeGenericMethod(arguments),
            CompositeKind.Serializable => typeof(StateSerializers).GetMethod(nameof(MakeSerializable), Factories)!.MakeGenericMethod(arguments),
            _ => arguments.Length switch
            {
                1 => typeof(StateSerializers).GetMethod(nameof(MakeTuple1), Factories)!.MakeGenericMethod(arguments),
                2 => typeof(StateSerializers).GetMethod(nameof(MakeTuple2), Factories)!.MakeGenericMethod(arguments),
                3 => typeof(StateSerializers).GetMethod(nameof(MakeTuple3), Factories)!.MakeGenericMethod(arguments),
                4 => typeof(StateSerializers).GetMethod(nameof(MakeTuple4), Factories)!.MakeGenericMethod(arguments),
                5 => typeof(StateSerializers).GetMethod(nameof(MakeTuple5), Factories)!.MakeGenericMethod(arguments),
                6 => typeof(StateSerializers).GetMethod(nameof(MakeTuple6), Factories)!.MakeGenericMethod(arguments),
                _ => typeof(StateSerializers).GetMethod(nameof(MakeTuple7), Factories)!.MakeGenericMethod(arguments),
            },
        };
        try
        {
            return factory.Invoke(null, BindingFlags.DoNotWrapExceptions, null, null, CultureInfo.InvariantCulture);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"{TypeName(type)} cannot be serialized in state: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            // A generic constraint of the factory does not hold.
            throw new NotSupportedException($"{TypeName(type)} cannot be serialized in state. {SupportedTypes}", e);
        }
    }

    [RequiresDynamicCode("Instantiates MakeNullable over a value type chosen at run time.")]
    [UnconditionalSuppressMessage("Trimming", "IL2071", Justification =
        "The only requirement is the parameterless constructor implied by MakeNullable's struct constraint; value " +
        "types always have one, and the factory never calls it.")]
    private static MethodInfo NullableFactory(Type underlying) =>
        typeof(StateSerializers).GetMethod(nameof(MakeNullable), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(underlying);

    private static bool IsValueTuple(Type definition) =>
        definition == typeof(ValueTuple<>) || definition == typeof(ValueTuple<,>) || definition == typeof(ValueTuple<,,>)
        || definition == typeof(ValueTuple<,,,>) || definition == typeof(ValueTuple<,,,,>)
        || definition == typeof(ValueTuple<,,,,,>) || definition == typeof(ValueTuple<,,,,,,>);

    // Factories that For<T>() instantiates by reflection, once per composite type.
    private static object MakeNullable<T>()
        where T : struct => ForNullable(For<T>());

    private static object MakeArray<T>() => ForArray(For<T>());

    private static object MakeList<T>() => ForList(For<T>());

    private static object MakeDictionary<TKey, TValue>()
        where TKey : notnull => ForDictionary(For<TKey>(), For<TValue>());

    private static SelfSerializer<T> MakeSerializable<T>()
        where T : IStateSerializable<T> => SelfSerializer<T>.Instance;

    private static object MakeTuple1<T1>() => ForTuple(For<T1>());

    private static object MakeTuple2<T1, T2>() => ForTuple(For<T1>(), For<T2>());

    private static object MakeTuple3<T1, T2, T3>() => ForTuple(For<T1>(), For<T2>(), For<T3>());

    private static object MakeTuple4<T1, T2, T3, T4>() => ForTuple(For<T1>(), For<T2>(), For<T3>(), For<T4>());

    private static object MakeTuple5<T1, T2, T3, T4, T5>() => ForTuple(For<T1>(), For<T2>(), For<T3>(), For<T4>(), For<T5>());

    private static object MakeTuple6<T1, T2, T3, T4, T5, T6>() =>
        ForTuple(For<T1>(), For<T2>(), For<T3>(), For<T4>(), For<T5>(), For<T6>());

    private static object MakeTuple7<T1, T2, T3, T4, T5, T6, T7>() =>
        ForTuple(For<T1>(), For<T2>(), For<T3>(), For<T4>(), For<T5>(), For<T6>(), For<T7>());

    private enum CompositeKind
    {
        None,
        Nullable,
        Array,
        List,
        Dictionary,
        Tuple,
        Serializable,
    }

    /// <summary>One slot per type: written once (a race writes equal serializers), read on every call.</summary>
    private static class Cache<T>
    {
        public static IStateSerializer<T>? Instance;
    }
}
