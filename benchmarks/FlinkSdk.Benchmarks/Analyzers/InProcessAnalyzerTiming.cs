using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using FlinkSdk.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FlinkSdk.Benchmarks.Analyzers;

/// <summary>What one in-process round measured.</summary>
/// <param name="Compile">Binding, checking and emitting the generated compilation (what the compiler does without analyzers).</param>
/// <param name="AnalysisWall">
/// Wall-clock time of <c>GetAnalysisResultAsync</c> with FlinkSdk's analyzers only, after the compile; it includes the
/// driver binding the compilation again (a copy with an event queue), which the compiler does not pay twice.
/// </param>
/// <param name="PerAnalyzer">Each analyzer's execution time as Roslyn's telemetry sums it (callbacks may overlap).</param>
internal sealed record InProcessRound(TimeSpan Compile, TimeSpan AnalysisWall, IReadOnlyDictionary<string, TimeSpan> PerAnalyzer);

/// <summary>
/// FlinkSdk's analyzers loaded from their assembly the way the compiler loads them (<see cref="AnalyzerFileReference"/>),
/// run over the workload after the source generator, through <see cref="CompilationWithAnalyzers"/> with
/// <c>logAnalyzerExecutionTime</c>, and timed against compiling the same compilation.
/// </summary>
internal sealed class InProcessAnalyzerTiming
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly CSharpCompilation _generated;
    private readonly AnalyzerOptions _options;

    private InProcessAnalyzerTiming(ImmutableArray<DiagnosticAnalyzer> analyzers, CSharpCompilation generated, AnalyzerOptions options)
    {
        _analyzers = analyzers;
        _generated = generated;
        _options = options;
    }

    /// <summary>The analyzers found in the assembly, by type name.</summary>
    public IEnumerable<string> AnalyzerNames => _analyzers.Select(a => a.GetType().Name);

    /// <summary>Loads the analyzers from <paramref name="analyzerAssembly"/> and prepares the workload's compilation with generated code.</summary>
    public static InProcessAnalyzerTiming Create(string analyzerAssembly, AnalyzerWorkload workload, string projectDirectory)
    {
        var reference = new AnalyzerFileReference(analyzerAssembly, new DefaultContextLoader());
        var analyzers = reference.GetAnalyzers(LanguageNames.CSharp);
        if (analyzers.IsEmpty)
        {
            throw new InvalidOperationException($"No C# analyzer found in {analyzerAssembly}.");
        }

        var compilation = CSharpCompilation.Create(
            "AnalyzerWorkload",
            workload.Trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new StateGenerator().AsSourceGenerator()], parseOptions: Generators.GeneratorWorkload.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        var timing = new InProcessAnalyzerTiming(analyzers, (CSharpCompilation)generated, new AnalyzerOptions([.. workload.AdditionalTexts(projectDirectory)]));
        timing.CheckCleanWorkload();
        return timing;
    }

    /// <summary>One round on a fresh copy of the compilation (new symbols, as a build has): compile, then analyze.</summary>
    public async Task<InProcessRound> MeasureAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        var forCompile = _generated.Clone();
        using (var output = new MemoryStream())
        {
            var emit = forCompile.Emit(output);
            if (!emit.Success)
            {
                throw new InvalidOperationException("The workload does not compile: " + string.Join('\n', emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
            }
        }

        var compile = stopwatch.Elapsed;

        // The compiler runs analyzers over the compilation it compiles, sharing its bound symbols and trees: so here.
        stopwatch.Restart();
        var result = await CreateAnalysis(forCompile).GetAnalysisResultAsync(CancellationToken.None);
        var wall = stopwatch.Elapsed;
        var perAnalyzer = result.AnalyzerTelemetryInfo.ToDictionary(pair => pair.Key.GetType().Name, pair => pair.Value.ExecutionTime);
        return new InProcessRound(compile, wall, perAnalyzer);
    }

    private CompilationWithAnalyzers CreateAnalysis(Compilation compilation) =>
        compilation.WithAnalyzers(_analyzers, new CompilationWithAnalyzersOptions(
            _options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));

    /// <summary>A valid workload makes the analyzers do all their work without reporting: any diagnostic means the workload is wrong.</summary>
    private void CheckCleanWorkload()
    {
        var errors = _generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        var reported = CreateAnalysis(_generated).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (errors.Count > 0 || !reported.IsEmpty)
        {
            throw new InvalidOperationException("The workload must compile without diagnostics from FlinkSdk's analyzers:\n" + string.Join('\n', errors.Concat(reported.Take(10))));
        }
    }

    /// <summary>The framework and FlinkSdk with its dependencies, as the workload project compiles against.</summary>
    private static ImmutableArray<MetadataReference> References()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string runtimeDirectory = Path.GetDirectoryName(typeof(FlinkSdk.State.StateAttribute).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetDirectoryName(p) == frameworkDirectory
                || (Path.GetDirectoryName(p) == runtimeDirectory && Path.GetFileName(p) is var name
                    && (name.StartsWith("FlinkSdk.dll", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name.StartsWith("YamlDotNet", StringComparison.Ordinal))));
        return [.. paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    /// <summary>Loads analyzer assemblies into the default context, where this process's Roslyn already lives.</summary>
    private sealed class DefaultContextLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
