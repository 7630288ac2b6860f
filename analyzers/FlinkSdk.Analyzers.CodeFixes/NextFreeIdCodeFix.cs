using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FlinkSdk.Analyzers.Diagnostics;
using FlinkSdk.Analyzers.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlinkSdk.Analyzers.CodeFixes;

/// <summary>
/// FLK1004, FLK1005, FLK1006, FLK1007: gives the member the next free <c>[State]</c>/<c>[Key]</c> id (the analyzer
/// passes it in <c>NextFreeId</c>). Fixing all in a document hands out consecutive ids, so they stay unique.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NextFreeIdCodeFix))]
[Shared]
public sealed class NextFreeIdCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "FLK.AssignNextFreeId";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
        StateDescriptors.DuplicateId.Id, StateDescriptors.NegativeId.Id, StateDescriptors.MissingId.Id, StateDescriptors.SnapshotMemberWithoutKey.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !TryGetId(diagnostic, out int id) || Apply(root, diagnostic, id) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use the next free id, " + id.ToString(CultureInfo.InvariantCulture),
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(Apply(root, diagnostic, id)!)),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        // Track the nodes, then fix one by one in order; each type's ids continue from its next free id.
        var ordered = diagnostics.Where(d => TryGetId(d, out _)).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        var nodes = ordered.Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true)).ToList();
        var current = root.TrackNodes(nodes);
        var nextByType = new Dictionary<string, int>();
        for (int i = 0; i < ordered.Count; i++)
        {
            var node = nodes[i];
            string type = node.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText ?? string.Empty;
            TryGetId(ordered[i], out int id);
            id = nextByType.TryGetValue(type, out int next) && next > id ? next : id;
            nextByType[type] = id + 1;
            if (current.GetCurrentNode(node) is { } tracked && Replace(current, tracked, ordered[i], id) is { } updated)
            {
                current = updated;
            }
        }

        return document.WithSyntaxRoot(current);
    }

    private static SyntaxNode? Apply(SyntaxNode root, Diagnostic diagnostic, int id) =>
        Replace(root, root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), diagnostic, id);

    private static SyntaxNode? Replace(SyntaxNode root, SyntaxNode node, Diagnostic diagnostic, int id)
    {
        if (diagnostic.Id == StateDescriptors.SnapshotMemberWithoutKey.Id)
        {
            return AddKeyAttribute(root, node, id);
        }

        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(id));

        if (diagnostic.Id == StateDescriptors.MissingId.Id)
        {
            var attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
            return attribute is null
                ? null
                : root.ReplaceNode(attribute, attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(literal)))));
        }

        return node is ExpressionSyntax expression ? root.ReplaceNode(expression, literal.WithTriviaFrom(expression)) : null;
    }

    /// <summary>Adds <c>[Key(id)]</c> to a property, a single-variable field, or (as <c>[property: Key(id)]</c>) a record parameter.</summary>
    private static SyntaxNode? AddKeyAttribute(SyntaxNode root, SyntaxNode node, int id)
    {
        // Parsed rather than built, so the new list has plain spaces and keeps the member on its line.
        string key = "Key(" + id.ToString(CultureInfo.InvariantCulture) + ")";
        switch (node.FirstAncestorOrSelf<SyntaxNode>(n => n is PropertyDeclarationSyntax or FieldDeclarationSyntax or ParameterSyntax))
        {
            case ParameterSyntax parameter:
                var parameterList = SyntaxFactory.ParseParameterList("([property: " + key + "] int x)").Parameters[0].AttributeLists[0];
                return root.ReplaceNode(parameter, parameter.WithoutLeadingTrivia().AddAttributeLists(parameterList).WithLeadingTrivia(parameter.GetLeadingTrivia()));
            case MemberDeclarationSyntax member when member is PropertyDeclarationSyntax || member is FieldDeclarationSyntax { Declaration.Variables.Count: 1 }:
                var memberList = SyntaxFactory.ParseMemberDeclaration("[" + key + "] int x;")!.AttributeLists[0];
                return root.ReplaceNode(member, member.WithoutLeadingTrivia().AddAttributeLists(memberList).WithLeadingTrivia(member.GetLeadingTrivia()));
            default:
                return null;
        }
    }

    private static bool TryGetId(Diagnostic diagnostic, out int id)
    {
        id = 0;
        return diagnostic.Properties.TryGetValue(StateDeclarationAnalyzer.NextFreeIdProperty, out string? text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
