using System.Collections.Generic;
using System.Text;
using FlinkSdk.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Generators.Parsing;

/// <summary>Reduces a member type to a <see cref="TypeModel"/>, or null when the type is not supported.</summary>
internal static class TypeParser
{
    private const int MaxDepth = 32;

    public static TypeModel? Parse(ITypeSymbol type) => Parse(type, 0);

    private static TypeModel? Parse(ITypeSymbol type, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (Keyword(type.SpecialType) is { } keyword)
        {
            return Special(type, keyword);
        }

        string fullName = type.ToDisplayString(SymbolExtensions.FullNameFormat);
        switch (type)
        {
            case IArrayTypeSymbol array:
                return ParseArray(array, fullName, depth);
            case INamedTypeSymbol named:
                return ParseNamed(named, fullName, depth);
            default:
                return null;
        }
    }

    /// <summary>A primitive, string or decimal: its keyword is its full name (with <c>?</c> for a nullable string), no display string needed.</summary>
    private static TypeModel Special(ITypeSymbol type, string keyword)
    {
        var kind = type.SpecialType switch
        {
            SpecialType.System_String => TypeModelKind.String,
            SpecialType.System_Decimal => TypeModelKind.BuiltIn,
            _ => TypeModelKind.Primitive,
        };
        string fullName = kind == TypeModelKind.String && type.NullableAnnotation == NullableAnnotation.Annotated ? "string?" : keyword;
        return new TypeModel(kind, fullName, keyword, true, kind == TypeModelKind.BuiltIn ? null : keyword, null, EquatableArray<TypeModel>.Empty);
    }

    private static TypeModel? ParseArray(IArrayTypeSymbol array, string fullName, int depth)
    {
        if (!array.IsSZArray)
        {
            return null;
        }

        if (array.ElementType.SpecialType == SpecialType.System_Byte)
        {
            return new TypeModel(TypeModelKind.BuiltIn, fullName, "byte[]", false, null, null, EquatableArray<TypeModel>.Empty);
        }

        if (Parse(array.ElementType, depth + 1) is not { } element)
        {
            return null;
        }

        return new TypeModel(TypeModelKind.Array, fullName, element.SchemaName + "[]", false, null, null, new EquatableArray<TypeModel>([element]));
    }

    private static TypeModel? ParseNamed(INamedTypeSymbol type, string fullName, int depth)
    {
        if (type.TypeKind == TypeKind.Enum)
        {
            return type.IsOrInGenericOrFileLocalType() ? null : new TypeModel(TypeModelKind.Enum, fullName, QualifiedName(type), true, null, null, EquatableArray<TypeModel>.Empty);
        }

        if (type.TypeKind == TypeKind.Error)
        {
            return null;
        }

        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return Composite(TypeModelKind.Nullable, type, "System.Nullable`1", fullName, depth, immutableWhenElementsAre: true);
        }

        if (type.TypeArguments.Length == 0)
        {
            string qualified = QualifiedName(type);
            switch (qualified)
            {
                case "System.DateTime":
                case "System.DateTimeOffset":
                case "System.TimeSpan":
                case "System.Guid":
                    return type.ContainingType is null
                        ? new TypeModel(TypeModelKind.BuiltIn, fullName, qualified, true, null, null, EquatableArray<TypeModel>.Empty)
                        : null;
            }

            return type.HasAttribute(KnownNames.SnapshotTypeAttribute) ? ParseSnapshotType(type, fullName) : null;
        }

        string definition = SymbolExtensions.MetadataFullName(type.OriginalDefinition);
        if (type.TypeArguments.Length <= 7 && definition == "System.ValueTuple`" + type.TypeArguments.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return Composite(TypeModelKind.Tuple, type, definition, fullName, depth, immutableWhenElementsAre: true);
        }

