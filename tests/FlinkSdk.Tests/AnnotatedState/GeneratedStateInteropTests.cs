using FlinkSdk.Tests.Serialization;
using System.Text.Json;
using FlinkSdk.State;
using FlinkSdk.Tests.State;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// Bytes of the generated serializers and of annotated operator state, against an independent MessagePack
/// implementation (npm's @msgpack/msgpack, see <see cref="MsgPackJs"/>): it decodes our state into maps keyed by member
/// id, and we restore state it encoded, skipping ids we do not know and keeping defaults for ids it left out.
/// </summary>
public sealed class GeneratedStateInteropTests
{
    private const string TallySchema = "1:_count:long;2:_words:System.Collections.Generic.List<string>;4:_spent:FlinkSdk.Tests.AnnotatedState.Money;7:_label:string";

    private static readonly Guid SampleId = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    private static string SampleIdBase64 => Convert.ToBase64String(Convert.FromHexString("00112233445566778899aabbccddeeff"));

    [Fact]
    public void A_snapshot_type_is_a_map_keyed_by_member_id()
    {
        var customer = new Customer
        {
            Name = "Zoë 😀",
            Age = -42,
            Balance = -12.50m,
            Joined = new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc).AddTicks(7891234),
            Id = SampleId,
            Tier = Tier.Platinum,
            Avatar = [1, 2, 3],
            Initial = 'é',
        };

        string decoded = MsgPackJs.Decode(StateBytes.Write(CustomerStateSerializer.Instance, customer));

