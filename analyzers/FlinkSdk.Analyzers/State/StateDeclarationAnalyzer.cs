using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using FlinkSdk.Analyzers.Diagnostics;
using FlinkSdk.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FlinkSdk.Analyzers.State;

/// <summary>
/// Checks annotated state declarations: <c>[StatefulOperator]</c> classes, their <c>[State]</c> members and
/// checkpoint callbacks, and <c>[SnapshotType]</c> types with their <c>[Key]</c> members. Every rule names
/// a declaration the source generator skips without a word.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StateDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property: the smallest id not used in the type, for "assign the next free id" fixes.</summary>
    public const string NextFreeIdProperty = "NextFreeId";

    /// <summary>Property: the attribute the diagnostic is about (<c>State</c> or <c>Key</c>).</summary>
    public const string AttributeProperty = "Attribute";

    /// <summary>Property: the name of the type declaration that must become partial.</summary>
    public const string TypeNameProperty = "TypeName";

    private static readonly ImmutableArray<DiagnosticDescriptor> Descriptors = ImmutableArray.Create(
        StateDescriptors.OperatorNotPartial,
        StateDescriptors.StateMemberNotWritable,
        StateDescriptors.UnsupportedStateType,
        StateDescriptors.DuplicateId,
        StateDescriptors.NegativeId,
        StateDescriptors.MissingId,
        StateDescriptors.SnapshotMemberWithoutKey,
        StateDescriptors.UnsupportedOperatorBase,
        StateDescriptors.StateOutsideStatefulOperator,
        StateDescriptors.OperatorCannotBeGenerated,
        StateDescriptors.SnapshotTypeCannotBeGenerated,
        StateDescriptors.InvalidCheckpointCallback);

    private static readonly (string Attribute, string Name, bool AllowNoArguments)[] Callbacks =
    {
        (KnownNames.BeforeSnapshotAttribute, "BeforeSnapshot", true),
        (KnownNames.OnCheckpointCompleteAttribute, "OnCheckpointComplete", false),
        (KnownNames.OnCheckpointAbortedAttribute, "OnCheckpointAborted", false),
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownNames.StateAttribute) is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => AnalyzeType((INamedTypeSymbol)symbol.Symbol, symbol.ReportDiagnostic, symbol.CancellationToken), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(INamedTypeSymbol type, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        bool isOperator = type.HasAttribute(KnownNames.StatefulOperatorAttribute);
        if (isOperator)
        {
            AnalyzeOperator(type, report, cancellationToken);
        }

        AnalyzeCallbacks(type, isOperator, report);
        if (type.HasAttribute(KnownNames.SnapshotTypeAttribute))
        {
            AnalyzeSnapshotType(type, report, cancellationToken);
        }

        foreach (var member in type.GetMembers())
        {
            if (!isOperator && member.FindAttribute(KnownNames.StateAttribute) is { } state)
            {
                report(Diagnostic.Create(StateDescriptors.StateOutsideStatefulOperator, AttributeLocation(state, member, cancellationToken), member.Name, type.Name));
            }
        }
    }

    private static void AnalyzeOperator(INamedTypeSymbol type, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var location = type.Locations.Length > 0 ? type.Locations[0] : Location.None;
        if (type.IsStatic)
        {
            report(Diagnostic.Create(StateDescriptors.OperatorCannotBeGenerated, location, type.Name, "it is static"));
        }
        else if (type.IsOrInGenericOrFileLocalType())
        {
            report(Diagnostic.Create(StateDescriptors.OperatorCannotBeGenerated, location, type.Name, "it is generic, file-local or nested in such a type; declare it as a non-generic class"));
        }

        ReportNotPartial(type, type, "it is", report, cancellationToken);
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            ReportNotPartial(type, containing, "its containing type '" + containing.Name + "' is", report, cancellationToken);
        }

        if (!HasErrorBase(type) && !OperatorBases.IsSupported(type))
        {
            report(Diagnostic.Create(StateDescriptors.UnsupportedOperatorBase, location, type.Name, OperatorBases.SupportedText));
        }

        var members = new List<(ISymbol Member, AttributeData Attribute)>();
        foreach (var member in type.GetMembers())
        {
            if (member is (IFieldSymbol or IPropertySymbol) && member.FindAttribute(KnownNames.StateAttribute) is { } attribute)
            {
                members.Add((member, attribute));
                if (StateMemberProblem(member, cancellationToken) is { } problem)
                {
                    report(Diagnostic.Create(StateDescriptors.StateMemberNotWritable, member.Locations[0], member.Name, problem));
                }

                ReportUnsupportedType(member, report, cancellationToken);
            }
        }

        ReportIds(type, members, "State", report, cancellationToken);
    }

    private static void AnalyzeSnapshotType(INamedTypeSymbol type, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        var location = type.Locations.Length > 0 ? type.Locations[0] : Location.None;
        if (!SnapshotTypeParser.CanGenerate(type))
        {
            report(Diagnostic.Create(StateDescriptors.SnapshotTypeCannotBeGenerated, location, type.Name, WhyNoSerializer(type)));
        }

        var keyed = new List<(ISymbol Member, AttributeData Attribute)>();
        var autoProperties = AutoProperties(type);
        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared || member is not (IFieldSymbol or IPropertySymbol))
            {
                continue;
            }

            if (member.FindAttribute(KnownNames.KeyAttribute) is { } attribute)
            {
                keyed.Add((member, attribute));
                ReportUnsupportedType(member, report, cancellationToken);
            }
        }

        int nextFree = ReportIds(type, keyed, "Key", report, cancellationToken);
        ReportKeyedMembersNotRead(type, keyed, report, cancellationToken);
        foreach (var member in type.GetMembers())
        {
            bool dataMember = member is IFieldSymbol { IsConst: false, IsImplicitlyDeclared: false } || (member is IPropertySymbol property && autoProperties.Contains(property));
            if (dataMember && !member.IsStatic && IsAccessible(member) && !member.HasAttribute(KnownNames.KeyAttribute))
            {
                report(Diagnostic.Create(
                    StateDescriptors.SnapshotMemberWithoutKey,
                    member.Locations[0],
                    ImmutableDictionary<string, string?>.Empty.Add(NextFreeIdProperty, Text(nextFree)).Add(AttributeProperty, "Key"),
                    member.Name,
                    type.Name,
                    Text(nextFree)));
            }
        }
    }

    /// <summary>[Key] members with a valid id and type that the generated serializer still cannot set (no setter, no constructor parameter).</summary>
    private static void ReportKeyedMembersNotRead(INamedTypeSymbol type, List<(ISymbol Member, AttributeData Attribute)> keyed, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        if (!SnapshotTypeParser.CanGenerate(type) || SnapshotTypeParser.Parse(type, cancellationToken) is not { } model)
        {
            return;
        }

        var generated = new HashSet<int>();
        foreach (var member in model.Members)
        {
            generated.Add(member.Id);
        }

        var ids = new Dictionary<int, int>();
        foreach (var (_, attribute) in keyed)
        {
            if (attribute.IntArgument() is { } id)
            {
                ids[id] = ids.TryGetValue(id, out int count) ? count + 1 : 1;
            }
        }

        foreach (var (member, attribute) in keyed)
        {
            if (attribute.IntArgument() is not { } id || id < 0 || ids[id] > 1 || generated.Contains(id) || !SupportedStateTypes.IsSupported(MemberType(member)!))
            {
                continue;
            }

            string reason = !IsAccessible(member) ? "not public or internal, so the generated serializer cannot reach it"
                : member is IFieldSymbol { IsConst: true } ? "a constant"
                : member is IPropertySymbol { IsIndexer: true } ? "an indexer"
                : "read-only and no constructor parameter of the same name sets it, so a restore cannot assign it";
            report(Diagnostic.Create(StateDescriptors.StateMemberNotWritable, member.Locations[0], member.Name, reason));
        }
    }

    private static void AnalyzeCallbacks(INamedTypeSymbol type, bool isOperator, System.Action<Diagnostic> report)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            foreach (var (attribute, name, allowNoArguments) in Callbacks)
            {
                if (!method.HasAttribute(attribute))
                {
                    continue;
                }

                string signature = allowNoArguments ? "'void " + method.Name + "(long checkpointId)' or 'void " + method.Name + "()'" : "'void " + method.Name + "(long checkpointId)'";
                bool validShape = !method.IsStatic && method.ReturnsVoid && !method.IsGenericMethod && method.MethodKind == MethodKind.Ordinary
                    && ((method.Parameters.Length == 1 && method.Parameters[0] is { RefKind: RefKind.None, Type.SpecialType: SpecialType.System_Int64 })
                        || (allowNoArguments && method.Parameters.Length == 0));
                string? problem = !isOperator ? "declared in a [StatefulOperator] class"
                    : !validShape ? "a non-generic instance method " + signature
                    : null;
                if (problem is not null)
                {
                    report(Diagnostic.Create(StateDescriptors.InvalidCheckpointCallback, method.Locations[0], name, method.Name, problem));
                }
            }
        }
    }

    /// <summary>Reports missing, negative and duplicate ids; returns the next free id.</summary>
    private static int ReportIds(INamedTypeSymbol type, List<(ISymbol Member, AttributeData Attribute)> members, string attributeName, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        int nextFree = 0;
        foreach (var (_, attribute) in members)
        {
            if (attribute.IntArgument() is { } id && id >= nextFree)
            {
                nextFree = id == int.MaxValue ? id : id + 1;
            }
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(NextFreeIdProperty, Text(nextFree)).Add(AttributeProperty, attributeName);
        var firstById = new Dictionary<int, ISymbol>();
        foreach (var (member, attribute) in Ordered(members))
        {
            if (attribute.AttributeConstructor is null && attribute.ConstructorArguments.Length == 0 && !HasArguments(attribute, cancellationToken))
            {
                report(Diagnostic.Create(StateDescriptors.MissingId, AttributeLocation(attribute, member, cancellationToken), properties, attributeName, member.Name, Text(nextFree)));
                continue;
            }

            if (attribute.IntArgument() is not { } id)
            {
                continue;
            }

            var argument = ArgumentLocation(attribute, member, cancellationToken);
            if (id < 0)
            {
                report(Diagnostic.Create(StateDescriptors.NegativeId, argument, properties, attributeName, Text(id), member.Name, Text(nextFree)));
            }
            else if (firstById.TryGetValue(id, out var first))
            {
                report(Diagnostic.Create(
                    StateDescriptors.DuplicateId, argument, new[] { first.Locations[0] }, properties, attributeName, Text(id), member.Name, first.Name, type.Name, Text(nextFree)));
            }
            else
            {
                firstById.Add(id, member);
            }
        }

        return nextFree;
    }

    private static void ReportNotPartial(INamedTypeSymbol operatorType, INamedTypeSymbol declared, string subject, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        foreach (var reference in declared.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                && !declaration.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PartialKeyword))
            {
                report(Diagnostic.Create(
                    StateDescriptors.OperatorNotPartial,
                    declaration.Identifier.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(TypeNameProperty, declared.Name),
                    operatorType.Name,
                    subject));
            }
        }
    }

    private static void ReportUnsupportedType(ISymbol member, System.Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        if (MemberType(member) is not { } type || type.TypeKind == TypeKind.Error || SupportedStateTypes.IsSupported(type))
        {
            return;
        }

        var part = SupportedStateTypes.UnsupportedPart(type);
        report(Diagnostic.Create(
            StateDescriptors.UnsupportedStateType,
            TypeLocation(member, cancellationToken),
            type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
            member.Name,
            SupportedStateTypes.Reason(type, part),
            SupportedStateTypes.SupportedText));
    }

    /// <summary>Why a [State] member cannot hold state, or <see langword="null"/> when it can (the generator's rules).</summary>
    private static string? StateMemberProblem(ISymbol member, CancellationToken cancellationToken)
    {
        switch (member)
        {
            case IFieldSymbol { IsConst: true }:
                return "a constant";
            case IFieldSymbol { IsStatic: true }:
            case IPropertySymbol { IsStatic: true }:
                return "static, so it is shared by every parallel instance instead of being state of one";
            case IFieldSymbol { IsReadOnly: true }:
                return "readonly";
            case IPropertySymbol { IsIndexer: true }:
                return "an indexer";
            case IPropertySymbol { IsAbstract: true }:
                return "abstract";
            case IPropertySymbol { ReturnsByRef: true } or IPropertySymbol { ReturnsByRefReadonly: true }:
                return "a ref-returning property";
            case IPropertySymbol { SetMethod: null }:
                return "a property without a setter";
            case IPropertySymbol { SetMethod.IsInitOnly: true }:
                return "an init-only property";
            case IPropertySymbol property when !IsAutoProperty(property, cancellationToken):
                return "a property with accessor bodies rather than an auto-property";
            default:
                return null;
        }
    }

    private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null })
            {
                return false;
            }

            foreach (var accessor in accessors.Accessors)
            {
                if (accessor.Body is not null || accessor.ExpressionBody is not null)
                {
                    return false;
                }
            }
        }

        return property.DeclaringSyntaxReferences.Length > 0;
    }

    /// <summary>Auto-properties (including a record's positional ones): those with a compiler-generated backing field.</summary>
    private static HashSet<IPropertySymbol> AutoProperties(INamedTypeSymbol type)
    {
        var properties = new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default);
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: true, AssociatedSymbol: IPropertySymbol property })
            {
                properties.Add(property);
            }
        }

        return properties;
    }

    private static string WhyNoSerializer(INamedTypeSymbol type)
    {
        if (type.IsStatic)
        {
            return "it is static";
        }

        if (type.IsAbstract)
        {
            return "it is abstract; mark the concrete types instead";
        }

        if (type.IsRefLikeType)
        {
            return "it is a ref struct";
        }

        if (type.IsOrInGenericOrFileLocalType())
        {
            return "it is generic, file-local or nested in such a type";
        }

        if (!type.IsAccessibleInAssembly())
        {
            return "it or a type containing it is private or protected; make it public or internal";
        }

        return "it has neither an accessible parameterless constructor nor a constructor whose parameters all match [Key] members by name and type";
    }

    private static bool HasErrorBase(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.TypeKind == TypeKind.Error)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAccessible(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    private static ITypeSymbol? MemberType(ISymbol member) => member switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static List<(ISymbol Member, AttributeData Attribute)> Ordered(List<(ISymbol Member, AttributeData Attribute)> members)
    {
        var ordered = new List<(ISymbol Member, AttributeData Attribute)>(members);
        ordered.Sort((a, b) =>
        {
            var left = a.Member.Locations[0];
            var right = b.Member.Locations[0];
            int byFile = string.CompareOrdinal(left.SourceTree?.FilePath, right.SourceTree?.FilePath);
            return byFile != 0 ? byFile : left.SourceSpan.Start.CompareTo(right.SourceSpan.Start);
        });
        return ordered;
    }

    private static bool HasArguments(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 };

    private static Location AttributeLocation(AttributeData attribute, ISymbol member, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? member.Locations[0];

    private static Location ArgumentLocation(AttributeData attribute, ISymbol member, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments: { Count: > 0 } arguments }
            ? arguments[0].Expression.GetLocation()
            : AttributeLocation(attribute, member, cancellationToken);

    /// <summary>The member's type as written, else its name.</summary>
    private static Location TypeLocation(ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            TypeSyntax? type = syntax switch
            {
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => declaration.Type,
                PropertyDeclarationSyntax property => property.Type,
                ParameterSyntax parameter => parameter.Type,
                _ => null,
            };
            if (type is not null)
            {
                return type.GetLocation();
            }
        }

        return member.Locations[0];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
