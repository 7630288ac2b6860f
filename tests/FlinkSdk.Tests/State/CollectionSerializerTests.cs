using System.Collections.Immutable;
using FlinkSdk.Serialization;
using FlinkSdk.Tests.Serialization;

namespace FlinkSdk.Tests.State;

/// <summary>
/// The collection composers of <see cref="StateSerializers"/>: hash sets, queues and the immutable collections are
/// MessagePack arrays (dictionaries maps), null (or a default <see cref="ImmutableArray{T}"/>) is nil.
/// </summary>
public sealed class CollectionSerializerTests
{
    private static readonly IStateSerializer<HashSet<int>?> HashSetOfInt = StateSerializers.ForHashSet(StateSerializers.For<int>());
    private static readonly IStateSerializer<Queue<string>?> QueueOfString = StateSerializers.ForQueue(StateSerializers.For<string>());
    private static readonly IStateSerializer<ImmutableArray<long>> ImmutableArrayOfLong = StateSerializers.ForImmutableArray(StateSerializers.For<long>());
    private static readonly IStateSerializer<ImmutableList<string>?> ImmutableListOfString = StateSerializers.ForImmutableList(StateSerializers.For<string>());
    private static readonly IStateSerializer<ImmutableHashSet<int>?> ImmutableHashSetOfInt = StateSerializers.ForImmutableHashSet(StateSerializers.For<int>());
    private static readonly IStateSerializer<ImmutableDictionary<string, int>?> ImmutableDictionaryOfStringInt =
        StateSerializers.ForImmutableDictionary(StateSerializers.For<string>(), StateSerializers.For<int>());

    private static byte[] Write<T>(IStateSerializer<T> serializer, T value) => Msg.Write((ref MessagePackWriter w) => serializer.Serialize(ref w, value));

    /// <summary>Reads one value, which must take all of <paramref name="bytes"/>.</summary>
    private static T Read<T>(IStateSerializer<T> serializer, byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        T value = serializer.Deserialize(ref reader);
        Assert.True(reader.End, $"read {reader.Position} of {bytes.Length} bytes of {Msg.Hex(bytes)}");
        return value;
    }

    private static T RoundTrip<T>(IStateSerializer<T> serializer, T value) => Read(serializer, Write(serializer, value));

    private static MessagePackFormatException ReadError<T>(IStateSerializer<T> serializer, string hex) =>
        Msg.ReadError(Msg.Bytes(hex), (ref MessagePackReader r) => serializer.Deserialize(ref r));

    // ---------------------------------------------------------------- HashSet

    [Fact]
    public void HashSet_round_trips()
    {
        HashSet<int> set = [1, -1, 0, int.MaxValue, int.MinValue, 1000];

        var back = RoundTrip(HashSetOfInt, set);

        Assert.NotNull(back);
        Assert.NotSame(set, back);
        Assert.True(set.SetEquals(back), string.Join(",", back));
        Assert.Equal(set.Count, back.Count);
        Assert.Empty(RoundTrip(HashSetOfInt, [])!);
    }

    [Fact]
    public void HashSet_is_an_array_of_its_elements()
    {
        Assert.Equal("9101", Msg.Hex(Write(HashSetOfInt, [1])));
        Assert.Equal("90", Msg.Hex(Write(HashSetOfInt, [])));
        Assert.Equal([5, 6], Read(HashSetOfInt, Msg.Bytes("92 05 06"))!.Order());
    }

    [Fact]
    public void HashSet_is_read_back_with_the_default_comparer()
    {
        var strings = StateSerializers.ForHashSet(StateSerializers.For<string>());
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Key" };

        var back = RoundTrip(strings, set)!;

        Assert.Same(EqualityComparer<string>.Default, back.Comparer);
        Assert.Contains("Key", back);
        Assert.DoesNotContain("key", back);
    }

