namespace FlinkSdk.Generators.Tests;

/// <summary>The generated text of representative operators matches the committed baselines.</summary>
public sealed class GoldenFileTests
{
    [Fact]
    public void Keyed_operator_with_primitives_collections_and_snapshot_types() => Check(nameof(Scenarios.KeyedOperator));

    [Fact]
    public void Non_keyed_operator_with_callbacks() => Check(nameof(Scenarios.NonKeyedOperator));

    [Fact]
    public void Operator_nested_in_classes_in_a_namespace() => Check(nameof(Scenarios.NestedOperator));

    [Fact]
    public void Operator_and_positional_record_in_the_global_namespace() => Check(nameof(Scenarios.GlobalNamespace));

    [Fact]
    public void Rich_flat_map_function_gets_code_for_keyed_and_operator_state() => Check(nameof(Scenarios.RichFlatMapFunction));

    [Fact]
    public void Rich_map_function_gets_code_for_keyed_and_operator_state() => Check(nameof(Scenarios.RichMapFunction));

    [Fact]
    public void Source_reader_gets_operator_state() => Check(nameof(Scenarios.SourceReader));

    [Fact]
    public void Two_phase_commit_sink_writer_gets_operator_state() => Check(nameof(Scenarios.SinkWriter));

    private static void Check(string scenario)
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Scenarios.Every[scenario]));
        Assert.NotEmpty(result.GeneratedSources);
        Baseline.Verify(scenario, GeneratorHarness.Sources(result));
    }
}
