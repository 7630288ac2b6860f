using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FlinkSdk.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies an .editorconfig the way the compiler host does: Roslyn parses it into an <see cref="AnalyzerConfigSet"/>,
/// and the per-file severities reach the compilation through its <see cref="SyntaxTreeOptionsProvider"/>.
/// </summary>
internal sealed class EditorConfigOptions : SyntaxTreeOptionsProvider
{
    private readonly Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> _byTree;
    private readonly AnalyzerConfigOptionsResult _global;

    /// <param name="configs">The files' paths and texts: <c>.editorconfig</c> files, and <c>.globalconfig</c> files (<c>is_global = true</c>).</param>
    /// <param name="trees">The source files.</param>
    public EditorConfigOptions(IEnumerable<(string Path, string Text)> configs, IEnumerable<SyntaxTree> trees)
    {
        var set = AnalyzerConfigSet.Create(configs.Select(c => AnalyzerConfig.Parse(c.Text, c.Path)).ToImmutableArray());
        _byTree = trees.ToDictionary(tree => tree, tree => set.GetOptionsForSourcePath(tree.FilePath));
        _global = set.GlobalConfigOptions;
    }

    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
    {
        severity = default;
        return _byTree.TryGetValue(tree, out var options) && options.TreeOptions.TryGetValue(diagnosticId, out severity);
    }

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        _global.TreeOptions.TryGetValue(diagnosticId, out severity);
}