    [Fact]
    public void HashSet_of_a_map_is_a_format_error()
    {
        var e = ReadError(HashSetOfInt, "81 01 01");

        Assert.Equal(0, e.Offset);
    }

    // ---------------------------------------------------------------- Queue

    [Fact]
    public void Queue_keeps_the_dequeue_order()
    {
        var queue = new Queue<string>();
        queue.Enqueue("x");
        queue.Enqueue("a");
        queue.Enqueue("b");
        Assert.Equal("x", queue.Dequeue());
        queue.Enqueue("c"); // the queue's ring buffer no longer starts at index 0

        byte[] bytes = Write(QueueOfString, queue);
        var back = Read(QueueOfString, bytes)!;

        Assert.Equal("93a161a162a163", Msg.Hex(bytes));
        Assert.Equal("a", back.Dequeue());
        Assert.Equal("b", back.Dequeue());
        Assert.Equal("c", back.Dequeue());
        Assert.Empty(back);
        Assert.Equal(["a", "b", "c"], queue); // writing does not consume the queue
    }

    [Fact]
    public void Queue_is_an_array_of_its_elements()
    {
        var queue = new Queue<string>(["a", "b"]);

        Assert.Equal("92a161a162", Msg.Hex(Write(QueueOfString, queue)));
        Assert.Equal("90", Msg.Hex(Write(QueueOfString, new Queue<string>())));
        Assert.Empty(Read(QueueOfString, Msg.Bytes("90"))!);
    }

    // ---------------------------------------------------------------- ImmutableArray

    [Fact]
    public void ImmutableArray_round_trips()
    {
        ImmutableArray<long> array = [1, -1, long.MaxValue, long.MinValue, 300];

        byte[] bytes = Write(ImmutableArrayOfLong, array);
        var back = Read(ImmutableArrayOfLong, bytes);

        Assert.False(back.IsDefault);
        Assert.Equal<long>(array, back);
        Assert.Equal("95" + "01" + "ff" + "cf7fffffffffffffff" + "d38000000000000000" + "cd012c", Msg.Hex(bytes));
    }

    [Fact]
    public void Default_ImmutableArray_is_nil_and_empty_is_an_empty_array()
    {
        Assert.Equal("c0", Msg.Hex(Write(ImmutableArrayOfLong, default)));
        Assert.True(Read(ImmutableArrayOfLong, Msg.Bytes("c0")).IsDefault);

        Assert.Equal("90", Msg.Hex(Write(ImmutableArrayOfLong, ImmutableArray<long>.Empty)));
        var empty = Read(ImmutableArrayOfLong, Msg.Bytes("90"));
        Assert.False(empty.IsDefault);
        Assert.True(empty.IsEmpty);
    }

    // ---------------------------------------------------------------- ImmutableList

    [Fact]
    public void ImmutableList_round_trips_in_order()
    {
        ImmutableList<string> list = ["b", "a", "héllo 😀", string.Empty, "b"];

        byte[] bytes = Write(ImmutableListOfString, list);
        var back = Read(ImmutableListOfString, bytes);

        Assert.Equal(list, back);
        Assert.Equal("92a178a179", Msg.Hex(Write(ImmutableListOfString, ["x", "y"])));
        Assert.Same(ImmutableList<string>.Empty, Read(ImmutableListOfString, Msg.Bytes("90")));
    }

    // ---------------------------------------------------------------- ImmutableHashSet

    [Fact]
    public void ImmutableHashSet_round_trips()
    {
        ImmutableHashSet<int> set = [7, -7, 0, int.MaxValue];

        var back = RoundTrip(ImmutableHashSetOfInt, set)!;

        Assert.True(set.SetEquals(back));
        Assert.Equal(4, back.Count);
        Assert.Equal("9107", Msg.Hex(Write(ImmutableHashSetOfInt, [7])));
        Assert.Empty(Read(ImmutableHashSetOfInt, Msg.Bytes("90"))!);
    }

