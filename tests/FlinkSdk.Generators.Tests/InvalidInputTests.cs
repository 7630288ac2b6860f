using Microsoft.CodeAnalysis;

namespace FlinkSdk.Generators.Tests;

/// <summary>Invalid input gets no code (the analyzers report it) and never makes the generator throw.</summary>
public sealed class InvalidInputTests
{
    [Fact]
    public void Unsupported_static_readonly_duplicate_and_negative_members_get_no_code()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            namespace Bad;

            public class Unannotated { }

            [SnapshotType]
            public class NoUsableConstructor
            {
                public NoUsableConstructor(int other) { }

                [Key(0)]
                public int A { get; set; }
            }

            [StatefulOperator]
            public partial class Mixed : KeyedProcessFunction<int, int, int>
            {
                [State(0)] private int _ok;
                [State(1)] private object _object = new();
                [State(2)] private System.Text.StringBuilder _builder = new();
                [State(3)] private List<object> _listOfObject = new();
                [State(4)] private static int s_static;
                [State(5)] private readonly int _readonly;
                [State(6)] public int GetOnly { get; }
                [State(7)] public int InitOnly { get; init; }
                [State(8)] private int _duplicateA;
                [State(8)] private int _duplicateB;
                [State(-1)] private int _negative;
                [State(9)] public int Computed { get => _ok; set => _ok = value; }
                [State(10)] private Dictionary<int, object> _dictionaryOfObject = new();
                [State(11)] private (int, object) _tupleWithObject;
                [State(12)] private int[,] _matrix = new int[1, 1];
                [State(13)] private ValueTuple<int, int, int, int, int, int, int, int> _eightItems;
                [State(14)] private Unannotated _unannotated = new();
                [State(15)] private Action? _delegate;
                [State(16)] private const int Constant = 1;
                [State(17)] private NoUsableConstructor? _noConstructor;
                [State(18)] private int _last;

                public override void ProcessElement(int value, Context context, ICollector<int> output) { }

                [OnCheckpointComplete] private void WrongParameter(int checkpointId) { }
                [OnCheckpointComplete] private static void Static(long checkpointId) { }
                [OnCheckpointAborted] private void NoParameter() { }
                [BeforeSnapshot] private int ReturnsValue() => 0;
                [BeforeSnapshot] private void Fine() { }
            }
            """;

        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var text = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("Schema = \"0:_ok:int;18:_last:int\",", text);
        Assert.Contains("this.Fine();", text);
        Assert.DoesNotContain("WrongParameter", text);
        Assert.DoesNotContain("Static(", text);
        Assert.DoesNotContain("NoParameter", text);
        Assert.DoesNotContain("ReturnsValue", text);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Classes_that_cannot_take_generated_code_get_none()
    {
        const string source = """
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            namespace Bad;

            [StatefulOperator]
            public class NotPartial : ProcessFunction<int, int>
            {
                [State(0)] private int _x;
                public override void ProcessElement(int value, Context context, ICollector<int> output) => output.Collect(_x);
            }

            public class NotPartialOuter
            {
                [StatefulOperator]
                public partial class Inner : ProcessFunction<int, int>
                {
                    [State(0)] private int _x;
                    public override void ProcessElement(int value, Context context, ICollector<int> output) => output.Collect(_x);
                }
            }

            [StatefulOperator]
            public partial class Generic<T> : ProcessFunction<T, T>
            {
                [State(0)] private int _x;
                public override void ProcessElement(T value, Context context, ICollector<T> output) => output.Collect(value);
            }

            public partial class GenericOuter<T>
            {
                [StatefulOperator]
                public partial class Inner : ProcessFunction<int, int>
                {
                    [State(0)] private int _x;
                    public override void ProcessElement(int value, Context context, ICollector<int> output) => output.Collect(_x);
                }
            }

            [StatefulOperator]
            public partial class NotAFunction
            {
                [State(0)] private int _x;
                public int X => _x;
            }

            [StatefulOperator]
            public partial class PlainRichFunction : RichFunction
            {
                [State(0)] private int _x;
                public int X => _x;
            }

