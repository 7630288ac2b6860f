extern alias analyzers;

using System.Collections.Immutable;
using analyzers::FlinkSdk.Analyzers.Configuration.Code;
using analyzers::FlinkSdk.Analyzers.Configuration.Files;
using analyzers::FlinkSdk.Analyzers.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Tests.Infrastructure;

/// <summary>The outcome of running FlinkSdk's analyzers over a test compilation.</summary>
/// <param name="Compilation">The compilation analyzed.</param>
/// <param name="Diagnostics">Every analyzer diagnostic, FlinkSdk's and others'.</param>
/// <param name="Expected">The spans the markup expects, by file path.</param>
internal sealed record AnalysisRun(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<(string Path, ExpectedSpan Span)> Expected)
{
    /// <summary>FlinkSdk's diagnostics (FLK ids), in file and position order.</summary>
    public IReadOnlyList<Diagnostic> Flk => [.. Diagnostics.Where(d => d.Id.StartsWith("FLK", StringComparison.Ordinal))
        .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)];

    public Diagnostic Single(string id) => Assert.Single(Flk, d => d.Id == id);
}

/// <summary>Compiles test sources against the real runtime and runs FlinkSdk's analyzers over them through <see cref="CompilationWithAnalyzers"/>.</summary>
internal static class AnalyzerHarness
{
    public const string UsingsPath = "/src/Usings.cs";

    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using FlinkSdk.Configuration;
        global using FlinkSdk.Connectors;
        global using FlinkSdk.DataStream;
        global using FlinkSdk.State;
        """;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        [new ConfigurationCodeAnalyzer(), new ConfigurationFileAnalyzer(), new StateDeclarationAnalyzer(), new KeyedApiAnalyzer()];

    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(SourceText.From(text), ParseOptions, path);

    /// <summary>Compiles against the runtime; a tree with top-level statements makes it an executable.</summary>
    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
    {
        var all = new List<SyntaxTree> { Parse(GlobalUsings, UsingsPath) };
        all.AddRange(trees);
        bool executable = all.Any(t => t.GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());
        return CSharpCompilation.Create(
            "AnalyzerTestInput",
            all,
            References.Value,
            new CSharpCompilationOptions(executable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
    }

    /// <summary>Runs the analyzers over <paramref name="files"/> (<c>.cs</c> files are sources; <c>.editorconfig</c> and <c>.globalconfig</c> files configure severities; others are additional files).</summary>
    public static async Task<AnalysisRun> RunAsync(IEnumerable<TestFile> files)
    {
        var trees = new List<SyntaxTree>();
        var additional = new List<AdditionalText>();
        var configs = new List<(string, string)>();
        var expected = new List<(string, ExpectedSpan)>();
        foreach (var file in files)
        {
            var (text, spans) = Markup.Parse(file.Markup);
            expected.AddRange(spans.Select(span => (file.Path, span)));
            if (file.Path.EndsWith(".editorconfig", StringComparison.Ordinal) || file.Path.EndsWith(".globalconfig", StringComparison.Ordinal))
            {
                configs.Add((file.Path, text));
            }
            else if (file.Path.EndsWith(".cs", StringComparison.Ordinal))
            {
                trees.Add(Parse(text, file.Path));
            }
            else
            {
                additional.Add(new InMemoryAdditionalText(file.Path, text));
            }
        }

        Compilation compilation = Compile(trees);
        if (configs.Count > 0)
        {
            compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new EditorConfigOptions(configs, compilation.SyntaxTrees)));
        }

        return new AnalysisRun(compilation, await AnalyzeAsync(compilation, [.. additional]), expected);
    }

    /// <summary>Runs the analyzers over a compilation; an analyzer exception fails the test.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, ImmutableArray<AdditionalText> additionalFiles)
    {
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) { exceptions.Add(analyzer.GetType().Name + ": " + exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.True(exceptions.Count == 0, "An analyzer threw:" + Environment.NewLine + string.Join(Environment.NewLine, exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(FlinkSdk.Configuration.FlinkConfiguration).Assembly.Location)
            .Where(p => !Path.GetFileName(p).StartsWith("FlinkSdk.Analyzers", StringComparison.Ordinal)
                && !Path.GetFileName(p).StartsWith("FlinkSdk.Generators", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
