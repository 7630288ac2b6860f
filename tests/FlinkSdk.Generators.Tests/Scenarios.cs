namespace FlinkSdk.Generators.Tests;

/// <summary>Representative user code the generator runs over, one scenario per baseline folder.</summary>
internal static class Scenarios
{
    /// <summary>A keyed operator with primitives, collections, tuples, nullables, an enum and [SnapshotType] types.</summary>
    public const string KeyedOperator = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using FlinkSdk.DataStream;
        using FlinkSdk.State;

        namespace Shop.Orders;

        public enum OrderStatus { Open, Paid, Shipped }

        [StatefulOperator]
        public sealed partial class OrderTracker : KeyedProcessFunction<string, Order, string>
        {
            [State(0)]
            private long _count;

            [State(1)]
            private string _lastCustomer = "nobody";

            [State(2)]
            private int? _lastQuantity;

            [State(3)]
            private List<string> _recentSkus = new();

            [State(4)]
            private Dictionary<string, int> _quantityBySku = new();

            [State(5)]
            public decimal Total { get; set; }

            [State(6)]
            private OrderStatus _status = OrderStatus.Open;

            [State(7)]
            private ImmutableList<int> _history = ImmutableList<int>.Empty;

            [State(8)]
            private (int Count, string? Name) _pair;

            [State(9)]
            private Order? _lastOrder;

            [State(10)]
            private List<Order> _orders = new();

            [State(11)]
            private DateTime _lastSeen;

            [State(12)]
            private HashSet<Guid> _ids = new();

            [State(13)]
            private byte[]? _payload;

            [State(14)]
            private bool _flag;

            [State(15)]
            private double _ratio;

            public override void ProcessElement(Order value, Context context, ICollector<string> output)
            {
                _count++;
                _lastOrder = value;
                output.Collect(value.Sku);
            }

            [BeforeSnapshot]
            private void Flush() { }
        }

        [SnapshotType]
        public sealed record Order
        {
            [Key(0)]
            public string Sku { get; init; } = "";

            [Key(1)]
            public int Quantity { get; init; }

            [Key(2)]
            public Money Price { get; init; }

            [Key(3)]
            public List<string>? Tags { get; set; }
        }

        [SnapshotType]
        public struct Money
        {
            [Key(0)]
            public decimal Amount;

            [Key(1)]
            public string Currency;
        }
        """;

    /// <summary>A non-keyed operator with every checkpoint callback.</summary>
    public const string NonKeyedOperator = """
        using System.Collections.Generic;
        using FlinkSdk.DataStream;
        using FlinkSdk.State;

        namespace Pipeline;

        [StatefulOperator]
        public partial class Buffering : ProcessFunction<string, string>
        {
            [State(1)]
            private long _emitted;

            [State(2)]
            private Queue<string> _pending = new();

            [State(3)]
            public string? LastFlushed { get; set; }

            public override void ProcessElement(string value, Context context, ICollector<string> output)
            {
                _pending.Enqueue(value);
                _emitted++;
                output.Collect(value);
            }

            [BeforeSnapshot]
            private void Prepare(long checkpointId) => LastFlushed = checkpointId.ToString(System.Globalization.CultureInfo.InvariantCulture);

            [BeforeSnapshot]
            private void PrepareMore() { }

            [OnCheckpointComplete]
            private void Completed(long checkpointId) { }

            [OnCheckpointAborted]
            private void Aborted(long checkpointId) { }
        }
        """;

    /// <summary>An operator nested in a class in a namespace, using a nested [SnapshotType].</summary>
    public const string NestedOperator = """
        using System.Collections.Generic;
        using FlinkSdk.DataStream;
        using FlinkSdk.State;

        namespace Company.Jobs.Fraud
        {
            public static partial class Detection
            {
                [SnapshotType]
                public sealed class Window
                {
                    [Key(0)]
                    public long Start { get; set; }

                    [Key(1)]
                    public long End { get; set; }
                }

                public partial record Holder
                {
                    [StatefulOperator]
                    internal partial class Detector : KeyedProcessFunction<long, long, bool>
                    {
                        [State(0)]
                        private Window _window = new();

                        [State(1)]
                        private long[] _amounts = [];

                        [State(2)]
                        private Dictionary<string, List<long>?> _byMerchant = new();

                        public override void ProcessElement(long value, Context context, ICollector<bool> output)
                        {
                            _window.End = value;
                            output.Collect(_amounts.Length > 0 && _byMerchant.Count > 0);
                        }

                        [OnCheckpointComplete]
                        public void Done(long checkpointId) { }
                    }
                }
            }
        }
        """;

    /// <summary>An operator and a positional-record [SnapshotType] in the global namespace.</summary>
    public const string GlobalNamespace = """
        using FlinkSdk.DataStream;
        using FlinkSdk.State;

        [SnapshotType]
        public sealed record Point([property: Key(0)] int X, [property: Key(1)] int Y)
        {
            [Key(2)]
            public string? Label { get; init; }

