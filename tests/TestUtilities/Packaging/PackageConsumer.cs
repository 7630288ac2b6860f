using System.Security;

namespace FlinkSdk.TestUtilities;

/// <summary>
/// A console project outside the repository that references the packed runtime the way a user does: one
/// PackageReference, restored from the fixture's private feed, built with the real <c>dotnet build</c>.
/// </summary>
internal sealed class PackageConsumer
{
    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="FlinkSdk" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    // Only the packed runtime's folder as a source, and the machine's package folder as a read-only fallback:
    // packing the runtime just restored all its dependencies there, so restore needs no registry, and the
    // package under test is extracted into the fixture's private NUGET_PACKAGES, never the machine's cache.
    private const string NuGetConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="packed-runtime" value="{source}" />
          </packageSources>
          <fallbackPackageFolders>
            <clear />
            <add key="machine" value="{fallback}" />
          </fallbackPackageFolders>
        </configuration>
        """;

    private readonly PackedRuntime _packed;

    private PackageConsumer(PackedRuntime packed, string directory)
    {
        _packed = packed;
        Directory = directory;
    }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    /// <summary>Creates the project in a new folder <paramref name="name"/> of the fixture's temporary folder.</summary>
    /// <param name="packed">The packed runtime to reference.</param>
    /// <param name="name">The folder name, unique among the fixture's consumers.</param>
    public static PackageConsumer Create(PackedRuntime packed, string name)
    {
        string directory = Path.Combine(packed.Directory, name);
        if (System.IO.Directory.Exists(directory))
        {
            throw new InvalidOperationException($"A consumer named '{name}' already exists in {packed.Directory}; each needs its own folder.");
        }

        var consumer = new PackageConsumer(packed, directory);
        consumer.Write("Consumer.csproj", ProjectFile.Replace("{version}", packed.Version, StringComparison.Ordinal));
        consumer.Write("nuget.config", NuGetConfig
            .Replace("{source}", SecurityElement.Escape(packed.PackageSource), StringComparison.Ordinal)
            .Replace("{fallback}", SecurityElement.Escape(packed.MachinePackageFolder), StringComparison.Ordinal));

        // MSBuild imports the nearest of these walking up from the project: empty ones here end the search, so
        // nothing above the temporary folder can change how a user's project builds.
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            consumer.Write(file, "<Project />\n");
        }

        return consumer;
    }

    /// <summary>The full path of a file of the project.</summary>
    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary>Writes (or replaces) a file of the project.</summary>
    public void Write(string relativePath, string text)
    {
        string path = PathOf(relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Deletes a file of the project.</summary>
    public void Delete(string relativePath) => File.Delete(PathOf(relativePath));

    /// <summary>Runs <c>dotnet build</c> (Release) with <paramref name="extraArgs"/>.</summary>
    public ProcessResult Build(params string[] extraArgs) => Dotnet(["build", "-c", "Release", .. extraArgs], timeoutSeconds: 300);

    /// <summary>Runs the built program.</summary>
    public ProcessResult Run() => Dotnet(["run", "--no-build", "-c", "Release"], timeoutSeconds: 120);

    private ProcessResult Dotnet(IReadOnlyList<string> args, int timeoutSeconds) =>
        ProcessRunner.Run("dotnet", args, Directory,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _packed.ConsumerPackageFolder }, timeoutSeconds);
}
