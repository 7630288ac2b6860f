using System.Globalization;

namespace FlinkSdk.Benchmarks.Analyzers;

/// <summary>
/// What FlinkSdk's analyzers add to building a project of many stateful operators: the compiler's own report
/// (<c>-p:ReportAnalyzer=true</c>), <c>dotnet build</c> with and without them in alternating runs, and each
/// analyzer timed in process through <c>CompilationWithAnalyzers</c>.
/// </summary>
internal static class AnalyzerCostHarness
{
    private const string Usage = "analyzers [--operators N (default 500)] [--plain-classes N (default 100)] [--runs N (default 5)] [--rounds N (default 5)] [--keep]";

    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <AssemblyName>AnalyzerWorkload</AssemblyName>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="{repo}/src/FlinkSdk/FlinkSdk.csproj" />
            <!-- As the package brings them (it carries the same assemblies under analyzers/dotnet/cs). -->
            <ProjectReference Include="{repo}/generators/FlinkSdk.Generators/FlinkSdk.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
            <ProjectReference Include="{repo}/analyzers/FlinkSdk.Analyzers/FlinkSdk.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false"
                              Condition="'$(WithoutFlinkSdkAnalyzers)' != 'true'" />
          </ItemGroup>
          <!-- The package's targets: config.yaml and appsettings*.json become AdditionalFiles. -->
          <Import Project="{repo}/src/FlinkSdk/build/FlinkSdk.targets" />
        </Project>
        """;

    /// <summary>Runs the measurement; prints what it measured.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var options, out string? error))
        {
            Console.Error.WriteLine(error + "\nUsage: dotnet run -c Release --project benchmarks/FlinkSdk.Benchmarks -- " + Usage);
            return 2;
        }

        string repo = RepositoryRoot();
        string directory = Directory.CreateTempSubdirectory("flinksdk-analyzer-cost-").FullName;
        try
        {
            var workload = AnalyzerWorkload.Create(options.Operators, options.PlainClasses);
            WriteProject(workload, directory, repo);
            Console.WriteLine($"// workload: {workload.Trees.Count} C# files ({workload.Operators.Operators} operators, {workload.Operators.SnapshotTypes} [SnapshotType] records, {workload.Jobs.Count} jobs), {workload.ConfigurationFiles.Count} configuration files, in {directory}");

            // Restores, builds the referenced projects in Release and warms the compiler server.
            BuildRunner.Dotnet(directory, "build", "-c", "Release");
            ReportAnalyzers(directory);
            CompareBuilds(directory, options.Runs);
            await MeasureInProcessAsync(repo, workload, directory, options.Rounds);
            return 0;
        }
        finally
        {
            if (options.Keep)
            {
                Console.WriteLine($"// kept {directory}");
            }
            else
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>(a) The compiler's analyzer report, with and without FlinkSdk's analyzers (the latter shows the switch works).</summary>
    private static void ReportAnalyzers(string directory)
    {
        foreach (bool without in new[] { false, true })
        {
            // The compiler prints its report only at detailed verbosity.
            var run = Rebuild(directory, without, "-p:ReportAnalyzer=true", "-v:d", "-clp:PerformanceSummary");
            var (total, report) = BuildRunner.AnalyzerReport(run.Output);
            var ours = report.Where(line => line.Assembly.StartsWith("FlinkSdk.Analyzers,", StringComparison.Ordinal)).ToList();
            if (report.Count == 0)
            {
                throw new InvalidOperationException("The build printed no analyzer report; the output ended with:\n" + run.Output[^Math.Min(4000, run.Output.Length)..]);
            }

            if (without == (ours.Count > 0))
            {
                throw new InvalidOperationException(without
                    ? "FlinkSdk.Analyzers ran although WithoutFlinkSdkAnalyzers=true."
                    : "FlinkSdk.Analyzers is missing from the analyzer report.");
            }

            Console.WriteLine($"\n## ReportAnalyzer, {(without ? "without" : "with")} FlinkSdk's analyzers: build {Seconds(run.Wall)}, Csc {Seconds(run.Csc)}, all analyzers {total:0.000} s");
            foreach (var line in report.Where(line => line.IsAssembly).Concat(ours.Where(line => !line.IsAssembly)))
            {
                // The rule ids after a type name make the line long; the type says which analyzer it is.
                string name = line.IsAssembly ? line.Name[..line.Name.IndexOf(',', StringComparison.Ordinal)] : "  " + line.Name.Split(' ')[0];
                Console.WriteLine($"  {line.Seconds,7:0.000} s  {name}");
            }
        }
    }

    /// <summary>(b) Full rebuilds of the project, alternating with and without FlinkSdk's analyzers; medians.</summary>
    private static void CompareBuilds(string directory, int runs)
    {
        // One of each first: the compiler server loads each analyzer set once.
        Rebuild(directory, without: false, "-clp:PerformanceSummary");
        Rebuild(directory, without: true, "-clp:PerformanceSummary");
        var with = new List<BuildRun>();
        var without = new List<BuildRun>();
        for (int i = 0; i < runs; i++)
        {
            // Alternate which goes first, so a drift in machine load hits both alike.
            foreach (bool off in i % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var run = Rebuild(directory, off, "-clp:PerformanceSummary");
                (off ? without : with).Add(run);
            }
        }

        Console.WriteLine($"\n## dotnet build --no-incremental, {runs} alternating runs each");
        Console.WriteLine("with:    build " + string.Join(' ', with.Select(r => Seconds(r.Wall))) + " | Csc " + string.Join(' ', with.Select(r => Seconds(r.Csc))));
        Console.WriteLine("without: build " + string.Join(' ', without.Select(r => Seconds(r.Wall))) + " | Csc " + string.Join(' ', without.Select(r => Seconds(r.Csc))));
        var withWall = Median(with.Select(r => r.Wall));
        var withoutWall = Median(without.Select(r => r.Wall));
        var withCsc = Median(with.Select(r => r.Csc ?? TimeSpan.Zero));
        var withoutCsc = Median(without.Select(r => r.Csc ?? TimeSpan.Zero));
        Console.WriteLine($"medians: build {Seconds(withWall)} with, {Seconds(withoutWall)} without: {Percent(withWall - withoutWall, withoutWall)}; " +
            $"Csc {Seconds(withCsc)} with, {Seconds(withoutCsc)} without: {Percent(withCsc - withoutCsc, withoutCsc)}");
    }

    /// <summary>(c) Each analyzer in process, against compiling the same compilation.</summary>
    private static async Task MeasureInProcessAsync(string repo, AnalyzerWorkload workload, string directory, int rounds)
    {
        string assembly = Path.Combine(repo, "analyzers", "FlinkSdk.Analyzers", "bin", "Release", "netstandard2.0", "FlinkSdk.Analyzers.dll");
        var timing = InProcessAnalyzerTiming.Create(assembly, workload, directory);
        await timing.MeasureAsync(); // warm-up: JIT and the analyzers' static tables
        var measured = new List<InProcessRound>();
        for (int i = 0; i < rounds; i++)
        {
            measured.Add(await timing.MeasureAsync());
        }

        var compile = Median(measured.Select(r => r.Compile));
        var wall = Median(measured.Select(r => r.AnalysisWall));
        var total = Median(measured.Select(r => r.PerAnalyzer.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b)));
        Console.WriteLine($"\n## In process (CompilationWithAnalyzers, logAnalyzerExecutionTime), medians of {rounds} rounds");
        Console.WriteLine($"compile (emit, generated code included): {Milliseconds(compile)}");
        Console.WriteLine($"FlinkSdk's analyzers, telemetry sum: {Milliseconds(total)} ({Percent(total, compile)} of compile)");
        Console.WriteLine($"GetAnalysisResultAsync wall: {Milliseconds(wall)} (an upper bound: the analyzer driver binds the compilation again to raise its events)");
        foreach (string name in timing.AnalyzerNames.Order(StringComparer.Ordinal))
        {
            var perRound = measured.Select(r => r.PerAnalyzer.TryGetValue(name, out var time) ? time : TimeSpan.Zero);
            Console.WriteLine($"  {Milliseconds(Median(perRound)),10}  {name}");
        }
    }

    private static BuildRun Rebuild(string directory, bool without, params string[] extra) =>
        BuildRunner.Dotnet(directory, ["build", "-c", "Release", "--no-restore", "--no-incremental", "-p:BuildProjectReferences=false",
            $"-p:WithoutFlinkSdkAnalyzers={(without ? "true" : "false")}", .. extra]);

    private static void WriteProject(AnalyzerWorkload workload, string directory, string repo)
    {
        workload.WriteTo(directory);
        File.WriteAllText(Path.Combine(directory, "AnalyzerWorkload.csproj"), ProjectFile.Replace("{repo}", repo, StringComparison.Ordinal));

        // The nearest of these above the project would be imported: empty ones keep anything above the temp folder out.
        foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(directory, name), "<Project />\n");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlinkSdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FlinkSdk.sln not found above " + AppContext.BaseDirectory + "; run the benchmark from the repository.");
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Seconds(TimeSpan? time) => time is { } t ? t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "n/a";

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Percent(TimeSpan part, TimeSpan whole) =>
        whole > TimeSpan.Zero ? (100 * part / whole).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static bool TryParse(string[] args, out Options options, out string? error)
    {
        options = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--keep")
            {
                options = options with { Keep = true };
                continue;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            {
                error = $"'{args[i]}' needs a positive whole number after it.";
                return false;
            }

            switch (args[i++])
            {
                case "--operators" when value >= 10:
                    options = options with { Operators = value };
                    break;
                case "--operators":
                    error = $"--operators {value}: at least 10 (a job wires one operator in ten).";
                    return false;
                case "--plain-classes":
                    options = options with { PlainClasses = value };
                    break;
                case "--runs":
                    options = options with { Runs = value };
                    break;
                case "--rounds":
                    options = options with { Rounds = value };
                    break;
                default:
                    error = $"Unknown option '{args[i - 1]}'; valid: --operators, --plain-classes, --runs, --rounds, --keep.";
                    return false;
            }
        }

        error = null;
        return true;
    }

    private sealed record Options(int Operators = 500, int PlainClasses = 100, int Runs = 5, int Rounds = 5, bool Keep = false);
}
