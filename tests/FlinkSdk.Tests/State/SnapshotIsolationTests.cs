using FlinkSdk.Serialization;
using FlinkSdk.State;

namespace FlinkSdk.Tests.State;

/// <summary>
/// A checkpoint holds the state as it was when its synchronous phase ran, whatever the task does before the
/// asynchronous phase writes it: values that can change in place are serialized at once, immutable ones (known
/// immutable types, or <see cref="StateDescriptor.IsImmutable"/>) are shared. With <c>IsImmutable = true</c> on a type
/// that is then mutated in place, the checkpoint sees the mutation: that is the documented contract.
/// </summary>
public sealed class SnapshotIsolationTests
{
    // ---------------------------------------------------------------- keyed state, mutable values

    [Fact]
    public void Keyed_list_values_mutated_in_place_after_the_snapshot_are_written_as_they_were()
    {
        var backend = StateSnapshots.NewKeyedBackend();
        var state = backend.GetValueState(new ValueStateDescriptor<List<int>>("lists"));
        backend.SetCurrentKey("a");
        state.Value = [1, 2];
        backend.SetCurrentKey("b");
        state.Value = [3];

        var snapshot = backend.TakeSnapshot();

        backend.SetCurrentKey("a");
        state.Value.Add(99);
        state.Value[0] = -1;
        backend.SetCurrentKey("b");
        state.Value.Clear();
        backend.SetCurrentKey("c");
        state.Value = [4];
        byte[] bytes = StateSnapshots.Write(snapshot);

        var contents = StateSnapshots.DecodeKeyed(bytes);
        Assert.Equal(["a", "b"], contents.Rows.Select(r => r.Key));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "920102", ["b"] = "9103" }, contents.ValuesByKey("lists"));

        var restored = StateSnapshots.RestoreKeyed(bytes);
        var restoredState = restored.GetValueState(new ValueStateDescriptor<List<int>>("lists"));
        restored.SetCurrentKey("a");
        Assert.Equal([1, 2], restoredState.Value);
        restored.SetCurrentKey("b");
        Assert.Equal([3], restoredState.Value);
        restored.SetCurrentKey("c");
        Assert.False(restoredState.HasValue);
    }

    [Fact]
    public void Keyed_mutable_values_are_serialized_in_the_synchronous_phase()
    {
        var serializer = new CountingSerializer<List<int>?>(StateSerializers.ForList(StateSerializers.For<int>()));
        var backend = StateSnapshots.NewKeyedBackend();
        var state = backend.GetValueState(new ValueStateDescriptor<List<int>?>("lists") { Serializer = serializer });
        foreach (string key in new[] { "a", "b", "c" })
        {
            backend.SetCurrentKey(key);
            state.Value = [key.Length];
        }

        var snapshot = backend.TakeSnapshot();
        Assert.Equal(3, serializer.Serialized);

        StateSnapshots.Write(snapshot);
        Assert.Equal(3, serializer.Serialized);
    }

    // ---------------------------------------------------------------- keyed state, immutable values

    [Fact]
    public void Keyed_long_values_are_shared_and_serialized_only_in_the_asynchronous_phase()
    {
        var serializer = new CountingSerializer<long>(StateSerializers.For<long>());
        var backend = StateSnapshots.NewKeyedBackend();
        var state = backend.GetValueState(new ValueStateDescriptor<long>("counts") { Serializer = serializer });
        foreach (string key in new[] { "a", "b", "c" })
        {
            backend.SetCurrentKey(key);
            state.Value = key[0];
        }

        var snapshot = backend.TakeSnapshot();
        Assert.Equal(0, serializer.Serialized);

        StateSnapshots.Write(snapshot);
        Assert.Equal(3, serializer.Serialized);
    }

    [Fact]
    public void Keyed_long_snapshot_is_unaffected_by_later_updates_new_keys_and_clears()
    {
        var backend = StateSnapshots.NewKeyedBackend();
        var state = backend.GetValueState(new ValueStateDescriptor<long>("counts"));
        backend.SetCurrentKey("a");
        state.Value = 1;
        backend.SetCurrentKey("b");
        state.Value = 2;
        backend.SetCurrentKey("c");
        state.Value = 3;

        var snapshot = backend.TakeSnapshot();

        backend.SetCurrentKey("a");
        state.Value = 100;
        backend.SetCurrentKey("b");
        state.Clear();

        // More keys than the initial capacity (16): the backend's arrays grow while the snapshot is pending.
        for (int i = 0; i < 40; i++)
        {
            backend.SetCurrentKey("new-" + i);
            state.Value = 1000 + i;
        }

        backend.SetCurrentKey("c");
        state.Value = 300;
        byte[] bytes = StateSnapshots.Write(snapshot);

        var contents = StateSnapshots.DecodeKeyed(bytes);
        Assert.Equal(["a", "b", "c"], contents.Rows.Select(r => r.Key));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "01", ["b"] = "02", ["c"] = "03" }, contents.ValuesByKey("counts"));

        // The live state is untouched by writing the snapshot.
        backend.SetCurrentKey("a");
        Assert.Equal(100, state.Value);
        backend.SetCurrentKey("b");
        Assert.False(state.HasValue);
        backend.SetCurrentKey("new-39");
        Assert.Equal(1039, state.Value);
        Assert.Equal(43, backend.RowCount);
    }

    [Fact]
    public void Keyed_reference_values_declared_immutable_are_shared_with_the_snapshot()
    {
        var serializer = new CountingSerializer<List<int>?>(StateSerializers.ForList(StateSerializers.For<int>()));
        var backend = StateSnapshots.NewKeyedBackend();
        var state = backend.GetValueState(new ValueStateDescriptor<List<int>?>("lists") { Serializer = serializer, IsImmutable = true });
        backend.SetCurrentKey("a");
        state.Value = [1, 2];
        backend.SetCurrentKey("b");
        state.Value = [3];

        var snapshot = backend.TakeSnapshot();
        Assert.Equal(0, serializer.Serialized);

        // Breaking the contract: an in-place mutation leaks into the pending checkpoint...
        backend.SetCurrentKey("a");
        state.Value!.Add(99);

        // ...while replacing a value (what the contract allows) does not.
        backend.SetCurrentKey("b");
        state.Value = [7, 7];
        byte[] bytes = StateSnapshots.Write(snapshot);

        Assert.Equal(2, serializer.Serialized);
        Assert.Equal(
            new Dictionary<string, string> { ["a"] = "93010263", ["b"] = "9103" },
            StateSnapshots.DecodeKeyed(bytes).ValuesByKey("lists"));
    }

    // ---------------------------------------------------------------- which types are shared

    private enum Color
    {
        Red,
    }

    private record struct Point(int X, int Y);

    private sealed record Box(int Value);

    [Fact]
    public void Only_types_that_cannot_change_in_place_are_known_immutable()
    {
        // Shared with the snapshot without copying.
        Assert.True(KnownImmutable<long>.Value);
        Assert.True(KnownImmutable<string>.Value);
        Assert.True(KnownImmutable<decimal>.Value);
        Assert.True(KnownImmutable<DateTimeOffset>.Value);
        Assert.True(KnownImmutable<Guid>.Value);
        Assert.True(KnownImmutable<Color>.Value);
        Assert.True(KnownImmutable<int?>.Value);
        Assert.True(KnownImmutable<Point>.Value); // no references: the snapshot array holds a copy
        Assert.True(KnownImmutable<(string, long)>.Value);
        Assert.True(KnownImmutable<(string, (int, string?))>.Value);

        // Serialized in the synchronous phase unless declared immutable.
        Assert.False(KnownImmutable<List<int>>.Value);
        Assert.False(KnownImmutable<int[]>.Value);
        Assert.False(KnownImmutable<byte[]>.Value);
        Assert.False(KnownImmutable<Box>.Value);
        Assert.False(KnownImmutable<object>.Value);
        Assert.False(KnownImmutable<(List<int>, long)>.Value);
        Assert.False(KnownImmutable<KeyValuePair<string, int>>.Value);
    }

    // ---------------------------------------------------------------- operator list state

    [Fact]
    public void Operator_list_elements_mutated_in_place_after_the_snapshot_are_written_as_they_were()
    {
        var store = new OperatorStateStore();
        var state = store.GetListState(new ListStateDescriptor<List<int>>("buffer"));
        List<int> first = [1, 2];
        state.Add(first);
        state.Add([3]);

        var snapshot = store.TakeSnapshot();

        first.Add(99);
        first[0] = -1;
        state.Add([4]);
        var checkpoint = StateSnapshots.Write(snapshot);

        Assert.Equal(new Dictionary<string, string> { ["buffer"] = "929201029103" }, StateSnapshots.DecodeLists(checkpoint.Lists));
        var restored = StateSnapshots.RestoreOperator(checkpoint).GetListState(new ListStateDescriptor<List<int>>("buffer"));
        Assert.Equal([[1, 2], [3]], restored);
    }

    [Fact]
    public void Operator_mutable_elements_are_serialized_in_the_synchronous_phase()
    {
        var serializer = new CountingSerializer<List<int>?>(StateSerializers.ForList(StateSerializers.For<int>()));
        var store = new OperatorStateStore();
        var state = store.GetListState(new ListStateDescriptor<List<int>?>("buffer") { Serializer = serializer });
        state.Add([1]);
        state.Add(null);

        var snapshot = store.TakeSnapshot();
        Assert.Equal(2, serializer.Serialized);

        var checkpoint = StateSnapshots.Write(snapshot);
        Assert.Equal(2, serializer.Serialized);
        Assert.Equal(new Dictionary<string, string> { ["buffer"] = "929101c0" }, StateSnapshots.DecodeLists(checkpoint.Lists));
    }

    [Fact]
    public void Operator_long_elements_are_shared_and_unaffected_by_later_changes_of_the_list()
    {
        var serializer = new CountingSerializer<long>(StateSerializers.For<long>());
        var store = new OperatorStateStore();
        var state = store.GetListState(new ListStateDescriptor<long>("buffer") { Serializer = serializer });
        state.Add(1);
        state.Add(2);

        var snapshot = store.TakeSnapshot();
        Assert.Equal(0, serializer.Serialized);

        state.Add(3);
        state.Update([10, 20, 30, 40]);
        var afterUpdate = StateSnapshots.Write(snapshot);
        Assert.Equal(2, serializer.Serialized);
        Assert.Equal(new Dictionary<string, string> { ["buffer"] = "920102" }, StateSnapshots.DecodeLists(afterUpdate.Lists));

        var cleared = store.TakeSnapshot();
        state.Clear();
        Assert.Equal(new Dictionary<string, string> { ["buffer"] = "940a141e28" }, StateSnapshots.DecodeLists(StateSnapshots.Write(cleared).Lists));
        Assert.Empty(state);
    }

    [Fact]
    public void Operator_reference_elements_declared_immutable_are_shared_with_the_snapshot()
    {
        var store = new OperatorStateStore();
        var state = store.GetListState(new ListStateDescriptor<List<int>>("buffer") { IsImmutable = true });
        List<int> first = [1, 2];
        state.Add(first);

        var snapshot = store.TakeSnapshot();

        first.Add(99); // breaks the contract: leaks into the pending checkpoint
        state.Add([4]); // changes the list, not an element: does not
        var checkpoint = StateSnapshots.Write(snapshot);

        Assert.Equal(new Dictionary<string, string> { ["buffer"] = "9193010263" }, StateSnapshots.DecodeLists(checkpoint.Lists));
    }
}
