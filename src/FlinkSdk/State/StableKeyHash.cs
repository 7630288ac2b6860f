using System.Runtime.CompilerServices;

namespace FlinkSdk.State;

/// <summary>
/// A key type whose hash is the same in every process and on every machine. Implement it on key types that are
/// not built in; combine fields as Java does (<c>31 * h + field</c>) with <see cref="StableKeyHash.Of{TKey}"/>.
/// </summary>
public interface IStableHashable
{
    /// <summary>A hash code that never changes across processes, machines or .NET versions.</summary>
    /// <returns>The hash.</returns>
    int GetStableHashCode();
}

/// <summary>
/// Stable hashes of keys, equal to Java's <c>hashCode()</c> for the same values (so the same keys land in the same
/// key groups as in Flink): <see cref="string"/> as <c>String.hashCode</c>, <see cref="long"/> as
/// <c>Long.hashCode</c>, and so on. Never .NET's <c>GetHashCode</c>, which is randomized per process for strings.
/// </summary>
public static class StableKeyHash
{
    /// <summary>The stable hash of <paramref name="key"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="key">The key; must not be null.</param>
    /// <returns>The hash.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of<TKey>(TKey key)
    {
        // Each branch is a JIT-time constant for value types, so the others are removed.
        if (typeof(TKey) == typeof(long))
        {
            long v = Unsafe.As<TKey, long>(ref key);
            return (int)(v ^ (long)((ulong)v >> 32));
        }

        if (typeof(TKey) == typeof(int))
        {
            return Unsafe.As<TKey, int>(ref key);
        }

        if (typeof(TKey) == typeof(string))
        {
            return JavaStringHash(Unsafe.As<TKey, string>(ref key) ?? throw NullKey());
        }

        return Slow(key);
    }

    /// <summary>Java's <c>String.hashCode</c> over UTF-16 code units.</summary>
    /// <param name="value">The string.</param>
    /// <returns>The hash.</returns>
    public static int JavaStringHash(string value)
    {
        int h = 0;
        foreach (char c in value)
        {
            h = unchecked((31 * h) + c);
        }

        return h;
    }

    private static int Slow<TKey>(TKey key)
    {
        switch (key)
        {
            case null: throw NullKey();
            case IStableHashable hashable: return hashable.GetStableHashCode();
            case bool b: return b ? 1231 : 1237;
            case char c: return c;
            case byte b: return b;
            case sbyte b: return b;
            case short s: return s;
            case ushort s: return s;
            case uint u: return unchecked((int)u);
            case ulong u: return unchecked((int)(u ^ (u >> 32)));
            case Guid g: return JavaUuidHash(g);
            case DateTime d: return Of(d.Ticks);
            case Enum e: return Of(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture));
            case ITuple tuple:
                // Flink's TupleN.hashCode: 31 * (31 * f0 + f1) + f2 ...
                int h = 0;
                for (int i = 0; i < tuple.Length; i++)
                {
                    h = unchecked((31 * h) + ElementHash(tuple[i]));
                }

                return h;
            default:
                throw new NotSupportedException(UnsupportedMessage(key.GetType()));
        }
    }

    // Java's UUID.hashCode over the big-endian most and least significant halves.
    private static int JavaUuidHash(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        long hilo = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes) ^ System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        return (int)(hilo >> 32) ^ (int)hilo;
    }

    private static int ElementHash(object? element) => element switch
    {
        null => 0,
        string s => JavaStringHash(s),
        long l => Of(l),
        int i => i,
        _ => Slow(element),
    };

    /// <summary>Whether keys of type <paramref name="t"/> have a stable hash.</summary>
    /// <param name="t">The key type.</param>
    /// <returns>Whether <see cref="Of{TKey}"/> supports it.</returns>
    public static bool IsSupported(Type t) =>
        typeof(IStableHashable).IsAssignableFrom(t) || t == typeof(string) || t == typeof(long) || t == typeof(int) ||
        t == typeof(bool) || t == typeof(char) || t == typeof(byte) || t == typeof(sbyte) || t == typeof(short) ||
        t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong) || t == typeof(Guid) || t == typeof(DateTime) || t.IsEnum ||
        (typeof(ITuple).IsAssignableFrom(t) && t.IsGenericType && t.GetGenericArguments().All(IsSupported));

    internal static string UnsupportedMessage(Type type) =>
        $"Key type '{type}' has no stable hash, so its key groups would differ between processes. Use string, an integer type, " +
        "bool, char, Guid, DateTime, an enum, a tuple of those, or implement FlinkSdk.State.IStableHashable.";

    private static ArgumentNullException NullKey() => new("key", "Assigned key must not be null!");
}
