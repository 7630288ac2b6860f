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
            || type.SingleAttribute(KnownNames.StatefulOperatorAttribute) is null
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
                    AddCallbacks(method, before, complete, aborted);
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
        // One walk up the base types; the order of the checks below decides for a class that derives from several.
        bool keyed = false, process = false, rich = false;
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            var definition = current.OriginalDefinition;
            keyed |= definition.IsNamed(KnownNames.KeyedProcessFunction);
            process |= definition.IsNamed(KnownNames.ProcessFunction);
            rich |= definition.IsNamed(KnownNames.RichMapFunction) || definition.IsNamed(KnownNames.RichFlatMapFunction) || definition.IsNamed(KnownNames.RichFilterFunction);
        }

        if (keyed)
        {
            return StateScope.Keyed;
        }

        if (process)
        {
            return StateScope.Operator;
        }

        if (rich)
        {
            return StateScope.ByStream;
        }

        return type.Implements(KnownNames.SourceReader) || type.Implements(KnownNames.SinkWriter) ? StateScope.Operator : null;
    }

    private static StateMemberModel? ParseState(ISymbol member, CancellationToken cancellationToken)
    {
        // The member's shape first: it is syntax and flags, while attributes and types are bound on first use.
        bool canHoldState = !member.IsStatic && member switch
        {
            IFieldSymbol field => field is { IsReadOnly: false, IsConst: false, IsImplicitlyDeclared: false },
            IPropertySymbol property => IsAutoProperty(property, cancellationToken),
            _ => false,
        };
        if (!canHoldState || member.SingleAttribute(KnownNames.StateAttribute)?.IntArgument() is not { } id || id < 0)
        {
            return null;
        }

        var type = member is IFieldSymbol stateField ? stateField.Type : ((IPropertySymbol)member).Type;
        return TypeParser.Parse(type) is { } model
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

    /// <summary>Adds the method to the lists of the checkpoint callbacks it is marked as, if its signature fits them.</summary>
    private static void AddCallbacks(IMethodSymbol method, List<CallbackModel> before, List<CallbackModel> complete, List<CallbackModel> aborted)
    {
        // Cheapest first: kind and modifiers come from the declaration, attributes need binding, and the signature
        // (return and parameter types) binds every type it names.
        if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.IsGenericMethod || !SymbolExtensions.MayHaveAttributes(method))
        {
            return;
        }

        bool isBefore = method.HasAttribute(KnownNames.BeforeSnapshotAttribute);
        bool isComplete = method.HasAttribute(KnownNames.OnCheckpointCompleteAttribute);
        bool isAborted = method.HasAttribute(KnownNames.OnCheckpointAbortedAttribute);
        if (!(isBefore || isComplete || isAborted) || !method.ReturnsVoid)
        {
            return;
        }

        bool takesCheckpointId = method.Parameters.Length == 1 && method.Parameters[0] is { RefKind: RefKind.None, Type.SpecialType: SpecialType.System_Int64 };
        if (!takesCheckpointId && method.Parameters.Length != 0)
        {
            return;
        }

        var callback = new CallbackModel(SymbolExtensions.Escape(method.Name), takesCheckpointId);
        if (isBefore)
        {
            before.Add(callback);
        }

        // Completion and abort callbacks always take the checkpoint id.
        if (isComplete && takesCheckpointId)
        {
            complete.Add(callback);
        }

        if (isAborted && takesCheckpointId)
        {
            aborted.Add(callback);
        }
    }
}
