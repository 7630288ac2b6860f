using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using FlinkSdk.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlinkSdk.Benchmarks.Generators;

/// <summary>
/// Run time of FlinkSdk's source generator over a project of 500 <c>[StatefulOperator]</c> classes: the first run
/// on a fresh compilation, and the rerun of a driver that already ran after an edit to an unrelated file.
/// </summary>
/// <remarks>
/// The files are parsed once in setup (the compiler parses before it runs generators), and each invocation gets a
/// compilation with fresh symbols, as a build or an edit does; the process is warm, as the compiler server is.
/// </remarks>
[MemoryDiagnoser]
public class GeneratorRunBenchmarks
{
    private const int Operators = 500;
    private const int PlainClasses = 100;

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _ranOnce = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree _edited = null!;

    /// <summary>Builds the project's compilation and a driver that has run over it; checks the generator's output.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var workload = GeneratorWorkload.Create(Operators, PlainClasses);
        _compilation = CSharpCompilation.Create(
            "GeneratorWorkload",
            workload.Trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _unrelated = workload.Editable;
        _edited = workload.EditedFile();

        _ranOnce = CreateDriver().RunGeneratorsAndUpdateCompilation(_compilation, out var output, out _);
        CheckOutput(workload, _ranOnce.GetRunResult(), output);
    }

    /// <summary>A new driver over a compilation it has never seen: every step runs.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver FirstRun() => CreateDriver().RunGenerators(_compilation.Clone());

    /// <summary>The driver of the first run, after one file without generator attributes changed.</summary>
    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit() => _ranOnce.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _edited));

    private static CSharpGeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create([new StateGenerator().AsSourceGenerator()], parseOptions: GeneratorWorkload.ParseOptions);

    /// <summary>The framework and FlinkSdk, as a user project compiles against.</summary>
    private static ImmutableArray<MetadataReference> References()
    {
        string runtime = typeof(FlinkSdk.State.StateAttribute).Assembly.Location;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetDirectoryName(p) == Path.GetDirectoryName(typeof(object).Assembly.Location));
        return [.. framework.Append(runtime).Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    /// <summary>Fails unless every operator and record got code that compiles: the benchmark must time real work.</summary>
    private static void CheckOutput(GeneratorWorkload workload, GeneratorDriverRunResult run, Compilation output)
    {
        var result = run.Results.Single();
        if (result.Exception is not null)
        {
            throw new InvalidOperationException("The generator threw.", result.Exception);
        }

        int expected = workload.Operators + workload.SnapshotTypes;
        if (result.GeneratedSources.Length != expected)
        {
            throw new InvalidOperationException($"The generator emitted {result.GeneratedSources.Length} files; expected {expected} ({workload.Operators} operators, {workload.SnapshotTypes} records).");
        }

        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The workload does not compile with the generated code:\n" + string.Join('\n', errors));
        }

        Console.WriteLine($"// workload: {workload.Trees.Count} files, {workload.Operators} operators, {workload.SnapshotTypes} [SnapshotType] records, {expected} generated files");
    }
}
