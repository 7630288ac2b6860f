using System.Collections.Generic;
using System.Text;
using FlinkSdk.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlinkSdk.Generators.Parsing;

/// <summary>Small questions about symbols shared by the parsers.</summary>
internal static class SymbolExtensions
{
    /// <summary>Fully qualified with <c>global::</c>, keywords for special types, nullable reference annotations kept.</summary>
    public static readonly SymbolDisplayFormat FullNameFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Like <see cref="FullNameFormat"/> but without nullable reference annotations.</summary>
    public static readonly SymbolDisplayFormat FullNameWithoutAnnotationsFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary><c>Namespace.Outer.Type</c>: metadata-style names without <c>global::</c> or generic arguments.</summary>
    public static readonly SymbolDisplayFormat QualifiedNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.None);

    /// <summary>Whether the symbol carries an attribute of the given full name.</summary>
    public static bool HasAttribute(this ISymbol symbol, string attributeFullName) => symbol.FindAttribute(attributeFullName) is not null;

    /// <summary>The first attribute of the given full name, or null.</summary>
    public static AttributeData? FindAttribute(this ISymbol symbol, string attributeFullName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && IsNamed(type, attributeFullName))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>How many attributes of the given full name the symbol carries.</summary>
    public static int CountAttributes(this ISymbol symbol, string attributeFullName)
    {
        int count = 0;
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && IsNamed(type, attributeFullName))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The single <c>int</c> constructor argument of an attribute such as <c>[State(3)]</c>, or null.</summary>
    public static int? IntArgument(this AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length != 1)
        {
            return null;
        }

        var argument = attribute.ConstructorArguments[0];
        return argument.Kind == TypedConstantKind.Primitive && argument.Value is int value ? value : null;
    }

    /// <summary>Whether the type's metadata name (namespace + <c>Name`arity</c>) is <paramref name="metadataName"/>.</summary>
    public static bool IsNamed(this INamedTypeSymbol type, string metadataName)
    {
        // Cheap check first: the simple metadata name must end the full one.
        if (!metadataName.EndsWith(type.MetadataName, System.StringComparison.Ordinal))
        {
            return false;
        }

        return string.Equals(MetadataFullName(type), metadataName, System.StringComparison.Ordinal);
    }

    /// <summary><c>Ns.Outer+Inner`1</c>-free form: <c>Ns.Outer.Inner`1</c>.</summary>
    public static string MetadataFullName(INamedTypeSymbol type)
    {
        var builder = new StringBuilder(type.MetadataName);
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            builder.Insert(0, containing.MetadataName + ".");
        }

        for (var ns = type.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            builder.Insert(0, ns.Name + ".");
        }

        return builder.ToString();
    }

    /// <summary>Whether the type or a base type is (an instantiation of) the generic class <paramref name="metadataName"/>.</summary>
    public static bool DerivesFrom(this INamedTypeSymbol type, string metadataName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition.IsNamed(metadataName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type implements (an instantiation of) the generic interface <paramref name="metadataName"/>.</summary>
    public static bool Implements(this INamedTypeSymbol type, string metadataName)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.OriginalDefinition.IsNamed(metadataName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The namespace name, or empty for the global namespace.</summary>
    public static string NamespaceName(this INamedTypeSymbol type)
        => type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(QualifiedNameFormat) : string.Empty;

    /// <summary>The identifier as C# source: <c>@class</c> for keywords.</summary>
    public static string Escape(string identifier)
        => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary>Whether the type is generic or file-local, or nested in such a type: other files cannot complete or name it.</summary>
    public static bool IsOrInGenericOrFileLocalType(this INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0 || current.IsFileLocal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether code elsewhere in the assembly can name the symbol (it and its containers are public or internal, not file-local).</summary>
    public static bool IsAccessibleInAssembly(this ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current is INamedTypeSymbol { IsFileLocal: true })
            {
                return false;
            }

            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The declaration keyword of a type: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</summary>
    public static string? DeclarationKeyword(this INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Class => type.IsRecord ? "record" : "class",
        TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
        TypeKind.Interface => "interface",
        _ => null,
    };

    /// <summary>Whether every declaration of the type is <c>partial</c>.</summary>
    public static bool IsPartial(this INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        if (type.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration
                || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The containing types, outermost first, or null when one cannot be re-declared partial.</summary>
    public static EquatableArray<ContainingTypeModel>? ContainingTypes(this INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        var chain = new List<ContainingTypeModel>();
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            if (containing.DeclarationKeyword() is not { } keyword || !containing.IsPartial(cancellationToken))
            {
                return null;
            }

            chain.Insert(0, new ContainingTypeModel(keyword, Escape(containing.Name)));
        }

        return chain.ToEquatableArray();
    }
}
