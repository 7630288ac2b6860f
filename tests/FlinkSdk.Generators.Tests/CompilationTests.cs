namespace FlinkSdk.Generators.Tests;

/// <summary>The generated code compiles with the user's code, without errors or warnings.</summary>
public sealed class CompilationTests
{
    public static TheoryData<string> ScenarioNames => [.. Scenarios.Every.Keys];

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Generated_code_compiles_without_errors_or_warnings(string scenario)
    {
        var input = GeneratorHarness.Compile(Scenarios.Every[scenario]);
        Assert.DoesNotContain(input.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

        var (_, result, output) = GeneratorHarness.Run(input);

        Assert.NotEmpty(result.GeneratedSources);
        Assert.Empty(GeneratorHarness.ErrorsAndWarnings(output));
    }

    [Fact]
    public void All_scenarios_together_compile_without_errors_or_warnings()
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile([.. Scenarios.Every.Values]));

        // 4 process functions with 4 snapshot types, 2 rich functions, a source reader and a sink writer.
        Assert.Equal(12, result.GeneratedSources.Length);
        Assert.Empty(GeneratorHarness.ErrorsAndWarnings(output));
    }

    [Fact]
    public void Each_kind_of_stateful_class_implements_the_contracts_of_its_state_scope()
    {
        const string source = """
            using FlinkSdk.Connectors;
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            namespace Kinds;

            [StatefulOperator]
            public partial class Dedup : RichFilterFunction<string>
            {
                [State(0)] private string? _last;
                public override bool Filter(string value) { bool keep = value != _last; _last = value; return keep; }
            }

            public abstract class MapBase : RichMapFunction<int, int>;

            [StatefulOperator]
            public partial class Doubler : MapBase
            {
                [State(0)] private int _calls;
                public override int Map(int value) { _calls++; return value * 2; }
            }

            [StatefulOperator]
            public partial class Splitter : RichFlatMapFunction<string, char>
            {
                [State(0)] private int _calls;
                public override void FlatMap(string value, ICollector<char> output) { _calls++; foreach (char c in value) output.Collect(c); }
            }

            public abstract class ReaderBase : ISourceReader<int>
            {
                public abstract SourcePosition Position { get; }
                public abstract InputStatus PollNext(ISourceOutput<int> output);
                public abstract void Seek(SourcePosition position);
                public void Dispose() { }
            }

            [StatefulOperator]
            public partial class Reader : ReaderBase
            {
                [State(0)] private long _offset;
                public override SourcePosition Position => new("", _offset);
                public override InputStatus PollNext(ISourceOutput<int> output) { _offset++; return InputStatus.EndOfInput; }
                public override void Seek(SourcePosition position) => _offset = position.Offset;
            }

            [StatefulOperator]
            public partial class Writer : ISinkWriter<int>
            {
                [State(0)] private long _sum;
                public void Write(int value, long? timestamp) => _sum += value;
                public void Flush() { }
                public void Dispose() { }
            }

            [StatefulOperator]
            public partial class Keyed : KeyedProcessFunction<int, int, int>
            {
                [State(0)] private long _sum;
                public override void ProcessElement(int value, Context context, ICollector<int> output) => output.Collect((int)(_sum += value));
            }

            [StatefulOperator]
            public partial class NotKeyed : ProcessFunction<int, int>
            {
                [State(0)] private long _sum;
                public override void ProcessElement(int value, Context context, ICollector<int> output) => output.Collect((int)(_sum += value));
            }
            """;

        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Empty(GeneratorHarness.ErrorsAndWarnings(output));
        Assert.Equal(7, result.GeneratedSources.Length);
        string[] byStream = ["IGeneratedKeyedState", "IGeneratedScopedState", "IGeneratedStateful"];
        string[] keyed = ["IGeneratedKeyedState", "IGeneratedStateful"];
        string[] operatorState = ["IGeneratedStateful"];
        Assert.Equal(byStream, Contracts(output, "Kinds.Dedup"));
        Assert.Equal(byStream, Contracts(output, "Kinds.Doubler"));
        Assert.Equal(byStream, Contracts(output, "Kinds.Splitter"));
        Assert.Equal(operatorState, Contracts(output, "Kinds.Reader"));
        Assert.Equal(operatorState, Contracts(output, "Kinds.Writer"));
        Assert.Equal(keyed, Contracts(output, "Kinds.Keyed"));
        Assert.Equal(operatorState, Contracts(output, "Kinds.NotKeyed"));

        static string[] Contracts(Microsoft.CodeAnalysis.Compilation compilation, string type)
            => [.. compilation.GetTypeByMetadataName(type)!.AllInterfaces
                .Where(i => i.ContainingNamespace.ToDisplayString() == "FlinkSdk.State")
                .Select(i => i.Name)
                .Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Every_supported_type_and_declaration_form_compiles_without_errors_or_warnings()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            namespace Edge;

            public enum Level : byte { Low, High }

            [SnapshotType]
            public readonly record struct Span([property: Key(0)] long Start, [property: Key(1)] long End);

            [SnapshotType]
            public record struct Mutable([property: Key(0)] int A, [property: Key(1)] string? B);

            [SnapshotType]
            public sealed class Keywords
            {
                [Key(0)] public int @class;
                [Key(1)] public string? @event { get; set; }
            }

            [SnapshotType]
            internal sealed class WithConstructor
            {
                public WithConstructor(int id, Level level)
                {
                    Id = id;
                    Level = level;
                }

                [Key(0)] public int Id { get; }
                [Key(1)] public Level Level { get; }
                [Key(2)] public List<Span> Spans { get; set; } = new();
                [Key(3)] public Span? MaybeSpan { get; init; }
            }

            [StatefulOperator]
            internal sealed partial class Everything : KeyedProcessFunction<int, int, int>
            {
                [State(0)] private bool _bool;
                [State(1)] private byte _byte;
                [State(2)] private sbyte _sbyte;
                [State(3)] private short _short;
                [State(4)] private ushort _ushort;
                [State(5)] private int _int;
                [State(6)] private uint _uint;
                [State(7)] private long _long;
                [State(8)] private ulong _ulong;
                [State(9)] private float _float;
                [State(10)] private double _double;
                [State(11)] private char _char;
                [State(12)] private string? _string;
                [State(13)] private decimal _decimal;
                [State(14)] private Level _level;
                [State(15)] private DateTime _dateTime;
                [State(16)] private DateTimeOffset _dateTimeOffset;
                [State(17)] private TimeSpan _timeSpan;
                [State(18)] private Guid _guid;
                [State(19)] private byte[] _bytes = [];
                [State(20)] private Level? _maybeLevel;
                [State(21)] private string[] _strings = [];
                [State(22)] private List<List<int>> _lists = new();
                [State(23)] private Dictionary<Guid, Span> _spans = new();
                [State(24)] private HashSet<string> _set = new();
                [State(25)] private Queue<Mutable> _queue = new();
                [State(26)] private ImmutableArray<string> _immutableArray = ImmutableArray<string>.Empty;
                [State(27)] private ImmutableList<Span> _immutableList = ImmutableList<Span>.Empty;
                [State(28)] private ImmutableHashSet<long> _immutableSet = ImmutableHashSet<long>.Empty;
                [State(29)] private ImmutableDictionary<string, Level> _immutableDictionary = ImmutableDictionary<string, Level>.Empty;
                [State(30)] private ValueTuple<int> _one;
                [State(31)] private (int, long, string, bool, double, Level, Guid) _seven;
                [State(32)] private Span? _maybeSpan;
                [State(33)] private Keywords _keywords = new();
                [State(34)] private WithConstructor? _withConstructor;
                [State(35)] private Dictionary<string, (int Count, List<Mutable>? Items)> _nested = new();
                [State(36)] public int @class { get; set; }

                public override void ProcessElement(int value, Context context, ICollector<int> output) => output.Collect(value);
            }
            """;

        const string oblivious = """
            #nullable disable
            using System.Collections.Generic;
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            namespace Edge;

            [SnapshotType]
            public class Old
            {
                [Key(0)] public string Name { get; set; }
                [Key(1)] public List<string> Tags { get; set; }
            }

            [StatefulOperator]
            public partial class Oblivious : ProcessFunction<string, string>
            {
                [State(0)] private string _name;
                [State(1)] private List<string> _names;
                [State(2)] private Old _old;
                [State(3)] private Dictionary<string, Old> _olds;

                public override void ProcessElement(string value, Context context, ICollector<string> output)
                    => output.Collect(_name + _names + _old + _olds);
            }
            """;

        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source, oblivious));

        Assert.Equal(
            ["Edge.Everything.g.cs", "Edge.Keywords.StateSerializer.g.cs", "Edge.Mutable.StateSerializer.g.cs", "Edge.Oblivious.g.cs", "Edge.Old.StateSerializer.g.cs", "Edge.Span.StateSerializer.g.cs", "Edge.WithConstructor.StateSerializer.g.cs"],
            result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Empty(GeneratorHarness.ErrorsAndWarnings(output));
        string everything = result.GeneratedSources.Single(s => s.HintName == "Edge.Everything.g.cs").SourceText.ToString();
        Assert.Contains("IsImmutable = false,", everything);
        Assert.Contains(";36:class:int\",", everything);
    }

    [Fact]
    public void A_record_of_immutable_members_is_declared_immutable()
    {
        const string source = """
            using System;
            using System.Collections.Immutable;
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            namespace Edge;

            public enum Level { Low, High }

            [StatefulOperator]
            public partial class Immutable : KeyedProcessFunction<int, int, int>
            {
                [State(0)] private long _count;
                [State(1)] private string _name = "";
                [State(2)] private Level? _level;
                [State(3)] private (int, DateTimeOffset, Guid, TimeSpan, decimal) _tuple;
                [State(4)] private ImmutableDictionary<string, ImmutableList<int>> _map = ImmutableDictionary<string, ImmutableList<int>>.Empty;

                public override void ProcessElement(int value, Context context, ICollector<int> output) => output.Collect(value);
            }
            """;

        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Empty(GeneratorHarness.ErrorsAndWarnings(output));
        Assert.Contains("IsImmutable = true,", Assert.Single(result.GeneratedSources).SourceText.ToString());
    }
}
