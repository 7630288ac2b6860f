using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FlinkSdk.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlinkSdk.Generators.Parsing;

/// <summary>Reads a <c>[StatefulOperator]</c> class into an <see cref="OperatorModel"/>.</summary>
internal static class OperatorParser
{
    /// <summary>The model, or null when no code can be generated for the class.</summary>
    public static OperatorModel? Parse(INamedTypeSymbol type, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsOrInGenericOrFileLocalType()
            || type.CountAttributes(KnownNames.StatefulOperatorAttribute) != 1
            || node is not ClassDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
            || !type.IsPartial(cancellationToken))
        {
            return null;
        }

        if (ScopeOf(type) is not { } scope)
        {
            return null;
        }

        if (type.ContainingTypes(cancellationToken) is not { } containing)
        {
            return null;
        }

        var members = new List<StateMemberModel>();
        var before = new List<CallbackModel>();
        var complete = new List<CallbackModel>();
        var aborted = new List<CallbackModel>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case IFieldSymbol or IPropertySymbol:
                    if (ParseState(member, cancellationToken) is { } state)
                    {
                        members.Add(state);
                    }

                    break;
                case IMethodSymbol method:
                    AddCallback(method, KnownNames.BeforeSnapshotAttribute, allowNoArguments: true, before);
                    AddCallback(method, KnownNames.OnCheckpointCompleteAttribute, allowNoArguments: false, complete);
                    AddCallback(method, KnownNames.OnCheckpointAbortedAttribute, allowNoArguments: false, aborted);
                    break;
            }
        }

        var duplicates = new HashSet<int>(members.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        members.RemoveAll(m => duplicates.Contains(m.Id));

        string ns = type.NamespaceName();
        string displayName = type.ToDisplayString(SymbolExtensions.QualifiedNameFormat);
        return new OperatorModel(
            displayName + ".g.cs",
            ns,
            containing,
            SymbolExtensions.Escape(type.Name),
            displayName,
            scope,
            members.OrderBy(m => m.Id).ToEquatableArray(),
            before.ToEquatableArray(),
            complete.ToEquatableArray(),
            aborted.ToEquatableArray());
    }

    /// <summary>Where the class's state lives, by its base type; null for a class the runtime never checkpoints.</summary>
    private static StateScope? ScopeOf(INamedTypeSymbol type)
    {
        if (type.DerivesFrom(KnownNames.KeyedProcessFunction))
        {
            return StateScope.Keyed;
        }

        if (type.DerivesFrom(KnownNames.ProcessFunction))
        {
            return StateScope.Operator;
        }

        if (type.DerivesFrom(KnownNames.RichMapFunction) || type.DerivesFrom(KnownNames.RichFlatMapFunction) || type.DerivesFrom(KnownNames.RichFilterFunction))
        {
            return StateScope.ByStream;
        }

        return type.Implements(KnownNames.SourceReader) || type.Implements(KnownNames.SinkWriter) ? StateScope.Operator : null;
    }

    private static StateMemberModel? ParseState(ISymbol member, CancellationToken cancellationToken)
    {
        if (member.IsStatic || member.CountAttributes(KnownNames.StateAttribute) != 1
            || member.FindAttribute(KnownNames.StateAttribute)?.IntArgument() is not { } id || id < 0)
        {
            return null;
        }

        ITypeSymbol? type = member switch
        {
            IFieldSymbol { IsReadOnly: false, IsConst: false, IsImplicitlyDeclared: false } field => field.Type,
            IPropertySymbol property when IsAutoProperty(property, cancellationToken) => property.Type,
            _ => null,
        };
        return type is not null && TypeParser.Parse(type) is { } model
            ? new StateMemberModel(id, SymbolExtensions.Escape(member.Name), member.Name, model)
            : null;
    }

    /// <summary>A read-write, non-indexer, non-ref, non-init auto-property (<c>{ get; set; }</c> without bodies).</summary>
    private static bool IsAutoProperty(IPropertySymbol property, CancellationToken cancellationToken)
    {
        if (property.IsIndexer || property.ReturnsByRef || property.ReturnsByRefReadonly
            || property.GetMethod is null || property.SetMethod is not { IsInitOnly: false } || property.IsAbstract)
        {
            return false;
        }

        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { AccessorList: { } accessors, ExpressionBody: null }
                || accessors.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null))
            {
                return false;
            }
        }

        return property.DeclaringSyntaxReferences.Length > 0;
    }

    private static void AddCallback(IMethodSymbol method, string attribute, bool allowNoArguments, List<CallbackModel> callbacks)
    {
        if (!method.HasAttribute(attribute) || method.IsStatic || !method.ReturnsVoid || method.IsGenericMethod
            || method.MethodKind != MethodKind.Ordinary)
        {
            return;
        }

        if (method.Parameters.Length == 1 && method.Parameters[0] is { RefKind: RefKind.None, Type.SpecialType: SpecialType.System_Int64 })
        {
            callbacks.Add(new CallbackModel(SymbolExtensions.Escape(method.Name), TakesCheckpointId: true));
        }
        else if (allowNoArguments && method.Parameters.Length == 0)
        {
            callbacks.Add(new CallbackModel(SymbolExtensions.Escape(method.Name), TakesCheckpointId: false));
        }
    }
}
