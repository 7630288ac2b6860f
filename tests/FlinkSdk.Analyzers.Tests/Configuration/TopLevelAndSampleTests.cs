using System.Collections.Immutable;
using FlinkSdk.Analyzers.Tests.Infrastructure;
using FlinkSdk.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlinkSdk.Analyzers.Tests.Configuration;

/// <summary>Program.cs written as top-level statements, and the repository's own sample job and configuration files.</summary>
public class TopLevelAndSampleTests
{
    [Fact]
    public async Task Top_level_statements_are_checked_like_a_method_body()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            var env = StreamExecutionEnvironment.Create(args);
            env.EnableCheckpointing(TimeSpan.FromSeconds(1));
            env.CheckpointConfig.MinPauseBetweenCheckpoints = TimeSpan.FromMilliseconds(500);
            env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0021:2|};
            """, "/src/Program.cs"));
    }

    [Fact]
    public async Task The_WordCount_sample_is_clean()
    {
        var trees = Directory.GetFiles(RepositoryPaths.Combine("samples", "WordCount"), "*.cs")
            .Select(path => AnalyzerHarness.Parse(File.ReadAllText(path), path));
        var compilation = AnalyzerHarness.Compile(trees);
        CSharpGeneratorDriver.Create(new StateGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(output, ImmutableArray<AdditionalText>.Empty);
        Assert.Empty(diagnostics.Where(d => d.Id.StartsWith("FLK", StringComparison.Ordinal)).Select(Verify.Describe));
    }

    [Theory]
    [InlineData("config.yaml")]
    [InlineData("flink-conf.yaml")]
    public async Task The_sample_configuration_files_have_no_errors_and_the_runtime_warnings(string name)
    {
        string path = RepositoryPaths.Combine("samples", "config", name);
        var run = await AnalyzerHarness.RunAsync([TestFile.Code("public static class Job { }"), new TestFile(path, File.ReadAllText(path))]);
        var runtime = new FlinkSdk.Configuration.FlinkConfiguration().AddYamlFile(path).Validate();

        Assert.DoesNotContain(run.Flk, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(runtime.Select(p => p.RuleId + ": " + p.Message), run.Flk.Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_sample_invalid_file_has_its_three_problems_on_their_lines()
    {
        // The CLI's sample of an invalid configuration, read as a config.yaml.
        string text = File.ReadAllText(RepositoryPaths.Combine("samples", "config", "invalid.yaml"));
        var run = await AnalyzerHarness.RunAsync([TestFile.Code("public static class Job { }"), new TestFile("/conf/config.yaml", text)]);
        Assert.Equal(
            ["FLK0020 line 4", "FLK0100 line 5", "FLK0101 line 6"],
            run.Flk.Select(d => $"{d.Id} line {d.Location.GetLineSpan().StartLinePosition.Line + 1}"));
    }
}
