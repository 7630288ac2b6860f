using System.Reflection;

namespace FlinkSdk.Generators.Tests;

/// <summary>
/// Runs generated code: the input below is compiled with the generator's output, loaded, and its probes drive the
/// generated state glue through a fake runtime context whose state goes through the generated serializers.
/// </summary>
public sealed class RuntimeBehaviourTests
{
    private const string Source = """
        using System;
        using System.Buffers;
        using System.Collections;
        using System.Collections.Generic;
        using System.Linq;
        using FlinkSdk.DataStream;
        using FlinkSdk.Serialization;
        using FlinkSdk.State;

        namespace Probe;

        [SnapshotType]
        public sealed record Item([property: Key(0)] string Name, [property: Key(1)] int Count)
        {
            [Key(2)]
            public List<int>? Extra { get; init; }
        }

        [SnapshotType]
        public sealed class Node
        {
            [Key(0)]
            public int Value { get; set; }

            [Key(1)]
            public List<Node> Children { get; set; } = new();
        }

        [SnapshotType]
        public sealed record Settings
        {
            public static int Created;

            public Settings() => Created++;

            [Key(0)] public string Name { get; init; } = "unnamed";
            [Key(1)] public int Limit { get; init; } = 10;
            [Key(2)] public List<int> Tags { get; init; } = new() { 7 };
        }

        [SnapshotType]
        public sealed record Labelled([property: Key(0)] string Name)
        {
            [Key(1)] public string Label { get; init; } = "none";
            [Key(2)] public int Weight { get; set; } = 1;
        }

        [SnapshotType]
        public struct Range
        {
            public Range() { }

            [Key(0)] public int Low { get; init; } = -1;
            [Key(1)] public int High { get; init; } = 99;
        }

        [StatefulOperator]
        public sealed partial class Counter : KeyedProcessFunction<string, string, string>
        {
            [State(0)] private long _count;
            [State(1)] private List<string> _seen = new();
            [State(2)] private Item? _item;
            [State(3)] private string _label = "new";

            public long Count => _count;
            public List<string> Seen => _seen;
            public Item? Item => _item;
            public string Label => _label;

            public void Touch(string value)
            {
                _count++;
                _seen.Add(value);
                _item = new Item(value, (int)_count) { Extra = new List<int> { 1, 2 } };
                _label = "seen";
            }

            public override void ProcessElement(string value, Context context, ICollector<string> output) => Touch(value);
        }

        [StatefulOperator]
        public sealed partial class Sequence : ProcessFunction<string, string>
        {
            [State(1)] private long _next = 7;

            public List<string> Log { get; } = new();
            public long Next { get => _next; set => _next = value; }

            public override void ProcessElement(string value, Context context, ICollector<string> output) => output.Collect(value + _next++);

            [BeforeSnapshot] private void Prepare(long checkpointId) { Log.Add("before:" + checkpointId); _next += 100; }
            [OnCheckpointComplete] private void Complete(long checkpointId) => Log.Add("complete:" + checkpointId);
            [OnCheckpointAborted] private void Abort(long checkpointId) => Log.Add("abort:" + checkpointId);
        }

        /// <summary>Keeps every state value as the bytes its descriptor's serializer writes, like a checkpoint would.</summary>
        public sealed class FakeContext : IRuntimeContext
        {
            public string OperatorName => "probe";
            public int SubtaskIndex => 0;
            public int Parallelism => 1;
            public int MaxParallelism => 128;
            public string CurrentKey = "";
            public readonly Dictionary<string, byte[]> KeyedBytes = new();
            public List<byte[]> ListBytes = new();
            public StateDescriptor? Descriptor;

            public IValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor)
            {
                Descriptor = descriptor;
                return new ValueState<T>(this, descriptor.Serializer!);
            }

            public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor)
            {
                Descriptor = descriptor;
                return new ListState<T>(this, descriptor.Serializer!);
            }

            public static byte[] Write<T>(IStateSerializer<T> serializer, T value)
            {
                var buffer = new ArrayBufferWriter<byte>();
                var writer = new MessagePackWriter(buffer);
                serializer.Serialize(ref writer, value);
                writer.Flush();
                return buffer.WrittenSpan.ToArray();
            }

            public static T Read<T>(IStateSerializer<T> serializer, byte[] bytes)
            {
                var reader = new MessagePackReader(new ReadOnlySpan<byte>(bytes));
                T value = serializer.Deserialize(ref reader);
                if (!reader.End) throw new InvalidOperationException("Bytes left over.");
                return value;
            }

            private sealed class ValueState<T>(FakeContext owner, IStateSerializer<T> serializer) : IValueState<T>
            {
                public T Value
                {
                    get => Read(serializer, owner.KeyedBytes[owner.CurrentKey]);
                    set => owner.KeyedBytes[owner.CurrentKey] = Write(serializer, value);
                }

                public bool HasValue => owner.KeyedBytes.ContainsKey(owner.CurrentKey);

                public void Clear() => owner.KeyedBytes.Remove(owner.CurrentKey);
            }

            private sealed class ListState<T>(FakeContext owner, IStateSerializer<T> serializer) : IListState<T>
            {
                public void Add(T value) => owner.ListBytes.Add(Write(serializer, value));
                public void Update(IEnumerable<T> values) => owner.ListBytes = values.Select(v => Write(serializer, v)).ToList();
                public void Clear() => owner.ListBytes.Clear();
                public IEnumerator<T> GetEnumerator() => owner.ListBytes.Select(b => Read(serializer, b)).GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }
        }

        public static class Probes
        {
            private static void Check(bool condition, string what)
            {
                if (!condition) throw new InvalidOperationException("Failed: " + what);
            }

            public static string Keyed()
            {
                var op = new Counter();
                var context = new FakeContext();
                ((IGeneratedStateful)op).InitializeState(context);
                var keyed = (IGeneratedKeyedState)op;
                Check(context.Descriptor!.Name == "__fields", "state name");
                Check(context.Descriptor.Schema == "0:_count:long;1:_seen:System.Collections.Generic.List<string>;2:_item:Probe.Item;3:_label:string", "schema: " + context.Descriptor.Schema);
                Check(!context.Descriptor.IsImmutable, "mutable members make the record mutable");

                context.CurrentKey = "a";
                keyed.LoadState();
                Check(op.Count == 0 && op.Seen.Count == 0 && op.Item is null && op.Label == "new", "a starts from the initial values");
                var firstList = op.Seen;
                op.Touch("x");
                keyed.StoreState();

                context.CurrentKey = "b";
                keyed.LoadState();
                Check(op.Count == 0 && op.Seen.Count == 0 && op.Label == "new", "b starts from the initial values");
                Check(!ReferenceEquals(op.Seen, firstList), "every new key gets a fresh list");
                op.Touch("y");
                op.Touch("z");
                keyed.StoreState();

                context.CurrentKey = "a";
                keyed.LoadState();
                Check(op.Count == 1 && op.Seen.SequenceEqual(new[] { "x" }) && op.Label == "seen", "a restored");
                Check(op.Item is { Name: "x", Count: 1 } && op.Item.Extra!.SequenceEqual(new[] { 1, 2 }), "a's item restored");

                context.CurrentKey = "b";
                keyed.LoadState();
                Check(op.Count == 2 && op.Seen.SequenceEqual(new[] { "y", "z" }), "b restored");

                // A record written by another version: id 0 only, plus an id this version does not know.
                var buffer = new ArrayBufferWriter<byte>();
                var writer = new MessagePackWriter(buffer);
                writer.WriteMapHeader(2);
                writer.Write(99);
                writer.WriteArrayHeader(2); writer.Write("junk"); writer.Write(1.5);
                writer.Write(0);
                writer.Write(5L);
                writer.Flush();
                context.KeyedBytes["c"] = buffer.WrittenSpan.ToArray();
                context.CurrentKey = "c";
                keyed.LoadState();
                Check(op.Count == 5, "c's id 0 read after an unknown id");
                Check(op.Seen is { Count: 0 } && op.Label == "new" && op.Item is null, "c's missing ids keep the initial values");

                // The map is written in id order: {0: count, 1: [..], 2: item, 3: label}.
                byte[] stored = context.KeyedBytes["a"];
                Check(stored[0] == 0x84 && stored[1] == 0x00 && stored[2] == 0x01 && stored[3] == 0x01, "map header and id 0 first");
                return "ok";
            }

            public static string NonKeyed()
            {
                var op = new Sequence();
                var context = new FakeContext();
                var stateful = (IGeneratedStateful)op;
                stateful.InitializeState(context);
                Check(op.Next == 7, "nothing restored keeps the initial value");
                Check(context.Descriptor!.Schema == "1:_next:long" && context.Descriptor.IsImmutable, "schema and immutability");

                op.Next = 10;
                stateful.BeforeSnapshot(3);
                Check(op.Log.SequenceEqual(new[] { "before:3" }), "user callback ran");
                Check(context.ListBytes.Count == 1, "one element per subtask");
                stateful.NotifyCheckpointComplete(3);
                stateful.NotifyCheckpointAborted(4);
                Check(op.Log.SequenceEqual(new[] { "before:3", "complete:3", "abort:4" }), "callbacks in order");

                var restored = new Sequence();
                var restoredContext = new FakeContext { ListBytes = new List<byte[]>(context.ListBytes) };
                ((IGeneratedStateful)restored).InitializeState(restoredContext);
                Check(restored.Next == 110, "restored the value captured after the callback: " + restored.Next);

                var merged = new Sequence();
                var mergedContext = new FakeContext { ListBytes = new List<byte[]>(context.ListBytes.Concat(context.ListBytes)) };
                try
                {
                    ((IGeneratedStateful)merged).InitializeState(mergedContext);
                }
                catch (InvalidOperationException e) when (e.Message.Contains("2 old subtasks") && e.Message.Contains("keyed state"))
                {
                    return "ok";
                }

                throw new InvalidOperationException("Failed: restoring two elements did not throw");
            }

            public static string SnapshotTypes()
            {
                var item = new Item("n", 3) { Extra = new List<int> { 4 } };
                var back = FakeContext.Read(ItemStateSerializer.Instance, FakeContext.Write(ItemStateSerializer.Instance, item));
                Check(back is { Name: "n", Count: 3 } && back.Extra!.SequenceEqual(new[] { 4 }), "positional record round trip");
                Check(FakeContext.Write(ItemStateSerializer.Instance, null).SequenceEqual(new byte[] { 0xc0 }), "null is nil");
                Check(FakeContext.Read(ItemStateSerializer.Instance, new byte[] { 0xc0 }) is null, "nil is null");

                var tree = new Node { Value = 1, Children = { new Node { Value = 2 }, new Node { Value = 3, Children = { new Node { Value = 4 } } } } };
                var copy = FakeContext.Read(NodeStateSerializer.Instance, FakeContext.Write(NodeStateSerializer.Instance, tree))!;
                Check(copy.Value == 1 && copy.Children.Count == 2 && copy.Children[1].Children[0].Value == 4, "recursive type round trip");
                return "ok";
            }

            /// <summary>A map {id: int} of the given entries, as another version of a type might write it.</summary>
            private static byte[] Map(params (int Id, int Value)[] entries)
            {
                var buffer = new ArrayBufferWriter<byte>();
                var writer = new MessagePackWriter(buffer);
                writer.WriteMapHeader(entries.Length);
                foreach (var (id, value) in entries)
                {
                    writer.Write(id);
                    writer.Write(value);
                }

                writer.Flush();
                return buffer.WrittenSpan.ToArray();
            }

            public static string SnapshotTypeDefaults()
            {
                var full = FakeContext.Write(SettingsStateSerializer.Instance, new Settings { Name = "a", Limit = 3, Tags = new List<int> { 1 } });
                Settings.Created = 0;
                var back = FakeContext.Read(SettingsStateSerializer.Instance, full)!;
                Check(back.Name == "a" && back.Limit == 3 && back.Tags.SequenceEqual(new[] { 1 }), "init members round trip");
                Check(Settings.Created == 1, "every member read: only the result is constructed, not a template: " + Settings.Created);

                Settings.Created = 0;
                var partial = FakeContext.Read(SettingsStateSerializer.Instance, Map((1, 5), (9, 9)))!;
                Check(partial.Limit == 5 && partial.Name == "unnamed" && partial.Tags.SequenceEqual(new[] { 7 }), "missing init members keep their initializers");
                Check(Settings.Created == 2, "a missing member costs one template: " + Settings.Created);

                var labelled = FakeContext.Read(LabelledStateSerializer.Instance, Map())!;
                Check(labelled.Name is null && labelled.Label == "none" && labelled.Weight == 1, "constructor types: missing init and set members keep their initializers");
                var relabelled = FakeContext.Read(LabelledStateSerializer.Instance, FakeContext.Write(LabelledStateSerializer.Instance, new Labelled("n") { Label = "l", Weight = 4 }))!;
                Check(relabelled is { Name: "n", Label: "l", Weight: 4 }, "constructor type round trip");

                var range = FakeContext.Read(RangeStateSerializer.Instance, Map((1, 5)));
                Check(range.Low == -1 && range.High == 5, "structs: missing members keep their initializers");
                return "ok";
            }

            public static string WideTypes()
            {
                // Members 0..69, initialized to 1000 + id: the read members are tracked in two words.
                var wide = FakeContext.Read(WideStateSerializer.Instance, Map((0, 5), (63, 6), (64, 7), (69, 8)))!;
                Check(wide.Values.SequenceEqual(Enumerable.Range(0, 70).Select(i => i switch { 0 => 5, 63 => 6, 64 => 7, 69 => 8, _ => 1000 + i })), "wide snapshot type: " + string.Join(",", wide.Values));

                var op = new WideCounter();
                var context = new FakeContext();
                ((IGeneratedStateful)op).InitializeState(context);
                context.KeyedBytes["k"] = Map((1, 5), (65, 6));
                context.CurrentKey = "k";
                ((IGeneratedKeyedState)op).LoadState();
                Check(op.Values.SequenceEqual(Enumerable.Range(0, 70).Select(i => i switch { 1 => 5, 65 => 6, _ => 1000 + i })), "wide operator: " + string.Join(",", op.Values));
                return "ok";
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(CompileAndLoad);

    [Fact]
    public void Keyed_state_loads_stores_defaults_per_key_and_reads_other_versions() => Assert.Equal("ok", Invoke("Keyed"));

    [Fact]
    public void Non_keyed_state_snapshots_after_callbacks_restores_and_refuses_to_merge() => Assert.Equal("ok", Invoke("NonKeyed"));

    [Fact]
    public void Snapshot_type_serializers_round_trip() => Assert.Equal("ok", Invoke("SnapshotTypes"));

    [Fact]
    public void Snapshot_types_keep_initializer_defaults_for_missing_members_and_build_no_template_otherwise()
        => Assert.Equal("ok", Invoke("SnapshotTypeDefaults"));

    [Fact]
    public void Types_with_more_than_64_members_keep_defaults_of_missing_members_in_every_word()
        => Assert.Equal("ok", Invoke("WideTypes"));

    private static string Invoke(string probe)
    {
        var method = Compiled.Value.GetType("Probe.Probes", throwOnError: true)!.GetMethod(probe)!;
        try
        {
            return (string)method.Invoke(null, null)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new Xunit.Sdk.XunitException(probe + " probe failed: " + e.InnerException);
        }
    }

    /// <summary>A [SnapshotType] and an operator with 70 members each, initialized to 1000 + id, exposed as <c>Values</c>.</summary>
    private static string WideSource()
    {
        var ids = Enumerable.Range(0, 70).ToList();
        string keys = string.Concat(ids.Select(i => $"    [Key({i})] public int F{i} {{ get; init; }} = {1000 + i};\n"));
        string states = string.Concat(ids.Select(i => $"    [State({i})] private int _s{i} = {1000 + i};\n"));
        string values = string.Join(", ", ids.Select(i => "F" + i));
        string fields = string.Join(", ", ids.Select(i => "_s" + i));
        return $$"""
            using FlinkSdk.DataStream;
            using FlinkSdk.State;

            namespace Probe;

            [SnapshotType]
            public sealed class Wide
            {
            {{keys}}
                public int[] Values => new[] { {{values}} };
            }

            [StatefulOperator]
            public sealed partial class WideCounter : KeyedProcessFunction<string, string, string>
            {
            {{states}}
                public int[] Values => new[] { {{fields}} };

                public override void ProcessElement(string value, Context context, ICollector<string> output) => _s0++;
            }
            """;
    }

    private static Assembly CompileAndLoad()
    {
        var (_, _, output) = GeneratorHarness.Run(GeneratorHarness.Compile(Source, WideSource()));
        Assert.Empty(GeneratorHarness.ErrorsAndWarnings(output));
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}