    // ---------------------------------------------------------------- ImmutableDictionary

    [Fact]
    public void ImmutableDictionary_round_trips()
    {
        var map = ImmutableDictionary<string, int>.Empty.Add("a", 1).Add("b", -2).Add("héllo", int.MaxValue);

        var back = RoundTrip(ImmutableDictionaryOfStringInt, map)!;

        Assert.Equal(map.OrderBy(kv => kv.Key, StringComparer.Ordinal), back.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Same(EqualityComparer<string>.Default, back.KeyComparer);
        Assert.Equal("81a16101", Msg.Hex(Write(ImmutableDictionaryOfStringInt, ImmutableDictionary<string, int>.Empty.Add("a", 1))));
        Assert.Empty(Read(ImmutableDictionaryOfStringInt, Msg.Bytes("80"))!);
    }

    [Fact]
    public void ImmutableDictionary_with_a_repeated_key_is_rejected()
    {
        var e = ReadError(ImmutableDictionaryOfStringInt, "82 a1 61 01 a1 61 02");

        Assert.Equal("Expected distinct dictionary keys but found the key a a second time at offset 4.", e.Message);
        Assert.Equal(4, e.Offset);
    }

    [Fact]
    public void ImmutableDictionary_with_a_nil_key_is_rejected()
    {
        var e = ReadError(ImmutableDictionaryOfStringInt, "82 a1 61 01 c0 02");

        Assert.Equal("Expected a dictionary key at offset 4 but found nil.", e.Message);
        Assert.Equal(4, e.Offset);
    }

    // ---------------------------------------------------------------- null and nesting

    [Fact]
    public void Null_of_every_reference_collection_is_nil_and_reads_back_as_null()
    {
        Assert.Equal("c0", Msg.Hex(Write(HashSetOfInt, null)));
        Assert.Equal("c0", Msg.Hex(Write(QueueOfString, null)));
        Assert.Equal("c0", Msg.Hex(Write(ImmutableListOfString, null)));
        Assert.Equal("c0", Msg.Hex(Write(ImmutableHashSetOfInt, null)));
        Assert.Equal("c0", Msg.Hex(Write(ImmutableDictionaryOfStringInt, null)));

        byte[] nil = [0xc0];
        Assert.Null(Read(HashSetOfInt, nil));
        Assert.Null(Read(QueueOfString, nil));
        Assert.Null(Read(ImmutableListOfString, nil));
        Assert.Null(Read(ImmutableHashSetOfInt, nil));
        Assert.Null(Read(ImmutableDictionaryOfStringInt, nil));
    }

    [Fact]
    public void Nested_list_of_hash_sets_round_trips_with_null_and_empty_sets()
    {
        var serializer = StateSerializers.ForList(StateSerializers.ForHashSet(StateSerializers.For<int>()));
        List<HashSet<int>?> value = [[1], [], null, [2, 3]];

        byte[] bytes = Write(serializer, value);
        var back = Read(serializer, bytes)!;

        Assert.Equal("94" + "9101" + "90" + "c0" + "920203", Msg.Hex(bytes));
        Assert.Equal(4, back.Count);
        Assert.Equal([1], back[0]!);
        Assert.Empty(back[1]!);
        Assert.Null(back[2]);
        Assert.True(back[3]!.SetEquals([2, 3]));
    }

    [Fact]
    public void Immutable_dictionary_of_queues_round_trips()
    {
        var serializer = StateSerializers.ForImmutableDictionary(StateSerializers.For<int>(), StateSerializers.ForQueue(StateSerializers.For<string>()));
        var map = ImmutableDictionary<int, Queue<string>?>.Empty.Add(1, new Queue<string>(["p", "q"])).Add(2, null);

        var back = Read(serializer, Write(serializer, map))!;

        Assert.Equal(2, back.Count);
        Assert.Equal(["p", "q"], back[1]!);
        Assert.Null(back[2]);
    }
}
