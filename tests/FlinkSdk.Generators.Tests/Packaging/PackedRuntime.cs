namespace FlinkSdk.Generators.Tests.Packaging;

/// <summary>
/// The runtime packed once with <c>dotnet pack</c> into a temporary folder, shared by the packaging tests.
/// </summary>
/// <remarks>
/// The version is unique per run (<c>0.0.0-test.&lt;ticks&gt;</c>) so no NuGet cache anywhere can hold a stale
/// package of that version. The build output goes to a private artifacts folder, so packing Release never touches
/// the repository's bin/obj that the running test build uses.
/// </remarks>
public sealed class PackedRuntime : IDisposable
{
    public PackedRuntime()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("flinksdk-pack-").FullName;
        Version = "0.0.0-test." + DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        PackageSource = Path.Combine(Directory, "packages");

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

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
