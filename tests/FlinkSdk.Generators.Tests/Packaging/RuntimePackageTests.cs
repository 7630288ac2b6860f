using System.IO.Compression;
using System.Xml.Linq;

namespace FlinkSdk.Generators.Tests.Packaging;

/// <summary>The runtime package carries the generator: one PackageReference gives a user's project annotated state.</summary>
public sealed class RuntimePackageTests(PackedRuntime packed) : IClassFixture<PackedRuntime>
{
    private const string GeneratorEntry = "analyzers/dotnet/cs/FlinkSdk.Generators.dll";

    [Fact]
    public void The_package_holds_the_generator_as_an_analyzer_and_not_as_a_library_or_dependency()
    {
        using var package = ZipFile.OpenRead(packed.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToList();

        Assert.Contains(GeneratorEntry, entries);
        Assert.Contains("lib/net10.0/FlinkSdk.dll", entries);
        Assert.DoesNotContain(entries, e => e.EndsWith("FlinkSdk.Generators.dll", StringComparison.Ordinal) && e != GeneratorEntry);

        var nuspec = package.Entries.Single(e => e.FullName == "FlinkSdk.nuspec");
        using var stream = nuspec.Open();
        var dependencies = XDocument.Load(stream).Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!)
            .ToList();
        Assert.Contains("Microsoft.Extensions.Configuration", dependencies);
        Assert.DoesNotContain(dependencies, id => id.Contains("Generators", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Packing_the_runtime_prints_no_warning()
        => Assert.DoesNotMatch(@"\bwarning [A-Z]+[0-9]+", packed.PackOutput);

    [Fact]
    public void A_project_referencing_only_the_package_builds_annotated_state_and_runs_a_job()
    {
        string consumer = Path.Combine(packed.Directory, "consumer");
        ConsumerProject.Write(consumer, packed.Version, packed.PackageSource, MachinePackageFolder());
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(packed.Directory, "consumer-packages") };

        var build = ProcessRunner.Run("dotnet", ["build", "-c", "Release"], consumer, environment, timeoutSeconds: 300);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(Path.Combine(packed.Directory, "consumer-packages", "flinksdk", packed.Version, GeneratorEntry)),
            "The consumer did not restore the packed runtime into its private package folder.");

        var run = ProcessRunner.Run("dotnet", ["run", "--no-build", "-c", "Release"], consumer, environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(ConsumerProject.ExpectedOutput, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Where this machine's restores put packages; the consumer reads the runtime's dependencies from it.</summary>
    private string MachinePackageFolder()
    {
        var locals = ProcessRunner.Run("dotnet", ["nuget", "locals", "global-packages", "--list"], packed.Directory);
        const string Prefix = "global-packages:";
        string? line = locals.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        Assert.True(locals.ExitCode == 0 && line is not null, locals.ToString());
        return line[Prefix.Length..].Trim();
    }
}
