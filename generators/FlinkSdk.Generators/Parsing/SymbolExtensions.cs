using System.Collections.Generic;
using System.Text;
using FlinkSdk.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
        if (!MayHaveAttributes(symbol))
        {
            return null;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && IsNamed(type, attributeFullName))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The attribute of the given full name when the symbol carries exactly one; null for none or several.</summary>
    public static AttributeData? SingleAttribute(this ISymbol symbol, string attributeFullName)
    {
        if (!MayHaveAttributes(symbol))
        {
            return null;
        }

        AttributeData? found = null;
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && IsNamed(type, attributeFullName))
            {
                if (found is not null)
                {
                    return null;
                }

                found = attribute;
            }
        }

        return found;
    }

    /// <summary>
    /// False when no declaration of the source symbol has an attribute list, so it has no attributes; true otherwise
    /// (also for symbols from metadata or without declarations). <see cref="ISymbol.GetAttributes"/> binds every
    /// attribute of a symbol the first time it is asked in a compilation, which after each edit is the generator's
    /// largest cost; looking at the syntax first skips it for the many members that carry none.
    /// </summary>
    public static bool MayHaveAttributes(ISymbol symbol)
    {
        var references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return true;
        }

        foreach (var reference in references)
        {
            var lists = reference.GetSyntax() switch
            {
                MemberDeclarationSyntax member => member.AttributeLists,
                VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } => field.AttributeLists,
                ParameterSyntax parameter => parameter.AttributeLists,
                _ => default(SyntaxList<AttributeListSyntax>?),
            };
            if (lists is not { Count: 0 })
            {
                return true;
            }
        }

        return false;
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
    /// <remarks>Compares name by name from the end, without building the full name: it is asked for every attribute seen.</remarks>
    public static bool IsNamed(this INamedTypeSymbol type, string metadataName)
    {
        int end = metadataName.Length;
        if (!TrimLastName(metadataName, ref end, type.MetadataName))
        {
            return false;
        }

        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            if (!TrimLastName(metadataName, ref end, containing.MetadataName))
            {
                return false;
            }
        }

        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (!TrimLastName(metadataName, ref end, ns.Name))
            {
                return false;
            }
        }

        return end == 0;
    }

    /// <summary>
    /// Whether <paramref name="fullName"/>[..<paramref name="end"/>] ends with <paramref name="name"/> (after a dot
    /// unless it is the last name); if so moves <paramref name="end"/> before it.
    /// </summary>
    private static bool TrimLastName(string fullName, ref int end, string name)
    {
        int stop = end;
        if (stop != fullName.Length)
        {
            if (stop == 0 || fullName[stop - 1] != '.')
            {
                return false;
            }

            stop--;
        }

        int start = stop - name.Length;
        if (start < 0 || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0)
        {
            return false;
        }

        end = start;
        return true;
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
