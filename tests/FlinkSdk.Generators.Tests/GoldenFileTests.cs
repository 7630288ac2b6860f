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

    private static void Check(string scenario)
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Scenarios.All[scenario]));
        Assert.NotEmpty(result.GeneratedSources);
        Baseline.Verify(scenario, GeneratorHarness.Sources(result));
    }
}
