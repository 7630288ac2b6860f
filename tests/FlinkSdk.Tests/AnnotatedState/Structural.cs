using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// Structural equality of state values, independent of their own <c>Equals</c> (records compare collections by
/// reference): floats by their bits, decimals by value and scale, dates with their kind and offset, sequences in order,
/// sets and dictionaries regardless of order, tuples item by item, and other objects member by member.
/// </summary>
internal static class Structural
{
    /// <summary>The first difference as "path: expected … but found …", or <see langword="null"/> when the values are equal.</summary>
    public static string? Diff(object? expected, object? actual, string path = "value")
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : Differs(path, expected, actual);
        }

        var type = expected.GetType();
        if (type != actual.GetType())
        {
            return $"{path}: expected a {type.Name} but found a {actual.GetType().Name}";
        }

        switch (expected)
        {
            case double d:
                return BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)actual) ? null : Differs(path, expected, actual);
            case float f:
                return BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits((float)actual) ? null : Differs(path, expected, actual);
            case decimal m:
                // 1.0m and 1.00m are Equal but differ in scale, which the serializer keeps (a zero's sign it does not: -0m
                // prints as "0", and equals 0m).
                return m == (decimal)actual && m.Scale == ((decimal)actual).Scale ? null : Differs(path, expected, actual);
            case DateTime t:
                var other = (DateTime)actual;
                return t.Ticks == other.Ticks && t.Kind == other.Kind ? null : Differs(path, $"{t:O} ({t.Kind})", $"{other:O} ({other.Kind})");
            case DateTimeOffset o:
                var otherOffset = (DateTimeOffset)actual;
                return o.Ticks == otherOffset.Ticks && o.Offset == otherOffset.Offset ? null : Differs(path, o.ToString("O", CultureInfo.InvariantCulture), otherOffset.ToString("O", CultureInfo.InvariantCulture));
            case string or bool or char or Guid or TimeSpan or Enum:
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                return expected.Equals(actual) ? null : Differs(path, expected, actual);
            case byte[] bytes:
                return bytes.AsSpan().SequenceEqual((byte[])actual) ? null : Differs(path, Convert.ToHexString(bytes), Convert.ToHexString((byte[])actual));
            case ITuple tuple:
                return DiffItems(Items(tuple), Items((ITuple)actual), path, ordered: true, ".Item");
            case IDictionary dictionary:
                return DiffDictionaries(dictionary, (IDictionary)actual, path);
            case IEnumerable sequence:
                if (IsDefaultImmutableArray(expected) || IsDefaultImmutableArray(actual))
                {
                    return IsDefaultImmutableArray(expected) == IsDefaultImmutableArray(actual) ? null : Differs(path, "default", "initialized");
                }

                return DiffItems([.. sequence.Cast<object?>()], [.. ((IEnumerable)actual).Cast<object?>()], path, ordered: !IsSet(type), "[");
            default:
                return DiffMembers(expected, actual, type, path);
        }
    }

    private static string Differs(string path, object? expected, object? actual)
        => $"{path}: expected {Show(expected)} but found {Show(actual)}";

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static List<object?> Items(ITuple tuple) => [.. Enumerable.Range(0, tuple.Length).Select(i => tuple[i])];

    private static bool IsSet(Type type) => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>));

    private static bool IsDefaultImmutableArray(object value)
        => value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>)
            && (bool)type.GetProperty("IsDefault")!.GetValue(value)!;

    private static string? DiffItems(List<object?> expected, List<object?> actual, string path, bool ordered, string index)
    {
        if (expected.Count != actual.Count)
        {
            return $"{path}: expected {expected.Count} items but found {actual.Count}";
        }

        if (ordered)
        {
            for (int i = 0; i < expected.Count; i++)
            {
                string itemPath = index == "[" ? $"{path}[{i}]" : $"{path}{index}{i + 1}";
                if (Diff(expected[i], actual[i], itemPath) is { } difference)
                {
                    return difference;
                }
            }

            return null;
        }

        // A set: every expected item has an equal one among the actual items (sets are small here).
        var unmatched = new List<object?>(actual);
        foreach (var item in expected)
        {
            int match = unmatched.FindIndex(candidate => Diff(item, candidate) is null);
            if (match < 0)
            {
                return $"{path}: expected an item {Show(item)} that is missing";
            }

            unmatched.RemoveAt(match);
        }

        return null;
    }

    private static string? DiffDictionaries(IDictionary expected, IDictionary actual, string path)
    {
        if (expected.Count != actual.Count)
        {
            return $"{path}: expected {expected.Count} entries but found {actual.Count}";
        }

        foreach (DictionaryEntry entry in expected)
        {
            if (!actual.Contains(entry.Key))
            {
                return $"{path}: the key {Show(entry.Key)} is missing";
            }

            if (Diff(entry.Value, actual[entry.Key], $"{path}[{Show(entry.Key)}]") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static string? DiffMembers(object expected, object actual, Type type, string path)
    {
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Diff(field.GetValue(expected), field.GetValue(actual), path + "." + field.Name) is { } difference)
            {
                return difference;
            }
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (Diff(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }
}
