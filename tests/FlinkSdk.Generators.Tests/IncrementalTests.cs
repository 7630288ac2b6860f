using System.Reflection;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Generators.Tests;

/// <summary>The pipeline caches: unrelated edits reuse every step; a state member's type change regenerates.</summary>
public sealed class IncrementalTests
{
    private const string Operator = """
        using System.Collections.Generic;
        using FlinkSdk.DataStream;
        using FlinkSdk.State;

        namespace Inc;

        [StatefulOperator]
        public partial class Counter : KeyedProcessFunction<string, string, string>
        {
            [State(0)]
            private long _count;

            [State(1)]
            private List<Item> _items = new();

            public override void ProcessElement(string value, Context context, ICollector<string> output)
            {
                _count++;
                output.Collect(value + _items.Count);
            }
        }
        """;

    private const string Types = """
        using FlinkSdk.State;

        namespace Inc;

        [SnapshotType]
        public sealed class Item
        {
            [Key(0)]
            public string Name { get; set; } = "";
        }
        """;

    private const string Unrelated = """
        namespace Other;

        public class Unrelated
        {
            public int X;
        }
        """;

    public static IEnumerable<string> StepNames => typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Tracking_names_cover_four_steps() => Assert.Equal(4, StepNames.Count());

    [Fact]
    public void Adding_an_unrelated_file_reuses_every_step()
    {
        var (driver, compilation, _, _) = FirstRun();

        var next = compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Other; public class Added { }", "Added.cs"));
        var result = GeneratorHarness.Run(next, driver).Result;

        AssertAllReused(result);
    }

    [Fact]
    public void Editing_an_unrelated_file_reuses_every_step()
    {
        var (driver, compilation, _, unrelated) = FirstRun();

        var edited = GeneratorHarness.Parse(Unrelated.Replace("public int X;", "public int X;\n    public string Y = \"changed\";"), "Unrelated.cs");
        var result = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(unrelated, edited), driver).Result;

        AssertAllReused(result);
    }

    [Fact]
    public void Editing_the_operator_body_without_touching_state_reuses_the_model()
    {
        var (driver, compilation, operatorTree, _) = FirstRun();

        var edited = GeneratorHarness.Parse(Operator.Replace("_count++;", "_count += 2;"), "Operator.cs");
        var result = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(operatorTree, edited), driver).Result;

        AssertAllReused(result);
    }

    [Fact]
    public void Changing_a_state_field_type_regenerates_the_operator_only()
    {
        var (driver, compilation, operatorTree, _) = FirstRun();
        string before = Generated(driver, "Inc.Counter.g.cs");

        var edited = GeneratorHarness.Parse(Operator.Replace("private long _count;", "private int _count;"), "Operator.cs");
        var result = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(operatorTree, edited), driver).Result;

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(result, TrackingNames.OperatorModels)).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(result, TrackingNames.Operators)).Reason);
        Assert.All(Outputs(result, TrackingNames.SnapshotTypeModels).Concat(Outputs(result, TrackingNames.SnapshotTypes)), AssertReused);
        Assert.Contains(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);

        string after = result.GeneratedSources.Single(s => s.HintName == "Inc.Counter.g.cs").SourceText.ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("0:_count:long;", before);
        Assert.Contains("0:_count:int;", after);
    }

    [Fact]
    public void Changing_the_base_type_to_a_rich_function_changes_the_state_scope_and_regenerates()
    {
        var (driver, compilation, operatorTree, _) = FirstRun();
        string before = Generated(driver, "Inc.Counter.g.cs");

        string rich = Operator
            .Replace("KeyedProcessFunction<string, string, string>", "RichFlatMapFunction<string, string>")
            .Replace("ProcessElement(string value, Context context, ICollector<string> output)", "FlatMap(string value, ICollector<string> output)");
        var result = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(operatorTree, GeneratorHarness.Parse(rich, "Operator.cs")), driver).Result;

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(result, TrackingNames.OperatorModels)).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(result, TrackingNames.Operators)).Reason);
        string after = result.GeneratedSources.Single(s => s.HintName == "Inc.Counter.g.cs").SourceText.ToString();
        Assert.DoesNotContain("IGeneratedScopedState", before);
        Assert.Contains("IGeneratedScopedState.InitializeKeyedState", after);
    }

    [Fact]
    public void Changing_a_snapshot_type_member_regenerates_its_serializer()
    {
        var (driver, compilation, _, _) = FirstRun();
        var typesTree = compilation.SyntaxTrees.Single(t => t.FilePath == "Types.cs");

        var edited = GeneratorHarness.Parse(Types.Replace("public string Name { get; set; } = \"\";", "public long Name { get; set; }"), "Types.cs");
        var result = GeneratorHarness.Run(compilation.ReplaceSyntaxTree(typesTree, edited), driver).Result;

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(result, TrackingNames.SnapshotTypes)).Reason);
        Assert.All(Outputs(result, TrackingNames.Operators), AssertReused);
    }

    [Fact]
    public void Adding_a_second_operator_keeps_the_first_cached()
    {
        var (driver, compilation, _, _) = FirstRun();

        string second = Operator.Replace("class Counter", "class SecondCounter");
        var result = GeneratorHarness.Run(compilation.AddSyntaxTrees(GeneratorHarness.Parse(second, "Second.cs")), driver).Result;

        var reasons = Outputs(result, TrackingNames.Operators).Select(o => o.Reason).ToArray();
        Assert.Equal(2, reasons.Length);
        Assert.Single(reasons, IncrementalStepRunReason.New);
        Assert.Single(reasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    private static (GeneratorDriver Driver, Compilation Compilation, SyntaxTree Operator, SyntaxTree Unrelated) FirstRun()
    {
        var operatorTree = GeneratorHarness.Parse(Operator, "Operator.cs");
        var unrelated = GeneratorHarness.Parse(Unrelated, "Unrelated.cs");
        var compilation = GeneratorHarness.Compile(operatorTree, GeneratorHarness.Parse(Types, "Types.cs"), unrelated);
        var (driver, result, output) = GeneratorHarness.Run(compilation);
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.ErrorsAndWarnings(output));
        return (driver, compilation, operatorTree, unrelated);
    }

    private static string Generated(GeneratorDriver driver, string hintName)
        => driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step)
        => result.TrackedSteps[step].SelectMany(s => s.Outputs);

    private static void AssertAllReused(GeneratorRunResult result)
    {
        foreach (string step in StepNames)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"Step {step} was not tracked.");
            var outputs = Outputs(result, step).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, AssertReused);
        }

        var sourceOutputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs, AssertReused);
    }

    private static void AssertReused((object Value, IncrementalStepRunReason Reason) output)
        => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{output.Value} was {output.Reason}.");
}
