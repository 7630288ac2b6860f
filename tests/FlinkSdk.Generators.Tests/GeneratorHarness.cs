using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlinkSdk.Generators.Tests;

/// <summary>Builds compilations against the running runtime and FlinkSdk, and drives <see cref="StateGenerator"/> over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999)
        // The SDK turns these assembly-unification notes off by default too.
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            ["CS1701"] = ReportDiagnostic.Suppress,
            ["CS1702"] = ReportDiagnostic.Suppress,
        });

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static CSharpCompilation Compile(params SyntaxTree[] trees)
        => CSharpCompilation.Create("GeneratorTestInput", trees, References.Value, CompilationOptions);

    public static CSharpCompilation Compile(params string[] sources)
        => Compile(sources.Select((source, i) => Parse(source, $"Input{i}.cs")).ToArray());

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new StateGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; fails on a generator exception or generator diagnostics.</summary>
    public static (GeneratorDriver Driver, GeneratorRunResult Result, Compilation Output) Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(diagnostics);
        Assert.Empty(result.Diagnostics);
        return (driver, result, output);
    }

    /// <summary>The generated files by hint name, in hint-name order.</summary>
    public static IReadOnlyList<(string HintName, string Text)> Sources(GeneratorRunResult result)
        => result.GeneratedSources
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .ToList();

    /// <summary>Errors and warnings of a compilation, formatted for assertion messages.</summary>
    public static string[] ErrorsAndWarnings(Compilation compilation)
        => compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(FlinkSdk.State.StateAttribute).Assembly.Location)
            .Where(p => !Path.GetFileName(p).StartsWith("FlinkSdk.Generators", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