            [StatefulOperator]
            public partial class SinkNotWriter : FlinkSdk.Connectors.ISink<int>
            {
                [State(0)] private int _x;
                public FlinkSdk.Connectors.ISinkWriter<int> CreateWriter(FlinkSdk.Connectors.SinkWriterContext context) => throw new System.NotSupportedException(_x.ToString());
            }

            [StatefulOperator]
            public partial class GenericReader<T> : FlinkSdk.Connectors.ISourceReader<T>
            {
                [State(0)] private long _offset;
                public FlinkSdk.Connectors.SourcePosition Position => new("", _offset);
                public FlinkSdk.Connectors.InputStatus PollNext(FlinkSdk.Connectors.ISourceOutput<T> output) => FlinkSdk.Connectors.InputStatus.EndOfInput;
                public void Seek(FlinkSdk.Connectors.SourcePosition position) => _offset = position.Offset;
                public void Dispose() { }
            }

            [StatefulOperator]
            public class NotPartialMap : RichMapFunction<int, int>
            {
                [State(0)] private int _x;
                public override int Map(int value) => value + _x;
            }

            public class Host
            {
                [SnapshotType]
                private class Hidden
                {
                    [Key(0)] public int A;
                }
            }

            [SnapshotType]
            public class Generic2<T>
            {
                [Key(0)] public int A;
            }

            [SnapshotType]
            public abstract class Abstract
            {
                [Key(0)] public int A;
            }
            """;

        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Empty(result.GeneratedSources);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Invalid_snapshot_type_members_get_no_code()
    {
        const string source = """
            using FlinkSdk.State;

            namespace Bad;

            [SnapshotType]
            public class Bag
            {
                [Key(0)] public int DuplicateA;
                [Key(0)] public int DuplicateB;
                [Key(1)] public object Unsupported = new();
                [Key(2)] public int Fine;
                [Key(-1)] public int Negative;
                [Key(3)] public static int Static;
                [Key(4)] private int _private;
                [Key(5)] public int ReadOnlyProperty => _private;
                [Key(6)] public readonly int ReadOnlyField;
                [Key(7)] public int PrivateSetter { get; private set; }
            }
            """;

        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        var text = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("writer.WriteMapHeader(1);", text);
        Assert.Contains("value.Fine", text);
        foreach (string name in new[] { "Duplicate", "Unsupported", "Negative", "Static", "_private", "ReadOnlyProperty", "ReadOnlyField", "PrivateSetter" })
        {
            Assert.DoesNotContain(name, text);
        }

        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Code_with_errors_never_makes_the_generator_throw()
    {
        const string source = """
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            namespace Broken;

            [StatefulOperator]
            public partial class Half : KeyedProcessFunction<int, int, int>
            {
                [State(0)] private Missing _missing;
                [State("zero")] private int _wrongArgument;
                [State] private int _noArgument;
                [State(1), State(2)] private int _twice;
                [State(3)] private int _fine
                public override void ProcessElement(int value, Context context, ICollector<int> output) { }
            }

            [SnapshotType]
            [SnapshotType]
            public partial class Twice { [Key(0)] public int A; }

            [StatefulOperator]
            [StatefulOperator]
            public partial class TwiceOperator : ProcessFunction<int, int>
            {
                public override void ProcessElement(int value, Context context, ICollector<int> output) { }
            }

            [SnapshotType]
            public class Incomplete {
                [Key(0)] public List<
            """;

        var compilation = GeneratorHarness.Compile(source);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        // Run asserts that the generator neither threw nor reported diagnostics.
        var (_, result, _) = GeneratorHarness.Run(compilation);

        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("Twice", StringComparison.Ordinal));
    }

    [Fact]
    public void File_local_types_and_colliding_serializer_names_never_make_the_generator_throw()
    {
        const string source = """
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            namespace Odd;

            [StatefulOperator]
            file partial class Local : ProcessFunction<int, int>
            {
                [State(0)] private int _x;
                public override void ProcessElement(int value, Context context, ICollector<int> output) => output.Collect(_x);
            }

            public class A
            {
                [SnapshotType]
                public class B { [Key(0)] public int X; }
            }

            [SnapshotType]
            public class A_B { [Key(0)] public int Y; }
            """;

        // Run asserts that the generator neither threw nor reported diagnostics.
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Equal(["Odd.A.B.StateSerializer.g.cs", "Odd.A_B.StateSerializer.g.cs"], result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }
}
