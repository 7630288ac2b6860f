using System.IO.Compression;
using System.Xml.Linq;

namespace FlinkSdk.Generators.Tests.Packaging;

/// <summary>
/// The runtime package carries the generator, the analyzers and their code fixes: one PackageReference gives a
/// user's project annotated state and compile-time checks.
/// </summary>
public sealed class RuntimePackageTests(PackedRuntime packed) : IClassFixture<PackedRuntime>
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    /// <summary>The compiler plug-ins, one assembly per project the runtime bundles.</summary>
    private static readonly string[] PlugIns = ["FlinkSdk.Generators.dll", "FlinkSdk.Analyzers.dll", "FlinkSdk.Analyzers.CodeFixes.dll"];

    [Fact]
    public void The_package_holds_the_generator_analyzers_and_code_fixes_as_analyzers_and_not_as_libraries_or_dependencies()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("lib/net10.0/FlinkSdk.dll", entries);
        foreach (string plugIn in PlugIns)
        {
            Assert.Contains(AnalyzerFolder + plugIn, entries);
            Assert.DoesNotContain(entries, e => e.EndsWith("/" + plugIn, StringComparison.Ordinal) && e != AnalyzerFolder + plugIn);
        }

        Assert.Equal(PlugIns.Order(StringComparer.Ordinal), entries.Where(e => e.StartsWith(AnalyzerFolder, StringComparison.Ordinal))
            .Select(e => e[AnalyzerFolder.Length..]).Order(StringComparer.Ordinal));

        var nuspec = package.Entries.Single(e => e.FullName == "FlinkSdk.nuspec");
        using var stream = nuspec.Open();
        var dependencies = XDocument.Load(stream).Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!)
            .ToList();
        Assert.Contains("Microsoft.Extensions.Configuration", dependencies);
        Assert.DoesNotContain(dependencies, id => id.Contains("Generators", StringComparison.OrdinalIgnoreCase)
            || id.Contains("Analyzers", StringComparison.OrdinalIgnoreCase) || id.Contains("CodeAnalysis", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_package_passes_configuration_files_to_the_analyzers_in_direct_and_transitive_references()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("build/FlinkSdk.targets", entries);
        Assert.Contains("buildTransitive/FlinkSdk.targets", entries);
        using var targets = new StreamReader(package.GetEntry("build/FlinkSdk.targets")!.Open());
        string text = targets.ReadToEnd();
        Assert.Contains("<AdditionalFiles Include=", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Packing_the_runtime_prints_no_warning()
        => Assert.DoesNotMatch(@"\bwarning [A-Z]+[0-9]+", packed.PackOutput);

    [Fact]
    public void A_project_referencing_only_the_package_builds_annotated_state_and_runs_a_job()
    {
        var consumer = PackageConsumer.Create(packed, "consumer");
        consumer.Write("Program.cs", ConsumerProject.Program);

        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(Path.Combine(packed.ConsumerPackageFolder, "flinksdk", packed.Version, AnalyzerFolder + "FlinkSdk.Generators.dll")),
            "The consumer did not restore the packed runtime into its private package folder.");

        var run = consumer.Run();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(ConsumerProject.ExpectedOutput, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