        return definition switch
        {
            "System.Collections.Generic.List`1" => Composite(TypeModelKind.List, type, definition, fullName, depth, immutableWhenElementsAre: false),
            "System.Collections.Generic.Dictionary`2" => Composite(TypeModelKind.Dictionary, type, definition, fullName, depth, immutableWhenElementsAre: false),
            "System.Collections.Generic.HashSet`1" => Composite(TypeModelKind.HashSet, type, definition, fullName, depth, immutableWhenElementsAre: false),
            "System.Collections.Generic.Queue`1" => Composite(TypeModelKind.Queue, type, definition, fullName, depth, immutableWhenElementsAre: false),
            "System.Collections.Immutable.ImmutableArray`1" => Composite(TypeModelKind.ImmutableArray, type, definition, fullName, depth, immutableWhenElementsAre: true),
            "System.Collections.Immutable.ImmutableList`1" => Composite(TypeModelKind.ImmutableList, type, definition, fullName, depth, immutableWhenElementsAre: true),
            "System.Collections.Immutable.ImmutableHashSet`1" => Composite(TypeModelKind.ImmutableHashSet, type, definition, fullName, depth, immutableWhenElementsAre: true),
            "System.Collections.Immutable.ImmutableDictionary`2" => Composite(TypeModelKind.ImmutableDictionary, type, definition, fullName, depth, immutableWhenElementsAre: true),
            _ => null,
        };
    }

    private static TypeModel? ParseSnapshotType(INamedTypeSymbol type, string fullName)
    {
        if (!SnapshotTypeParser.CanGenerate(type))
        {
            return null;
        }

        string serializer = SnapshotTypeParser.SerializerFullName(type);
        return new TypeModel(TypeModelKind.SnapshotType, fullName, QualifiedName(type), false, null, serializer, EquatableArray<TypeModel>.Empty);
    }

    /// <summary>A generic type of supported type arguments; <paramref name="definition"/> is its metadata name (<c>System.Collections.Generic.List`1</c>).</summary>
    private static TypeModel? Composite(TypeModelKind kind, INamedTypeSymbol type, string definition, string fullName, int depth, bool immutableWhenElementsAre)
    {
        var elements = new List<TypeModel>(type.TypeArguments.Length);
        bool immutable = immutableWhenElementsAre;
        // From metadata, not the display string: that would show Nullable<int> as int? and tuples as (int, string).
        int tick = definition.IndexOf('`');
        var schema = new StringBuilder(definition, 0, tick < 0 ? definition.Length : tick, definition.Length).Append('<');
        foreach (var argument in type.TypeArguments)
        {
            if (Parse(argument, depth + 1) is not { } element)
            {
                return null;
            }

            schema.Append(elements.Count == 0 ? string.Empty : ", ").Append(element.SchemaName);
            elements.Add(element);
            immutable &= element.IsImmutable;
        }

        schema.Append('>');
        return new TypeModel(kind, fullName, schema.ToString(), immutable, null, null, elements.ToEquatableArray());
    }

    /// <summary><c>Ns.Outer.Type</c>: no <c>global::</c>, no generic arguments.</summary>
    private static string QualifiedName(INamedTypeSymbol type) => type.ToDisplayString(SymbolExtensions.QualifiedNameFormat);

    private static string? Keyword(SpecialType type) => type switch
    {
        SpecialType.System_Boolean => "bool",
        SpecialType.System_Byte => "byte",
        SpecialType.System_SByte => "sbyte",
        SpecialType.System_Int16 => "short",
        SpecialType.System_UInt16 => "ushort",
        SpecialType.System_Int32 => "int",
        SpecialType.System_UInt32 => "uint",
        SpecialType.System_Int64 => "long",
        SpecialType.System_UInt64 => "ulong",
        SpecialType.System_Single => "float",
        SpecialType.System_Double => "double",
        SpecialType.System_Char => "char",
        SpecialType.System_String => "string",
        SpecialType.System_Decimal => "decimal",
        _ => null,
    };
}
