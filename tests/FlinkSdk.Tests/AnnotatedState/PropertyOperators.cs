using System.Collections.Immutable;
using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>The values of <see cref="EveryKindKeyedOperator"/>'s state members, to generate and compare them.</summary>
internal sealed record EveryKindValues(
    long Count,
    string? Name,
    Order? Order,
    Customer Customer,
    List<Line> Lines,
    Dictionary<string, Money> Totals,
    Point Point,
    Money? MaybeMoney,
    ImmutableList<string> History,
    (int Count, string? Label) Pair,
    decimal Total,
    DateTimeOffset Seen,
    Tier Tier,
    byte[]? Blob,
    HashSet<Guid> Ids);

/// <summary>A keyed operator with a state member of every kind; its members are read and written through <see cref="Values"/>.</summary>
[StatefulOperator]
internal sealed partial class EveryKindKeyedOperator : KeyedProcessFunction<string, string, string>
{
    [State(0)]
    private long _count;

    [State(1)]
    private string? _name = "initial";

    [State(2)]
    private Order? _order;

    // A UTC date: state reads date-times back as UTC, so an Unspecified default would come back changed in kind.
    [State(3)]
    private Customer _customer = new() { Name = "nobody", Tier = Tier.Gold, Joined = DateTime.UnixEpoch };

    [State(4)]
    private List<Line> _lines = [];

    [State(5)]
    private Dictionary<string, Money> _totals = [];

    [State(6)]
    private Point _point = new() { X = 1.5 };

    [State(7)]
    private Money? _maybeMoney;

    [State(8)]
    private ImmutableList<string> _history = ["created"];

    [State(9)]
    private (int Count, string? Label) _pair = (1, "one");

    [State(10)]
    private decimal _total = 0.00m;

    [State(11)]
    private DateTimeOffset _seen;

    [State(12)]
    private Tier _tier = Tier.Platinum;

    [State(13)]
    private byte[]? _blob;

    [State(14)]
    private HashSet<Guid> _ids = [];

    public EveryKindValues Values
    {
        get => new(_count, _name, _order, _customer, _lines, _totals, _point, _maybeMoney, _history, _pair, _total, _seen, _tier, _blob, _ids);
        set => (_count, _name, _order, _customer, _lines, _totals, _point, _maybeMoney, _history, _pair, _total, _seen, _tier, _blob, _ids) =
            (value.Count, value.Name, value.Order, value.Customer, value.Lines, value.Totals, value.Point, value.MaybeMoney, value.History, value.Pair, value.Total, value.Seen, value.Tier, value.Blob, value.Ids);
    }

    public override void ProcessElement(string value, Context context, ICollector<string> output) => _count++;
}

/// <summary>The values of <see cref="OrderBookOperator"/>'s state members.</summary>
internal sealed record OrderBookValues(long Sequence, Order? Open, List<Customer> Customers, Queue<DateTime> Times);

/// <summary>A non-keyed operator (operator state) whose members are read and written through <see cref="Values"/>.</summary>
[StatefulOperator]
internal sealed partial class OrderBookOperator : ProcessFunction<string, string>
{
    [State(3)]
    private long _sequence = 100;

    [State(1)]
    private Order? _open;

    [State(2)]
    private List<Customer> _customers = [];

    [State(7)]
    private Queue<DateTime> _times = new();

    public OrderBookValues Values
    {
        get => new(_sequence, _open, _customers, _times);
        set => (_sequence, _open, _customers, _times) = (value.Sequence, value.Open, value.Customers, value.Times);
    }

    public override void ProcessElement(string value, Context context, ICollector<string> output) => _sequence++;
}
