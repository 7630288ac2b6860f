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
        var run = await AnalyzerHarness.RunAsync([Job, Operator], EditorConfig);
        Assert.Equal(DiagnosticSeverity.Warning, run.Single("FLK0020").Severity);
        Assert.Equal(DiagnosticSeverity.Error, run.Single("FLK0026").Severity);
        Assert.DoesNotContain(run.Flk, d => d.Id == "FLK1001");
    }
}
