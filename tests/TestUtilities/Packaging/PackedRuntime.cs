namespace FlinkSdk.TestUtilities;

/// <summary>
/// The runtime packed once with <c>dotnet pack</c> into a temporary folder, shared by the tests that build projects
/// against the package (an xunit class or collection fixture).
/// </summary>
/// <remarks>
/// The version is unique per run (<c>0.0.0-test.&lt;ticks&gt;</c>) so no NuGet cache anywhere can hold a stale
/// package of that version. The build output goes to a private artifacts folder, so packing Release never touches
/// the repository's bin/obj that the running test build uses.
/// </remarks>
public sealed class PackedRuntime : IDisposable
{
    private readonly Lazy<string> _machinePackageFolder;

    /// <summary>Packs src/FlinkSdk; throws with dotnet's output if that fails.</summary>
    public PackedRuntime()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("flinksdk-pack-").FullName;
        Version = "0.0.0-test." + DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        PackageSource = Path.Combine(Directory, "packages");
        _machinePackageFolder = new Lazy<string>(FindMachinePackageFolder);

        var pack = ProcessRunner.Run("dotnet",
            ["pack", RepositoryPaths.Combine("src", "FlinkSdk"), "-c", "Release", "-o", PackageSource,
                $"-p:PackageVersion={Version}", "--artifacts-path", Path.Combine(Directory, "artifacts")],
            Directory, timeoutSeconds: 300);
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack src/FlinkSdk failed: " + pack);
        }

        PackOutput = pack.Output;
        PackagePath = Path.Combine(PackageSource, $"FlinkSdk.{Version}.nupkg");
        if (!File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"dotnet pack did not write {PackagePath}: " + pack);
        }
    }

    /// <summary>A temporary folder owned by this fixture, deleted with it.</summary>
    public string Directory { get; }

    /// <summary>The package version, unique to this run.</summary>
    public string Version { get; }

    /// <summary>The folder holding the package, usable as a NuGet source.</summary>
    public string PackageSource { get; }

    /// <summary>The .nupkg file.</summary>
    public string PackagePath { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; }

    /// <summary>
    /// The package folder of every consumer of this fixture (their NUGET_PACKAGES): the package under test is
    /// extracted there, never into the machine's cache.
    /// </summary>
    public string ConsumerPackageFolder => Path.Combine(Directory, "consumer-packages");

    /// <summary>Where this machine's restores put packages; consumers read the runtime's dependencies from it.</summary>
    public string MachinePackageFolder => _machinePackageFolder.Value;

    /// <inheritdoc/>
    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string FindMachinePackageFolder()
    {
        var locals = ProcessRunner.Run("dotnet", ["nuget", "locals", "global-packages", "--list"], Directory);
        const string Prefix = "global-packages:";
        string? line = locals.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return locals.ExitCode == 0 && line is not null
            ? line[Prefix.Length..].Trim()
            : throw new InvalidOperationException("Cannot find the machine's NuGet package folder: " + locals);
    }
}
