using System.Globalization;
using FlinkSdk.Analyzers.Tests.Infrastructure;

namespace FlinkSdk.Analyzers.Tests.State;

/// <summary>Every state rule: positive cases with exact spans, and the valid declaration next to them.</summary>
public class StateRuleTests
{
    private const string Keyed = "KeyedProcessFunction<string, string, long>";

    private const string Process = """
            public override void ProcessElement(string value, Context context, ICollector<long> output)
            {
            }
        """;

    [Fact]
    public async Task FLK1001_operator_and_containing_types_must_be_partial()
    {
        await Verify.DiagnosticsAsync(TestFile.Code($$"""
            [StatefulOperator]
            public class {|FLK1001:Counter|} : {{Keyed}}
            {
                [State(0)] private long _count;
            {{Process}}
            }

            public class {|FLK1001:Outer|}
            {
                [StatefulOperator]
                public partial class Inner : {{Keyed}}
                {
                    [State(0)] private long _count;
            {{Process}}
                }
            }

            public partial class GoodOuter
            {
                [StatefulOperator]
                public partial class Good : {{Keyed}}
                {
                    [State(0)] private long _count;
            {{Process}}
                }
            }
            """));
    }

    [Fact]
    public async Task FLK1002_state_members_must_be_writable_instance_fields_or_auto_properties()
    {
        var run = await Verify.DiagnosticsAsync(TestFile.Code($$"""
            [StatefulOperator]
            public partial class Counter : {{Keyed}}
            {
                [State(0)] private static long {|FLK1002:_shared|};
                [State(1)] private readonly long {|FLK1002:_fixed|};
                [State(2)] private const long {|FLK1002:Limit|} = 3;
                [State(3)] public long {|FLK1002:GetOnly|} { get; }
                [State(4)] public long {|FLK1002:InitOnly|} { get; init; }
                [State(5)] public long {|FLK1002:WithBody|} { get => _count; set => _count = value; }
                [State(6)] private long _count;
                [State(7)] public string Name { get; set; } = "";
            {{Process}}
            }
            """));
        Assert.Contains(
            "'_shared' cannot hold checkpointed state: it is static",
            run.Flk[0].GetMessage(CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task FLK1003_unsupported_types_name_the_part_to_blame_and_what_is_supported()
    {
        var run = await Verify.DiagnosticsAsync(TestFile.Code($$"""
            public class Customer
            {
                public string Name { get; set; } = "";
            }

            [SnapshotType]
            public class Order
            {
                [Key(0)] public string Id { get; set; } = "";
            }

            [StatefulOperator]
            public partial class Tracker : {{Keyed}}
            {
                [State(0)] private {|FLK1003:Dictionary<string, List<Customer>>|} _customers = new();
                [State(1)] private {|FLK1003:IList<int>|} _list = new List<int>();
                [State(2)] private Dictionary<string, List<Order>> _orders = new();
                [State(3)] private (int, string, DateTimeOffset?)[] _events = [];
            {{Process}}
            }
            """));
        string message = run.Flk[0].GetMessage(CultureInfo.InvariantCulture);
        Assert.StartsWith(
            "Type 'Dictionary<string, List<Customer>>' of '_customers' cannot be checkpointed because its part 'Customer' is not supported; mark 'Customer' [SnapshotType] and give its members [Key] ids; supported types are bool, ",
            message,
            StringComparison.Ordinal);
        Assert.EndsWith("and [SnapshotType] types, nested to any depth", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FLK1004_and_FLK1005_duplicate_and_negative_ids_carry_the_next_free_id()
    {
        var run = await Verify.DiagnosticsAsync(TestFile.Code($$"""
            [StatefulOperator]
            public partial class Counter : {{Keyed}}
            {
                [State(1)] private long _first;
                [State({|FLK1004:1|})] private long _second;
                [State({|FLK1005:-3|})] private long _third;
                [State(4)] private long _fourth;
            {{Process}}
            }

            [SnapshotType]
            public class Order
            {
                [Key(0)] public string Id { get; set; } = "";
                [Key({|FLK1004:0|})] public string Other { get; set; } = "";
            }
            """));
        var duplicate = run.Flk.First(d => d.Id == "FLK1004");
        Assert.Equal("5", duplicate.Properties["NextFreeId"]);
        Assert.Equal("State", duplicate.Properties["Attribute"]);
        Assert.Equal("_first", Assert.Single(duplicate.AdditionalLocations).SourceTree!.GetText().ToString(Assert.Single(duplicate.AdditionalLocations).SourceSpan));
        Assert.Equal("5", run.Single("FLK1005").Properties["NextFreeId"]);
    }

    [Fact]
    public async Task FLK1006_a_state_attribute_without_an_id_gets_the_next_free_id()
    {
        var run = await Verify.DiagnosticsAsync(
            [TestFile.Code($$"""
                [StatefulOperator]
                public partial class Counter : {{Keyed}}
                {
                    [State(0)] private long _first;
                    [{|FLK1006:State|}] private long _second;
                {{Process}}
                }
                """)],
            allowCompilerErrors: true);
        Assert.Contains(run.Compilation.GetDiagnostics(), d => d.Id == "CS7036");
        Assert.Equal("[State] on '_second' has no id; give it the next free id, [State(1)]", run.Single("FLK1006").GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FLK1007_snapshot_type_data_members_without_key_ids_are_reported()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            [SnapshotType]
            public class Order
            {
                [Key(0)] public string Id { get; set; } = "";
                public decimal {|FLK1007:Amount|} { get; set; }
                public int {|FLK1007:Count|};
                public int Computed => Count * 2;
                private int _hidden;
                public const int Max = 3;
                public static int Shared;
                public int Hidden() => _hidden;
            }

            [SnapshotType]
            public record {|FLK1012:Point|}([property: Key(0)] int X, int {|FLK1007:Y|});

            [SnapshotType]
            public record struct Complete([property: Key(0)] int X, [property: Key(1)] int Y);
            """));
    }

    [Fact]
    public async Task FLK1008_stateful_operators_must_derive_from_a_supported_base()
    {
        await Verify.DiagnosticsAsync(TestFile.Code($$"""
            [StatefulOperator]
            public partial class {|FLK1008:Helper|}
            {
                [State(0)] private long _count;
            }

            [StatefulOperator]
            public partial class NonKeyed : ProcessFunction<string, long>
            {
                [State(0)] private long _count;
            {{Process}}
            }

            [StatefulOperator]
            public partial class Reader : ISourceReader<int>
            {
                [State(0)] private long _offset;

                public SourcePosition Position => throw new NotSupportedException();

                public InputStatus PollNext(ISourceOutput<int> output) => throw new NotSupportedException();

                public void Seek(SourcePosition position) => throw new NotSupportedException();

                public void Dispose()
                {
                }
            }
            """));
    }

    [Fact]
    public async Task FLK1009_state_outside_a_stateful_operator_is_never_checkpointed()
    {
        await Verify.DiagnosticsAsync(TestFile.Code($$"""
            public class Counter : {{Keyed}}
            {
                [{|FLK1009:State(0)|}] private long _count;
            {{Process}}
            }
            """));
    }

    [Fact]
    public async Task FLK1011_generic_operators_cannot_get_generated_state()
    {
        await Verify.DiagnosticsAsync(TestFile.Code($$"""
            [StatefulOperator]
            public partial class {|FLK1011:Counter|}<T> : KeyedProcessFunction<T, T, long>
                where T : notnull
            {
                [State(0)] private long _count;

                public override void ProcessElement(T value, Context context, ICollector<long> output)
                {
                }
            }
            """));
    }

    [Fact]
    public async Task FLK1012_snapshot_types_the_generator_cannot_serialize()
    {
        var run = await Verify.DiagnosticsAsync(TestFile.Code("""
            [SnapshotType]
            public abstract class {|FLK1012:Shape|}
            {
                [Key(0)] public int Sides { get; set; }
            }

            [SnapshotType]
            public class {|FLK1012:Money|}
            {
                public Money(decimal amount) => Value = amount;

                [Key(0)] public decimal Value { get; }
            }

            [SnapshotType]
            public class Price
            {
                public Price(decimal value) => Value = value;

                [Key(0)] public decimal Value { get; }
            }
            """));
        Assert.EndsWith("has neither an accessible parameterless constructor nor a constructor whose parameters all match [Key] members by name and type", run.Flk[1].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FLK1002_key_members_the_serializer_cannot_reach_or_assign()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            [SnapshotType]
            public class Item
            {
                [Key(0)] public int {|FLK1002:Count|} { get; }
                [Key(1)] private int {|FLK1002:_secret|};
                [Key(2)] public int Settable { get; set; }
                public int Secret() => _secret;
            }
            """));
    }

    [Fact]
    public async Task FLK1013_checkpoint_callbacks_with_unsupported_signatures_are_never_called()
    {
        await Verify.DiagnosticsAsync(TestFile.Code($$"""
            [StatefulOperator]
            public partial class Counter : {{Keyed}}
            {
                [State(0)] private long _count;

                [BeforeSnapshot] public void Flush() { }
                [BeforeSnapshot] public void FlushAt(long checkpointId) { }
                [OnCheckpointComplete] public void {|FLK1013:Done|}() { }
                [OnCheckpointAborted] public static void {|FLK1013:Aborted|}(long checkpointId) { }
                [OnCheckpointComplete] public int {|FLK1013:Count|}(long checkpointId) => 0;
            {{Process}}
            }

            public class NotAnOperator
            {
                [OnCheckpointComplete] public void {|FLK1013:Done|}(long checkpointId) { }
            }
            """));
    }

    [Fact]
    public async Task A_valid_annotated_operator_gets_no_diagnostic()
    {
        await Verify.DiagnosticsAsync(TestFile.Code($$"""
            public enum Status { Open, Closed }

            [SnapshotType]
            public sealed record Order([property: Key(0)] string Id, [property: Key(1)] decimal Amount, [property: Key(3)] Status Status);

            [StatefulOperator]
            public sealed partial class Tracker : {{Keyed}}
            {
                [State(0)] private long _count;
                [State(1)] public Dictionary<string, Order> Orders { get; set; } = new();
                [State(3)] private System.Collections.Immutable.ImmutableList<Guid>? _ids;
                [State(4)] private Queue<(long, TimeSpan)> _recent = new();
                private int _notState;

                [BeforeSnapshot] public void Flush() => _notState = 0;

                [OnCheckpointComplete] public void Done(long checkpointId) => _ = checkpointId;
            {{Process}}
            }
            """));
    }
}
