using System.Text.Json;

namespace FlinkSdk.Cli.Tests;

public sealed class ConfigCheckEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flinksdk-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ValidFlink2ConfigExitsZeroAndShowsValuesWithOrigins()
    {
        var result = CliRunner.RunCli(CliRunner.RepoRoot, null, "config", "check", "samples/config/config.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"execution\.checkpointing\.interval\s+10 s\s+file samples/config/config\.yaml:22", result.Output);
        Assert.Matches(@"execution\.checkpointing\.timeout\s+2 min\s+file samples/config/config\.yaml:24", result.Output);
        Assert.Matches(@"execution\.checkpointing\.data-inline-threshold\s+20 kb\s+default", result.Output);
        Assert.Matches(@"execution\.checkpointing\.file-merging\.max-space-amplification\s+2\.0\s+default", result.Output);
        Assert.Contains("Ignored (not used by FlinkSdk): jobmanager.rpc.address", result.Output);
        Assert.Contains("No problems found.", result.Output);
    }

    [Fact]
    public void Flink120ConfigShowsTheEffectiveValuesFlinkWouldUse()
    {
        var result = CliRunner.RunCli(CliRunner.RepoRoot, null, "config", "check", "samples/config/flink-conf.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"execution\.checkpointing\.dir\s+file:///tmp/flinksdk/checkpoints\s+file samples/config/flink-conf\.yaml:7", result.Output);
        Assert.Matches(@"execution\.checkpointing\.storage\s+filesystem\s+default", result.Output);
        Assert.Matches(@"execution\.checkpointing\.num-retained\s+2\s+file", result.Output);
        Assert.Matches(@"restart-strategy\.type\s+fixed-delay\s+file", result.Output);
        Assert.Matches(@"restart-strategy\.fixed-delay\.attempts\s+10\s+file", result.Output);
        Assert.Matches(@"parallelism\.default\s+4\s+file", result.Output);
        Assert.Contains("warning FLK0102 [file samples/config/flink-conf.yaml:7] Configuration key 'state.checkpoints.dir' is deprecated; use 'execution.checkpointing.dir' instead.", result.Output);
        Assert.Contains("0 errors, 5 warnings", result.Output);
    }

    [Fact]
    public void FileWithThreeProblemsListsAllThreeAndExitsOne()
    {
        var result = CliRunner.RunCli(CliRunner.RepoRoot, null, "config", "check", "samples/config/invalid.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error   FLK0100 [file samples/config/invalid.yaml:5] Unknown configuration key 'execution.checkpointing.tolerable-failed-checkpoint'. Did you mean 'execution.checkpointing.tolerable-failed-checkpoints'?", result.Output);
        Assert.Contains("error   FLK0101 [file samples/config/invalid.yaml:6] Invalid value '10 parsecs' for key 'execution.checkpointing.timeout'", result.Output);
        Assert.Contains("error   FLK0020 [file samples/config/invalid.yaml:4] maxConcurrentCheckpoints can't be > 1 if UnalignedCheckpoints enabled", result.Output);
        Assert.Contains("3 errors, 0 warnings", result.Output);
    }

    [Fact]
    public void JsonOutputIsMachineReadable()
    {
        var result = CliRunner.RunCli(CliRunner.RepoRoot, null, "config", "check", "samples/config/invalid.yaml", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("errors").GetInt32());
        var problems = root.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(["FLK0100", "FLK0101", "FLK0020"], problems.Select(p => p.GetProperty("ruleId").GetString()));
        Assert.All(problems, p => Assert.Equal("error", p.GetProperty("severity").GetString()));
        Assert.Equal("file samples/config/invalid.yaml:4", problems[2].GetProperty("location").GetString());
        Assert.Equal(["execution.checkpointing.max-concurrent-checkpoints", "execution.checkpointing.unaligned.enabled"], problems[2].GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        var interval = root.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "execution.checkpointing.interval");
        Assert.Equal("10 s", interval.GetProperty("value").GetString());
        Assert.Equal("file", interval.GetProperty("origin").GetString());
        Assert.Equal("samples/config/invalid.yaml:2", interval.GetProperty("location").GetString());
    }

    [Fact]
    public void EnvironmentAndDynamicPropertiesOverrideTheFileAndAreAttributed()
    {
        var env = new Dictionary<string, string> { ["FLINK__execution__checkpointing__max_concurrent_checkpoints"] = "1" };
        var result = CliRunner.RunCli(CliRunner.RepoRoot, env, "config", "check", "samples/config/invalid.yaml",
            "-Dexecution.checkpointing.timeout=1 min", "-D", "execution.checkpointing.tolerable-failed-checkpoints=3", "--json");

        using var json = JsonDocument.Parse(result.Output);
        var options = json.RootElement.GetProperty("options").EnumerateArray()
            .ToDictionary(o => o.GetProperty("key").GetString()!, o => (Value: o.GetProperty("value").GetString(), Origin: o.GetProperty("origin").GetString(), Location: o.GetProperty("location").GetString()));
        Assert.Equal(("1", "environment", "FLINK__execution__checkpointing__max_concurrent_checkpoints"), options["execution.checkpointing.max-concurrent-checkpoints"]);
        Assert.Equal(("1 min", "argument", "-Dexecution.checkpointing.timeout"), options["execution.checkpointing.timeout"]);
        Assert.Equal(("3", "argument", "-Dexecution.checkpointing.tolerable-failed-checkpoints"), options["execution.checkpointing.tolerable-failed-checkpoints"]);

        // The environment fixed the concurrency problem; the file's other two problems remain (the bad timeout
        // text is still reported even though an argument supplies a valid timeout).
        var ruleIds = json.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("ruleId").GetString()).ToList();
        Assert.Equal(["FLK0100", "FLK0101"], ruleIds);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void AppSettingsJsonFlinkSectionIsRead()
    {
        string path = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(path, """
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "Flink": {
                "execution.checkpointing.interval": "5 s",
                "execution": { "checkpointing": { "min-pause": "1 s", "max-concurrent-checkpoints": 2 } }
              }
            }
            """);

        var result = CliRunner.RunCli(_dir, null, "config", "check", "appsettings.json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"execution\.checkpointing\.interval\s+5 s\s+file appsettings\.json", result.Output);
        Assert.Contains("error   FLK0021 [file appsettings.json] A minimum pause between checkpoints implies that the number of concurrent checkpoints is one", result.Output);
    }

    [Fact]
    public void DefaultFileIsTakenFromFlinkConfDir()
    {
        File.WriteAllText(Path.Combine(_dir, "config.yaml"), "execution.checkpointing.interval: 7 s\n");
        var result = CliRunner.RunCli(CliRunner.RepoRoot, new Dictionary<string, string> { ["FLINK_CONF_DIR"] = _dir }, "config", "check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"execution\.checkpointing\.interval\s+7 s\s+file .*config\.yaml:1", result.Output);
    }

    [Fact]
    public void MissingFileIsAnErrorNamingThePath()
    {
        var result = CliRunner.RunCli(_dir, null, "config", "check", "nope.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error   FLK0104", result.Output);
        Assert.Contains("Cannot read configuration file 'nope.yaml'", result.Output);
    }

    [Fact]
    public void UnknownVerbIsAUsageErrorWithExitCodeTwo()
    {
        var result = CliRunner.RunCli(_dir, null, "config", "chek");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Usage: flinksdk config check", result.Error);
    }
}
