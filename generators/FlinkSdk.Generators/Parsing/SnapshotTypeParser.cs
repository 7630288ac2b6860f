using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FlinkSdk.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Generators.Parsing;

/// <summary>Reads a <c>[SnapshotType]</c> type into a <see cref="SnapshotTypeModel"/>.</summary>
internal static class SnapshotTypeParser
{
    /// <summary>The model, or null when no serializer can be generated for the type.</summary>
    public static SnapshotTypeModel? Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.SingleAttribute(KnownNames.SnapshotTypeAttribute) is null || !CanGenerate(type))
        {
            return null;
        }

        var constructor = ChooseConstructor(type);
        var keyed = KeyedMembers(type, cancellationToken);
        var members = new List<SnapshotMemberModel>();
        var memberIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in keyed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (candidate.Type is null)
            {
                continue;
            }

            SnapshotMemberAssignment? assignment =
                constructor is not null && constructor.Parameters.Any(p => NameMatches(p, candidate.Symbol)) ? SnapshotMemberAssignment.Constructor
                : candidate.Symbol switch
                {
                    IFieldSymbol { IsReadOnly: false } => SnapshotMemberAssignment.Set,
                    IPropertySymbol { SetMethod: { } setter } when IsAccessible(setter) => setter.IsInitOnly ? SnapshotMemberAssignment.Init : SnapshotMemberAssignment.Set,
                    _ => null,
                };
            if (assignment is { } how)
            {
                members.Add(new SnapshotMemberModel(candidate.Id, SymbolExtensions.Escape(candidate.Symbol.Name), candidate.Type, how));
                memberIds[candidate.Symbol.Name] = candidate.Id;
            }
        }

        var arguments = new List<ConstructorArgumentModel>();
        if (constructor is not null)
        {
            foreach (var parameter in constructor.Parameters)
            {
                int id = memberIds.TryGetValue(parameter.Name, out int found) ? found : -1;
                arguments.Add(new ConstructorArgumentModel(id, parameter.Type.ToDisplayString(SymbolExtensions.FullNameFormat)));
            }
        }

        return new SnapshotTypeModel(
            HintName(type),
            type.NamespaceName(),
            SerializerName(type),
            type.ToDisplayString(SymbolExtensions.FullNameWithoutAnnotationsFormat),
            type.IsValueType,
            constructor is not null,
            arguments.ToEquatableArray(),
            members.OrderBy(m => m.Id).ToEquatableArray());
    }

    /// <summary>
    /// Whether a serializer is generated for the type: a non-generic, non-abstract class or struct that the rest of
    /// the assembly can name, with an accessible parameterless constructor or one whose parameters all match
    /// <c>[Key]</c> members. Cheap: member types are not examined, so referencing types can ask without recursion.
    /// </summary>
    public static bool CanGenerate(INamedTypeSymbol type)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)
            || type.IsStatic || type.IsAbstract || type.IsRefLikeType || type.IsOrInGenericOrFileLocalType() || !type.IsAccessibleInAssembly()
            || !type.HasAttribute(KnownNames.SnapshotTypeAttribute))
        {
            return false;
        }

        return type.IsValueType || HasParameterlessConstructor(type) || ChooseConstructor(type) is not null;
    }

    /// <summary><c>global::Ns.OrderStateSerializer</c>.</summary>
    public static string SerializerFullName(INamedTypeSymbol type)
    {
        string ns = type.NamespaceName();
        return "global::" + (ns.Length == 0 ? string.Empty : ns + ".") + SerializerName(type);
    }

    /// <summary><c>OrderStateSerializer</c>; for nested types the containing types' names come first: <c>Outer_InnerStateSerializer</c>.</summary>
    private static string SerializerName(INamedTypeSymbol type)
    {
        string name = type.Name;
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            name = containing.Name + "_" + name;
        }

        return name + "StateSerializer";
    }

    /// <summary>
    /// <c>Ns.Outer.Type.StateSerializer.g.cs</c>: from the type's full name, which is unique (serializer names are not:
    /// nested <c>A.B</c> and top-level <c>A_B</c> both give <c>A_BStateSerializer</c>).
    /// </summary>
    private static string HintName(INamedTypeSymbol type)
        => type.ToDisplayString(SymbolExtensions.QualifiedNameFormat) + ".StateSerializer.g.cs";

    private static bool HasParameterlessConstructor(INamedTypeSymbol type)
        => type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && IsAccessible(c));

    /// <summary>The constructor to call when there is no accessible parameterless one: the longest whose parameters all match keyed members.</summary>
    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type)
    {
        if (type.IsValueType || HasParameterlessConstructor(type))
        {
            return null;
        }

        var keyed = type.GetMembers().Where(m => !m.IsStatic && m is (IFieldSymbol or IPropertySymbol) && m.HasAttribute(KnownNames.KeyAttribute)).ToList();
        IMethodSymbol? best = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 0 || !IsAccessible(constructor)
                || !constructor.Parameters.All(p => p.RefKind == RefKind.None && keyed.Any(m => NameMatches(p, m) && SymbolEqualityComparer.Default.Equals(p.Type, MemberType(m)))))
            {
                continue;
            }

            if (best is null || constructor.Parameters.Length > best.Parameters.Length)
            {
                best = constructor;
            }
        }

        return best;
    }

    private static bool NameMatches(IParameterSymbol parameter, ISymbol member)
        => string.Equals(parameter.Name, member.Name, StringComparison.OrdinalIgnoreCase);

    private static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static bool IsAccessible(ISymbol symbol)
        => symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    /// <summary>Readable keyed members with a valid, unique id; <c>Type</c> is null when the member's type is unsupported.</summary>
    private static List<(ISymbol Symbol, int Id, TypeModel? Type)> KeyedMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var result = new List<(ISymbol Symbol, int Id, TypeModel? Type)>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsStatic || member is not (IFieldSymbol or IPropertySymbol) || !IsAccessible(member)
                || member.SingleAttribute(KnownNames.KeyAttribute)?.IntArgument() is not { } id || id < 0)
            {
                continue;
            }

            ITypeSymbol? memberType = member switch
            {
                IFieldSymbol { IsConst: false } field => field.Type,
                IPropertySymbol { IsIndexer: false, ReturnsByRef: false, ReturnsByRefReadonly: false, GetMethod: { } getter } property when IsAccessible(getter) => property.Type,
                _ => null,
            };
            if (memberType is null)
            {
                continue;
            }

            result.Add((member, id, TypeParser.Parse(memberType)));
        }

        var duplicates = new HashSet<int>(result.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        result.RemoveAll(m => duplicates.Contains(m.Id));
        return result;
    }
}