        MsgPackJs.AssertSameJson(
            $$$"""
            {"$map": [
              [0, "Zoë 😀"],
              [1, -42],
              [2, "-12.50"],
              [3, {"$timestamp": {"sec": 1709210096, "nsec": 789123400}}],
              [4, {"$bin": "{{{SampleIdBase64}}}"}],
              [5, 1000],
              [6, {"$bin": "AQID"}],
              [7, 233]
            ]}
            """,
            decoded);
    }

    [Fact]
    public void Nested_user_types_collections_tuples_and_nulls_decode_to_the_expected_structure()
    {
        var order = new Order
        {
            Number = long.MaxValue,
            Lines = [new Line("sku-1", 2, new Money(9.99m, "EUR"))],
            Totals = new() { ["EUR"] = new Money(19.98m, "EUR") },
            Flags = [3],
            Notes = new(["a", null]),
            Route = [new Point { X = 0.5, Y = 1.5f, Z = -3 }],
            Labels = ["x"],
            Stops = System.Collections.Immutable.ImmutableDictionary<int, Point?>.Empty.Add(7, null),
            Priority = 5,
            Pair = (1, "one"),
            Seven = (1, 2.5, true, 'A', -2, 255, 4_000_000_000),
            Window = TimeSpan.FromSeconds(1),
            Placed = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)),
            Nested = [new() { ["k"] = [1, 2] }],
            Big = ulong.MaxValue,
            Small = ushort.MaxValue,
            Magnitude = Magnitude.Smallest,
            Paid = true,
        };

        string decoded = MsgPackJs.Decode(StateBytes.Write(OrderStateSerializer.Instance, order));

        MsgPackJs.AssertSameJson(
            """
            {"$map": [
              [0, {"$int": "9223372036854775807"}],
              [1, null],
              [2, [{"$map": [[0, "sku-1"], [1, 2], [2, {"$map": [[0, "9.99"], [1, "EUR"]]}]]}]],
              [3, null],
              [4, {"EUR": {"$map": [[0, "19.98"], [1, "EUR"]]}}],
              [5, [3]],
              [6, ["a", null]],
              [7, null],
              [8, [{"$map": [[0, 0.5], [1, 1.5], [2, -3]]}]],
              [9, ["x"]],
              [10, {"$map": [[7, null]]}],
              [11, 5],
              [12, [1, "one"]],
              [13, [1, 2.5, true, 65, -2, 255, 4000000000]],
              [14, 10000000],
              [15, [{"$timestamp": {"sec": 1704060000, "nsec": 0}}, 120]],
              [16, null],
              [17, {"$map": [[0, "0"], [1, null]]}],
              [18, null],
              [19, [{"k": [1, 2]}]],
              [20, {"$int": "18446744073709551615"}],
              [21, 65535],
              [22, null],
              [23, {"$int": "-9223372036854775808"}],
              [24, true]
            ]}
            """,
            decoded);
    }

    [Fact]
    public void Keyed_operator_state_is_a_map_of_member_ids_per_key_in_the_runtimes_snapshot()
    {
        var context = new StateBackendsContext(StateSnapshots.NewKeyedBackend(), new OperatorStateStore());
        var tally = new WordTally();
        ((IGeneratedStateful)tally).InitializeState(context);
        Tally(context, tally, "apple", ("red", 1.25m), ("green", 0.75m));
        Tally(context, tally, "pear", ("ripe", 2m));

        string decoded = MsgPackJs.Decode(StateSnapshots.Keyed(context.Keyed));

        // {1: [[key, key group]...], 3: {state: schema}, 2: {state: {row: value}}}: the value is the map of member ids.
        MsgPackJs.AssertSameJson(
            $$$"""
            {"$map": [
              [1, [["apple", {{{KeyGroup("apple")}}}], ["pear", {{{KeyGroup("pear")}}}]]],
              [3, {"__fields": "{{{TallySchema}}}"}],
              [2, {"__fields": {"$map": [
                [0, {"$map": [[1, 2], [2, ["red", "green"]], [4, {"$map": [[0, "2.00"], [1, "EUR"]]}], [7, "seen"]]}],
                [1, {"$map": [[1, 1], [2, ["ripe"]], [4, {"$map": [[0, "2.00"], [1, "EUR"]]}], [7, "seen"]]}]
              ]}}]
            ]}
            """,
            decoded);
    }

    [Fact]
    public void Non_keyed_operator_state_is_one_map_of_member_ids_per_subtask()
    {
        var context = new StateBackendsContext(StateSnapshots.NewKeyedBackend(), new OperatorStateStore());
        var book = new OrderBookOperator();
        ((IGeneratedStateful)book).InitializeState(context);
        book.Values = new OrderBookValues(42, null, [new Customer { Name = null, Id = SampleId }], new([DateTime.UnixEpoch]));
        ((IGeneratedStateful)book).BeforeSnapshot(1);
        var checkpoint = StateSnapshots.Operator(context.Lists);

        MsgPackJs.AssertSameJson(
            $$$"""
            {"__fields": [{"$map": [
              [1, null],
              [2, [{"$map": [[0, null], [1, 0], [2, "0"], [3, {"$timestamp": {"sec": -62135596800, "nsec": 0}}], [4, {"$bin": "{{{SampleIdBase64}}}"}], [5, 1], [6, null], [7, 0]]}]],
              [3, 42],
              [7, [{"$timestamp": {"sec": 0, "nsec": 0}}]]
            ]}]}
            """,
            MsgPackJs.Decode(checkpoint.Lists));
        MsgPackJs.AssertSameJson(
            """{"__fields": "1:_open:FlinkSdk.Tests.AnnotatedState.Order;2:_customers:System.Collections.Generic.List<FlinkSdk.Tests.AnnotatedState.Customer>;3:_sequence:long;7:_times:System.Collections.Generic.Queue<System.DateTime>"}""",
            MsgPackJs.Decode(checkpoint.Schemas!));
    }

    [Fact]
    public void A_snapshot_type_encoded_elsewhere_is_read_skipping_unknown_ids_and_keeping_defaults_for_missing_ones()
    {
        // Ids out of order, an unknown id holding a nested structure, and no id 0 (Name) or 5 (Tier).
        byte[] theirs = MsgPackJs.Encode(
            $$$"""
            {"$map": [
              [7, 65],
              [99, {"$map": [[1, [1, 2, {"deep": true}]], ["x", {"$bin": "AAE="}]]}],
              [1, 30],
              [3, {"$timestamp": {"sec": 1, "nsec": 500}}],
              [2, "0.10"],
              [4, {"$bin": "{{{SampleIdBase64}}}"}],
              [6, null]
            ]}
            """);

        var customer = StateBytes.Read(CustomerStateSerializer.Instance, theirs)!;

        var defaults = new Customer();
        Assert.Equal(defaults.Name, customer.Name);
        Assert.Equal(defaults.Tier, customer.Tier);
        Assert.Equal(30, customer.Age);
        Assert.Equal("0.10", customer.Balance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1).AddTicks(5), customer.Joined);
        Assert.Equal(SampleId, customer.Id);
        Assert.Null(customer.Avatar);
        Assert.Equal('A', customer.Initial);
    }

    [Fact]
    public void A_positional_record_encoded_elsewhere_without_a_member_gets_that_members_default()
    {
        byte[] theirs = MsgPackJs.Encode("""{"$map": [[2, {"$map": [[1, "USD"], [0, "1.5"]]}], [0, "sku-9"], [5, "unknown"]]}""");

        var line = StateBytes.Read(LineStateSerializer.Instance, theirs)!;

        Assert.Equal(new Line("sku-9", 0, new Money(1.5m, "USD")), line);
    }

    [Fact]
    public void Keyed_operator_state_encoded_elsewhere_restores_skipping_unknown_ids_and_keeping_initial_values_for_missing_ones()
    {
        // A whole keyed snapshot as the runtime writes it, for key "plum": member 2 (_words) missing, 4 and 7 given, 9 unknown.
        byte[] theirs = MsgPackJs.Encode(
            $$$"""
            {"$map": [
              [1, [["plum", {{{KeyGroup("plum")}}}]]],
              [3, {"__fields": "{{{TallySchema}}}"}],
              [2, {"__fields": {"$map": [
                [0, {"$map": [[9, [true, {"$map": [[1, 2]]}]], [7, "from-js"], [1, {"$int": "9007199254740993"}], [4, {"$map": [[0, "3.50"], [1, "CHF"]]}]]}]
              ]}}]
            ]}
            """);
        var context = new StateBackendsContext(StateSnapshots.RestoreKeyed(theirs), new OperatorStateStore());
        var tally = new WordTally();
        ((IGeneratedStateful)tally).InitializeState(context);

        context.Keyed.SetCurrentKey("plum");
        ((IGeneratedKeyedState)tally).LoadState();

        var (count, words, spent, label) = tally.Values;
        Assert.Equal(9007199254740993, count);
        Assert.Empty(words);
        Assert.Equal(new Money(3.50m, "CHF"), spent);
        Assert.Equal("from-js", label);

        // Read back, the record is ours again: written in id order with every member, the missing one at its initial value.
        tally.Add("stone", 1m);
        ((IGeneratedKeyedState)tally).StoreState();
        var contents = StateSnapshots.DecodeKeyed(StateSnapshots.Keyed(context.Keyed));
        string record = MsgPackJs.Decode(Convert.FromHexString(contents.ValuesByKey("__fields")["plum"]));
        MsgPackJs.AssertSameJson("""{"$map": [[1, {"$int": "9007199254740994"}], [2, ["stone"]], [4, {"$map": [[0, "4.50"], [1, "CHF"]]}], [7, "seen"]]}""", record);
    }

    private static void Tally(StateBackendsContext context, WordTally tally, string key, params (string Word, decimal Price)[] words)
    {
        context.Keyed.SetCurrentKey(key);
        ((IGeneratedKeyedState)tally).LoadState();
        foreach (var (word, price) in words)
        {
            tally.Add(word, price);
        }

        ((IGeneratedKeyedState)tally).StoreState();
    }

    private static string KeyGroup(string key) => JsonSerializer.Serialize(KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(StableKeyHash.Of(key), 128));
}
