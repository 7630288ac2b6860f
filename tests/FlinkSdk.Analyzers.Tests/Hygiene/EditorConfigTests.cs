using FlinkSdk.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Tests.Hygiene;

/// <summary>Severities are configurable through .editorconfig, as for any analyzer.</summary>
public class EditorConfigTests
{
    private static readonly TestFile Job = TestFile.Code(JobSource.InMain("""
        env.EnableCheckpointing(TimeSpan.FromSeconds(1));
        env.CheckpointConfig.UnalignedCheckpointsEnabled = true;
        env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0020:2|};
        var other = StreamExecutionEnvironment.Create(new FlinkConfiguration());
        other.EnableCheckpointing(TimeSpan.FromSeconds(1));
        other.CheckpointConfig.AlignedCheckpointTimeout = {|FLK0026:TimeSpan.FromSeconds(1)|};
        """));

    private static readonly TestFile Operator = TestFile.Code("""
        [StatefulOperator]
        public class {|FLK1001:Counter|} : KeyedProcessFunction<string, string, long>
        {
            [State(0)] private long _count;

            public override void ProcessElement(string value, Context context, ICollector<long> output) => output.Collect(++_count);
        }
        """, "/src/Counter.cs");

    [Fact]
    public async Task Default_severities_come_from_the_rule_tables()
    {
        var run = await Verify.DiagnosticsAsync([Job, Operator], allowCompilerErrors: false);
        Assert.Equal(DiagnosticSeverity.Error, run.Single("FLK0020").Severity);
        Assert.Equal(DiagnosticSeverity.Warning, run.Single("FLK0026").Severity);
        Assert.Equal(DiagnosticSeverity.Error, run.Single("FLK1001").Severity);
    }

    [Fact]
    public async Task An_editorconfig_raises_lowers_and_silences_rules()
    {
        const string EditorConfig = """
            root = true

            [*.cs]
            dotnet_diagnostic.FLK0020.severity = warning
            dotnet_diagnostic.FLK0026.severity = error
            dotnet_diagnostic.FLK1001.severity = none
            """;
        var run = await AnalyzerHarness.RunAsync([Job, Operator, new TestFile("/src/.editorconfig", EditorConfig)]);
        Assert.Equal(DiagnosticSeverity.Warning, run.Single("FLK0020").Severity);
        Assert.Equal(DiagnosticSeverity.Error, run.Single("FLK0026").Severity);
        Assert.DoesNotContain(run.Flk, d => d.Id == "FLK1001");
    }

    [Fact]
    public async Task A_globalconfig_sets_the_severity_of_diagnostics_in_configuration_files()
    {
        var yaml = TestFile.Yaml("execution.checkpointing.interval: 5 ms\nexecution.checkpointing.storage: filesystem\n");
        var before = await AnalyzerHarness.RunAsync([TestFile.Code("public static class Job { }"), yaml]);
        Assert.Equal(DiagnosticSeverity.Error, before.Single("FLK0001").Severity);

        const string GlobalConfig = """
            is_global = true
            dotnet_diagnostic.FLK0001.severity = warning
            dotnet_diagnostic.FLK0028.severity = none
            """;
        var after = await AnalyzerHarness.RunAsync([TestFile.Code("public static class Job { }"), yaml, new TestFile("/src/.globalconfig", GlobalConfig)]);
        Assert.Equal(DiagnosticSeverity.Warning, after.Single("FLK0001").Severity);
        Assert.DoesNotContain(after.Flk, d => d.Id == "FLK0028");
        Assert.Contains(before.Flk, d => d.Id == "FLK0028");
    }
}
