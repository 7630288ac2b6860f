namespace FlinkSdk.Cli.Tests;

public sealed class DotnetToolPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flinksdk-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PackedToolInstallsAsFlinksdkAndChecksAConfiguration()
    {
        string packages = Path.Combine(_dir, "packages");
        string tools = Path.Combine(_dir, "tools");
        var pack = ProcessRunner.Run("dotnet", ["pack", Path.Combine(CliRunner.RepoRoot, "src", "FlinkSdk.Cli"), "-c", "Release", "-o", packages, "-p:PackageVersion=0.0.0-test", "--artifacts-path", Path.Combine(_dir, "artifacts")], _dir, timeoutSeconds: 300);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        var install = ProcessRunner.Run("dotnet", ["tool", "install", "FlinkSdk.Cli", "--version", "0.0.0-test", "--tool-path", tools, "--add-source", packages], _dir, timeoutSeconds: 300);
        Assert.True(install.ExitCode == 0, install.ToString());

        var check = ProcessRunner.Run(Path.Combine(tools, "flinksdk"), ["config", "check", "samples/config/invalid.yaml"], CliRunner.RepoRoot);
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("3 errors, 0 warnings", check.Output);
    }
}
