using System;

namespace FlinkSdk.Configuration;

/// <summary>A number of bytes, parsed and printed in Flink's notation (<c>20 kb</c> = 20480 bytes).</summary>
public readonly record struct MemorySize : IComparable<MemorySize>
{
    /// <summary>Creates a size of <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">The size in bytes; must not be negative.</param>
    public MemorySize(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Bytes = bytes;
    }

    /// <summary>The size in bytes.</summary>
    public long Bytes { get; }

    /// <summary>Creates a size of <paramref name="kibibytes"/> × 1024 bytes.</summary>
    /// <param name="kibibytes">The number of kibibytes.</param>
    /// <returns>The size.</returns>
    public static MemorySize FromKibibytes(long kibibytes) => new(checked(kibibytes * 1024));

    /// <summary>Creates a size of <paramref name="mebibytes"/> × 1024² bytes.</summary>
    /// <param name="mebibytes">The number of mebibytes.</param>
    /// <returns>The size.</returns>
    public static MemorySize FromMebibytes(long mebibytes) => new(checked(mebibytes * 1024 * 1024));

    /// <summary>Parses Flink's notation: a whole number and an optional unit (b, kb, mb, gb, tb).</summary>
    /// <param name="text">The text, e.g. <c>20 kb</c>.</param>
    /// <returns>The size.</returns>
    /// <exception cref="FormatException">The text is not a memory size; the message says why and what is valid.</exception>
    public static MemorySize Parse(string text) =>
        TryParse(text, out var size, out var error)
            ? size
            : throw new FormatException($"Cannot parse memory size '{text}': {error}. Expected {MemorySizeParser.ValidFormatsText}.");

    /// <summary>Parses Flink's notation without throwing.</summary>
    /// <param name="text">The text, e.g. <c>20 kb</c>.</param>
    /// <param name="size">The size, when parsing succeeded.</param>
    /// <returns>Whether the text is a valid memory size.</returns>
    public static bool TryParse(string? text, out MemorySize size) => TryParse(text, out size, out _);

    private static bool TryParse(string? text, out MemorySize size, out string? error)
    {
        bool ok = MemorySizeParser.TryParse(text, out long bytes, out error);
        size = ok ? new MemorySize(bytes) : default;
        return ok;
    }

    /// <inheritdoc/>
    public int CompareTo(MemorySize other) => Bytes.CompareTo(other.Bytes);

    /// <summary>Whether <paramref name="left"/> is smaller than <paramref name="right"/>.</summary>
    /// <param name="left">The first size.</param>
    /// <param name="right">The second size.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <(MemorySize left, MemorySize right) => left.Bytes < right.Bytes;

    /// <summary>Whether <paramref name="left"/> is larger than <paramref name="right"/>.</summary>
    /// <param name="left">The first size.</param>
    /// <param name="right">The second size.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >(MemorySize left, MemorySize right) => left.Bytes > right.Bytes;

    /// <summary>Whether <paramref name="left"/> is at most <paramref name="right"/>.</summary>
    /// <param name="left">The first size.</param>
    /// <param name="right">The second size.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <=(MemorySize left, MemorySize right) => left.Bytes <= right.Bytes;

    /// <summary>Whether <paramref name="left"/> is at least <paramref name="right"/>.</summary>
    /// <param name="left">The first size.</param>
    /// <param name="right">The second size.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >=(MemorySize left, MemorySize right) => left.Bytes >= right.Bytes;

    /// <summary>Prints the size in its largest exact unit, e.g. <c>20 kb</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => MemorySizeParser.Format(Bytes);
}
