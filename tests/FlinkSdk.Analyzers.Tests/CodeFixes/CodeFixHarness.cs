extern alias analyzers;

using System.Collections.Immutable;
using FlinkSdk.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Tests.CodeFixes;

/// <summary>Applies a code fix in an <see cref="AdhocWorkspace"/>, as the IDE does, and checks the result.</summary>
internal static class CodeFixHarness
{
    public static ImmutableArray<CodeFixProvider> Providers { get; } =
    [
        new analyzers::FlinkSdk.Analyzers.CodeFixes.MakePartialCodeFix(),
        new analyzers::FlinkSdk.Analyzers.CodeFixes.NextFreeIdCodeFix(),
        new analyzers::FlinkSdk.Analyzers.CodeFixes.CheckpointSettingCodeFix(),
    ];

    /// <summary>
    /// Applies the fix titled <paramref name="title"/> for the first <paramref name="id"/> diagnostic of
    /// <paramref name="source"/>, requires the result to equal <paramref name="expected"/>, and requires the fixed
    /// source to have no <paramref name="id"/> diagnostic (and no FlinkSdk diagnostic at all unless allowed).
    /// </summary>
    public static async Task VerifyAsync(string id, string title, string source, string expected, bool fixAll = false)
    {
        var document = CreateDocument(source);
        var diagnostics = await DiagnosticsAsync(document);
        var diagnostic = diagnostics.FirstOrDefault(d => d.Id == id) ?? throw new Xunit.Sdk.XunitException($"No {id} diagnostic in the source; got: {string.Join(", ", diagnostics.Select(d => d.Id))}");
        var provider = Providers.Single(p => p.FixableDiagnosticIds.Contains(id));

        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var action = actions.SingleOrDefault(a => a.Title == title) ?? throw new Xunit.Sdk.XunitException($"No fix titled '{title}'; offered: {string.Join(", ", actions.Select(a => a.Title))}");

        Document fixedDocument;
        if (fixAll)
        {
            var fixAllProvider = provider.GetFixAllProvider()!;
            var context = new FixAllContext(document, provider, FixAllScope.Document, action.EquivalenceKey, [id], new DiagnosticProvider(diagnostics), CancellationToken.None);
            var fixAllAction = (await fixAllProvider.GetFixAsync(context))!;
            fixedDocument = await ApplyAsync(fixAllAction, document);
        }
        else
        {
            fixedDocument = await ApplyAsync(action, document);
        }

        string actual = (await fixedDocument.GetTextAsync()).ToString();
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));

        var after = await DiagnosticsAsync(fixedDocument);
        Assert.Empty(after.Where(d => d.Id == id).Select(Verify.Describe));
        Assert.Empty((await fixedDocument.Project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS7036").Select(d => d.ToString()));
    }

    private static async Task<Document> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        return apply.ChangedSolution.GetDocument(document.Id)!;
    }

    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var compilation = AnalyzerHarness.Compile([]);
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Fixes", "Fixes", LanguageNames.CSharp,
            compilationOptions: compilation.Options,
            parseOptions: AnalyzerHarness.ParseOptions,
            metadataReferences: compilation.References));
        project = project.AddDocument("Usings.cs", compilation.SyntaxTrees[0].ToString(), filePath: AnalyzerHarness.UsingsPath).Project;
        return project.AddDocument("Job.cs", SourceText.From(source), filePath: "/src/Job.cs");
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        return await AnalyzerHarness.AnalyzeAsync(compilation, ImmutableArray<AdditionalText>.Empty);
    }

    private sealed class DiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
