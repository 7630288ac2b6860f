using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using FlinkSdk.Analyzers.Configuration;
using FlinkSdk.Analyzers.Diagnostics;
using FlinkSdk.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlinkSdk.Analyzers.CodeFixes;

/// <summary>
/// Fixes for conflicting checkpoint settings in C#: set max-concurrent-checkpoints to 1 (FLK0020, FLK0021), remove
/// the minimum pause (FLK0021), enable the force flag (FLK0022) or <c>unaligned.forced</c> (FLK0024, FLK0025),
/// and enable unaligned checkpoints where an aligned-checkpoint-timeout is set (FLK0026).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CheckpointSettingCodeFix))]
[Shared]
public sealed class CheckpointSettingCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(
        Rules.UnalignedWithConcurrentCheckpoints.Id,
        Rules.MinPauseWithConcurrentCheckpoints.Id,
        Rules.IterationsWithoutForce.Id,
        Rules.UnalignedIterationsNotForced.Id,
        Rules.UnalignedCustomPartitionerNotForced.Id,
        Rules.AlignedTimeoutWithoutUnaligned.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Location.IsInSource)
            {
                continue;
            }

            string id = diagnostic.Id;
            if (id == Rules.UnalignedWithConcurrentCheckpoints.Id || id == Rules.MinPauseWithConcurrentCheckpoints.Id)
            {
                Register(context, diagnostic, "Set max-concurrent-checkpoints to 1", id + ".MaxConcurrentToOne", SetMaxConcurrentToOne(root, diagnostic));
            }

            if (id == Rules.MinPauseWithConcurrentCheckpoints.Id)
            {
                Register(context, diagnostic, "Remove the minimum pause", id + ".RemoveMinPause", RemoveMinPause(root, diagnostic));
            }

            if (id == Rules.IterationsWithoutForce.Id)
            {
                Register(context, diagnostic, "Force checkpointing of the iterative job (ForceCheckpointing = true)", id + ".Force", AddSetting(root, diagnostic, "ForceCheckpointing"));
            }

            if (id == Rules.UnalignedIterationsNotForced.Id || id == Rules.UnalignedCustomPartitionerNotForced.Id)
            {
                Register(context, diagnostic, "Force unaligned checkpoints (ForceUnalignedCheckpoints = true)", id + ".ForceUnaligned", AddSetting(root, diagnostic, "ForceUnalignedCheckpoints"));
            }

            if (id == Rules.AlignedTimeoutWithoutUnaligned.Id)
            {
                Register(context, diagnostic, "Enable unaligned checkpoints", id + ".EnableUnaligned", AddSetting(root, diagnostic, "UnalignedCheckpointsEnabled"));
            }
        }
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string equivalenceKey, SyntaxNode? fixedRoot)
    {
        if (fixedRoot is not null)
        {
            context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(fixedRoot)), equivalenceKey), diagnostic);
        }
    }

    /// <summary>Replaces the max-concurrent value the diagnostic points at with <c>1</c>.</summary>
    private static SyntaxNode? SetMaxConcurrentToOne(SyntaxNode root, Diagnostic diagnostic)
    {
        if (Property(diagnostic, ConfigurationEvaluator.LocationKeyProperty) != FlinkOptions.MaxConcurrentCheckpoints.Key
            || Property(diagnostic, ConfigurationEvaluator.LocationKindProperty) is not (nameof(WriteKind.Assignment) or nameof(WriteKind.Argument))
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
        {
            return null;
        }

        // config.Set("…max-concurrent-checkpoints", "2") takes the text of the value.
        var one = value.IsKind(SyntaxKind.StringLiteralExpression)
            ? SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("1"))
            : SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1));
        one = one.WithTriviaFrom(value);
        return root.ReplaceNode(value, one);
    }

    /// <summary>Removes the statement that sets the minimum pause (an additional location of FLK0021).</summary>
    private static SyntaxNode? RemoveMinPause(SyntaxNode root, Diagnostic diagnostic)
    {
        foreach (var location in diagnostic.AdditionalLocations)
        {
            if (location.SourceTree == diagnostic.Location.SourceTree
                && root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax value
                && value.Parent is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MinPauseBetweenCheckpoints" } } assignment
                && assignment.Parent is ExpressionStatementSyntax statement
                && statement.Parent is BlockSyntax)
            {
                return root.RemoveNode(statement, SyntaxRemoveOptions.KeepUnbalancedDirectives);
            }
        }

        return null;
    }

    /// <summary>Adds <c>&lt;CheckpointConfig&gt;.Property = true;</c> after the statement the diagnostic is in.</summary>
    private static SyntaxNode? AddSetting(SyntaxNode root, Diagnostic diagnostic, string property)
    {
        if (Property(diagnostic, ConfigurationEvaluator.CheckpointConfigProperty) is not { Length: > 0 } checkpointConfig
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>() is not { } anchor)
        {
            return null;
        }

        // Same indentation and line ending as the statement it follows.
        var indentation = anchor.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var newline = anchor.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var added = SyntaxFactory.ParseStatement(checkpointConfig + "." + property + " = true;")
            .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
            .WithTrailingTrivia(newline == default ? SyntaxFactory.LineFeed : newline);

        return anchor.Parent switch
        {
            BlockSyntax => root.InsertNodesAfter(anchor, new[] { added }),
            GlobalStatementSyntax global => root.InsertNodesAfter(global, new[] { SyntaxFactory.GlobalStatement(added) }),
            _ => null,
        };
    }

    private static string? Property(Diagnostic diagnostic, string name) =>
        diagnostic.Properties.TryGetValue(name, out string? value) ? value : null;
}