            [Key(3)]
            public int Weight { get; set; } = 1;
        }

        [StatefulOperator]
        public partial class Tracker : KeyedProcessFunction<int, Point, Point>
        {
            [State(0)]
            private Point _last = new(0, 0);

            [State(1)]
            private Point? _first;

            public override void ProcessElement(Point value, Context context, ICollector<Point> output)
            {
                _first ??= value;
                _last = value;
                output.Collect(_last);
            }
        }
        """;

    /// <summary>A rich flatMap function: keyed or operator state depending on the stream, so code for both.</summary>
    public const string RichFlatMapFunction = """
        using System.Collections.Generic;
        using FlinkSdk.DataStream;
        using FlinkSdk.State;

        namespace Analytics.Sessions;

        [StatefulOperator]
        public sealed partial class SessionSplitter : RichFlatMapFunction<string, string>
        {
            [State(1)]
            private long _seen;

            [State(2)]
            private List<string> _window = new();

            [State(3)]
            public string? Last { get; set; }

            public override void FlatMap(string value, ICollector<string> output)
            {
                _seen++;
                _window.Add(value);
                if (value.Length == 0)
                {
                    foreach (var line in _window)
                    {
                        output.Collect(line);
                    }

                    _window.Clear();
                }

                Last = value;
            }

            [BeforeSnapshot]
            private void Trim() => _window.TrimExcess();

            [OnCheckpointComplete]
            private void Done(long checkpointId) { }
        }
        """;

    /// <summary>A rich map function whose members are all immutable.</summary>
    public const string RichMapFunction = """
        using FlinkSdk.DataStream;
        using FlinkSdk.State;

        namespace Analytics;

        [StatefulOperator]
        internal partial class RunningTotal : RichMapFunction<long, (long Value, long Total)>
        {
            [State(0)]
            private long _total;

            [State(1)]
            private long? _max;

            public override (long Value, long Total) Map(long value)
            {
                _total += value;
                _max = _max is { } max && max > value ? max : value;
                return (value, _total);
            }
        }
        """;

    /// <summary>A source reader keeping its offset and a counter as annotated operator state.</summary>
    public const string SourceReader = """
        using FlinkSdk.Connectors;
        using FlinkSdk.State;

        namespace Ingest;

        [StatefulOperator]
        public sealed partial class CountingReader : ISourceReader<long>
        {
            [State(0)]
            private long _next;

            [State(1)]
            private long _polls;

            public SourcePosition Position => new(string.Empty, _next);

            public InputStatus PollNext(ISourceOutput<long> output)
            {
                _polls++;
                output.Collect(_next++);
                return InputStatus.MoreAvailable;
            }

            public void Seek(SourcePosition position) => _next = position.Offset;

            public void Dispose() { }

            [OnCheckpointAborted]
            private void Aborted(long checkpointId) { }
        }
        """;

    /// <summary>A two-phase-commit sink writer (an <c>ISinkWriter</c> through its base interface) with annotated state.</summary>
    public const string SinkWriter = """
        using System.Collections.Generic;
        using FlinkSdk.Connectors;
        using FlinkSdk.State;

        namespace Export;

        [StatefulOperator]
        public partial class AuditWriter : ITwoPhaseCommittingSinkWriter<string>
        {
            [State(0)]
            private long _written;

            [State(1)]
            private Dictionary<string, long> _byPrefix = new();

            public void Write(string value, long? timestamp)
            {
                _written++;
                string prefix = value.Length > 0 ? value.Substring(0, 1) : "";
                _byPrefix[prefix] = _byPrefix.TryGetValue(prefix, out long n) ? n + 1 : 1;
            }

            public void Flush() { }

            public byte[] PrepareCommit(long checkpointId) => [];

            public void Commit(long checkpointId) { }

            public void Restore(byte[]? state) { }

            public void Dispose() { }

            [BeforeSnapshot]
            private void Settle() { }
        }
        """;

    /// <summary>The process-function scenarios (the model-graph test counts their models).</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [nameof(KeyedOperator)] = KeyedOperator,
        [nameof(NonKeyedOperator)] = NonKeyedOperator,
        [nameof(NestedOperator)] = NestedOperator,
        [nameof(GlobalNamespace)] = GlobalNamespace,
    };

    /// <summary>The other kinds of stateful classes: rich functions, a source reader and a sink writer.</summary>
    public static readonly IReadOnlyDictionary<string, string> FunctionKinds = new Dictionary<string, string>
    {
        [nameof(RichFlatMapFunction)] = RichFlatMapFunction,
        [nameof(RichMapFunction)] = RichMapFunction,
        [nameof(SourceReader)] = SourceReader,
        [nameof(SinkWriter)] = SinkWriter,
    };

    /// <summary>Every scenario.</summary>
    public static readonly IReadOnlyDictionary<string, string> Every = All.Concat(FunctionKinds).ToDictionary(kv => kv.Key, kv => kv.Value);
}
