using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using FlinkSdk.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlinkSdk.Benchmarks.Generators;

/// <summary>
/// Run time of FlinkSdk's source generator over a project of 500 <c>[StatefulOperator]</c> classes: the first run
/// on a fresh compilation, and the rerun of a driver that already ran after an edit to an unrelated file.
/// </summary>
/// <remarks>
/// Each scenario is also timed for <see cref="FloorGenerator"/>, which finds the same operators the same way and does
/// nothing else: the ratio column reads FlinkSdk's generator against what Roslyn itself costs. The files are parsed once in setup (the compiler parses before it runs generators), and each invocation gets a
/// compilation with fresh symbols, as a build or an edit does; the process is warm, as the compiler server is.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorRunBenchmarks
{
    private const int Operators = 500;
    private const int PlainClasses = 100;

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _ranOnce = null!;
    private GeneratorDriver _floorRanOnce = null!;
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

        _floorRanOnce = CreateFloorDriver().RunGenerators(_compilation);
        CheckFloor(workload, _compilation);
    }

    /// <summary>The floor's first run: Roslyn finding the operators, nothing more.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("FirstRun")]
    public GeneratorDriver FloorFirstRun() => CreateFloorDriver().RunGenerators(_compilation.Clone());

    /// <summary>A new driver over a compilation it has never seen: every step runs.</summary>
    [Benchmark]
    [BenchmarkCategory("FirstRun")]
    public GeneratorDriver FirstRun() => CreateDriver().RunGenerators(_compilation.Clone());

    /// <summary>The floor's rerun after the unrelated edit.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("RerunAfterUnrelatedEdit")]
    public GeneratorDriver FloorRerunAfterUnrelatedEdit() => _floorRanOnce.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _edited));

    /// <summary>The driver of the first run, after one file without generator attributes changed.</summary>
    [Benchmark]
    [BenchmarkCategory("RerunAfterUnrelatedEdit")]
    public GeneratorDriver RerunAfterUnrelatedEdit() => _ranOnce.RunGenerators(_compilation.ReplaceSyntaxTree(_unrelated, _edited));

    private static CSharpGeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create([new StateGenerator().AsSourceGenerator()], parseOptions: GeneratorWorkload.ParseOptions);

    private static CSharpGeneratorDriver CreateFloorDriver(bool trackSteps = false)
        => CSharpGeneratorDriver.Create(
            [new FloorGenerator().AsSourceGenerator()],
            parseOptions: GeneratorWorkload.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Fails unless the floor's transform saw every operator: a floor that finds nothing would time nothing.</summary>
    private static void CheckFloor(GeneratorWorkload workload, Compilation compilation)
    {
        var result = CreateFloorDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();
        int names = result.TrackedSteps.TryGetValue(FloorGenerator.NamesStep, out var steps) ? steps.Sum(s => s.Outputs.Length) : 0;
        if (result.Exception is not null || names != workload.Operators)
        {
            throw new InvalidOperationException($"The floor generator saw {names} operators; expected {workload.Operators}.", result.Exception);
        }
    }

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
