using System.Reflection;

namespace FlinkSdk.Cli.Tests;

/// <summary>Runs the built flinksdk command as a real process.</summary>
internal static class CliRunner
{
    public static string RepoRoot => RepositoryPaths.Root;

    // The CLI is built by the project reference, in the same configuration as these tests.
    public static string CliDll { get; } = RepositoryPaths.Combine("src", "FlinkSdk.Cli", "bin", BuildConfiguration, "net10.0", "FlinkSdk.Cli.dll");

    private static string BuildConfiguration =>
        typeof(CliRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static ProcessResult RunCli(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        ProcessRunner.Run("dotnet", [CliDll, .. args], workingDirectory, environment);
}
