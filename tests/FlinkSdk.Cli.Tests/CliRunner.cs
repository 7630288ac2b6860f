using System.Diagnostics;
using System.Reflection;

namespace FlinkSdk.Cli.Tests;

/// <summary>Runs a real process and captures what it prints.</summary>
internal static class CliRunner
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string BuildConfiguration =>
        typeof(CliRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    // The CLI is built by the project reference, in the same configuration as these tests.
    public static string CliDll { get; } = Path.Combine(
        RepoRoot, "src", "FlinkSdk.Cli", "bin", BuildConfiguration, "net10.0", "FlinkSdk.Cli.dll");

    public static ProcessResult RunCli(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Run("dotnet", [CliDll, .. args], workingDirectory, environment);

    public static ProcessResult Run(string fileName, IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A clean environment for the FlinkSdk variables, so the developer's shell cannot change results.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("FLINK", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeoutSeconds} s");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlinkSdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FlinkSdk.sln not found above " + AppContext.BaseDirectory);
    }
}

internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
