using FlinkSdk.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.State;

/// <summary>
/// Which member types can be checkpointed: exactly those the source generator's <see cref="TypeParser"/> accepts
/// (compiled here as linked source), plus the part of an unsupported type that is to blame.
/// </summary>
internal static class SupportedStateTypes
{
    public const string SupportedText =
        "bool, byte, sbyte, short, ushort, int, uint, long, ulong, float, double, char, string, decimal, enums, DateTime, DateTimeOffset, " +
        "TimeSpan, Guid, byte[], Nullable<T>, T[], List<T>, Dictionary<TKey, TValue>, HashSet<T>, Queue<T>, ImmutableArray<T>, ImmutableList<T>, " +
        "ImmutableHashSet<T>, ImmutableDictionary<TKey, TValue>, value tuples of 1 to 7 items and [SnapshotType] types, nested to any depth";

    public static bool IsSupported(ITypeSymbol type) => TypeParser.Parse(type) is not null;

    /// <summary>The innermost part of <paramref name="type"/> that is not supported (an element or type argument, else the type itself).</summary>
    public static ITypeSymbol UnsupportedPart(ITypeSymbol type)
    {
        for (int depth = 0; depth < 32; depth++)
        {
            ITypeSymbol? culprit = null;
            if (type is IArrayTypeSymbol { IsSZArray: true } array && !IsSupported(array.ElementType))
            {
                culprit = array.ElementType;
            }
            else if (type is INamedTypeSymbol named)
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (!IsSupported(argument))
                    {
                        culprit = argument;
                        break;
                    }
                }
            }

            if (culprit is null)
            {
                return type;
            }

            type = culprit;
        }

        return type;
    }

    /// <summary>Why <paramref name="part"/> is not supported, as a clause for the message ("" when the list of supported types says it all).</summary>
    public static string Reason(ITypeSymbol memberType, ITypeSymbol part)
    {
        string partName = part.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        string prefix = SymbolEqualityComparer.IncludeNullability.Equals(memberType, part) ? string.Empty : " because its part '" + partName + "' is not supported";
        if (part is INamedTypeSymbol named && named.HasAttribute(KnownNames.SnapshotTypeAttribute))
        {
            return prefix + (prefix.Length == 0 ? " because" : ", and") + " [SnapshotType] '" + partName + "' gets no serializer (see FLK1012)";
        }

        if (part is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None } userType
            && userType.ContainingNamespace?.ToDisplayString() is { } ns && !ns.StartsWith("System", System.StringComparison.Ordinal)
            && userType.Locations.Length > 0 && userType.Locations[0].IsInSource)
        {
            return prefix + "; mark '" + partName + "' [SnapshotType] and give its members [Key] ids";
        }

        if (part is IArrayTypeSymbol { IsSZArray: false })
        {
            return prefix + "; multi-dimensional arrays are not supported, use an array of arrays";
        }

        return prefix;
    }
}
