using FlinkSdk.State;
using FlinkSdk.Tests.Serialization;

namespace FlinkSdk.Tests.State;

/// <summary>
/// The schema stored with each state (<see cref="StateDescriptor.Schema"/>, <c>id:name:type;...</c>) is compared with
/// the declared one on restore: an id whose type changed fails with a <see cref="StateMigrationException"/>; added,
/// removed, renamed or reordered ids are compatible; without a schema on either side nothing is checked.
/// </summary>
public sealed class StateSchemaTests
{
    private const string Stored = "1:_count:long;2:_name:string";
    private const string CountIsInt = "1:_count:int;2:_name:string";

    private const string MigrationMessage =
        "State 'counts': member 1 ('_count') was checkpointed as long and is now declared as int. " +
        "A member id must keep its type; give the new member a new id (the old data is then skipped) or restore with the old type.";

    private static readonly (string Key, long Count)[] Counts = [("a", 1), ("b", -2), ("c", long.MaxValue)];

    // ---------------------------------------------------------------- keyed state

    private static ValueStateDescriptor<long> CountsDescriptor(string? schema) => new("counts", -1) { Schema = schema };

    private static byte[] KeyedCheckpoint(string? schema)
    {
        var backend = StateSnapshots.NewKeyedBackend();
        var state = backend.GetValueState(CountsDescriptor(schema));
        foreach (var (key, count) in Counts)
        {
            backend.SetCurrentKey(key);
            state.Value = count;
        }

        return StateSnapshots.Keyed(backend);
    }

    private static void AssertCounts(HeapKeyedStateBackend<string> backend, IValueState<long> state)
    {
        Assert.Equal(Counts.Length, backend.RowCount);
        foreach (var (key, count) in Counts)
        {
            backend.SetCurrentKey(key);
            Assert.True(state.HasValue, key);
            Assert.Equal(count, state.Value);
        }
    }

    [Fact]
    public void Keyed_state_whose_member_changed_type_fails_to_restore_naming_state_member_and_types()
    {
        var backend = StateSnapshots.RestoreKeyed(KeyedCheckpoint(Stored));

        var e = Assert.Throws<StateMigrationException>(() => backend.GetValueState(CountsDescriptor(CountIsInt)));

        Assert.Equal(MigrationMessage, e.Message);
    }

    [Fact]
    public void A_failed_declaration_leaves_the_restored_state_intact_for_a_compatible_one()
    {
        var backend = StateSnapshots.RestoreKeyed(KeyedCheckpoint(Stored));
        Assert.Throws<StateMigrationException>(() => backend.GetValueState(CountsDescriptor(CountIsInt)));

        var state = backend.GetValueState(CountsDescriptor(Stored));

        AssertCounts(backend, state);
    }

    [Fact]
    public void Keyed_state_declared_before_the_restore_is_checked_by_the_restore()
    {
        var backend = StateSnapshots.NewKeyedBackend();
        backend.GetValueState(CountsDescriptor(CountIsInt));
        byte[] checkpoint = KeyedCheckpoint(Stored);

        var e = Assert.Throws<StateMigrationException>(() => backend.Restore(checkpoint));

        Assert.Equal(MigrationMessage, e.Message);
    }

    [Fact]
    public void Keyed_state_declared_before_the_restore_with_a_compatible_schema_gets_its_values()
    {
        var backend = StateSnapshots.NewKeyedBackend();
        var state = backend.GetValueState(CountsDescriptor(Stored + ";3:_seen:int"));

        backend.Restore(KeyedCheckpoint(Stored));

        AssertCounts(backend, state);
    }

    [Fact]
    public void A_changed_type_of_a_later_member_is_detected_too()
    {
        var backend = StateSnapshots.RestoreKeyed(KeyedCheckpoint(Stored));

        var e = Assert.Throws<StateMigrationException>(() => backend.GetValueState(CountsDescriptor("1:_count:long;2:_label:byte[]")));

        Assert.StartsWith("State 'counts': member 2 ('_label') was checkpointed as string and is now declared as byte[].", e.Message);
    }

    [Theory]
    [InlineData(Stored)] // the same
    [InlineData("1:_count:long;2:_name:string;3:_seen:int")] // id 3 added: keeps its default
    [InlineData("1:_count:long")] // id 2 removed: its data is skipped
    [InlineData("1:_total:long;2:_label:string")] // renamed: names are not compared, ids are
    [InlineData("2:_name:string;1:_count:long")] // reordered
    [InlineData("3:_other:int")] // no id in common
    public void Keyed_state_restores_with_a_compatible_schema_and_keeps_its_values(string declared)
    {
        var backend = StateSnapshots.RestoreKeyed(KeyedCheckpoint(Stored));

        var state = backend.GetValueState(CountsDescriptor(declared));

        AssertCounts(backend, state);
    }

    [Theory]
    [InlineData(null, CountIsInt)] // checkpointed without a schema
    [InlineData(Stored, null)] // declared without a schema
    [InlineData(null, null)]
    public void Keyed_state_without_a_schema_on_either_side_is_not_checked(string? stored, string? declared)
    {
        var backend = StateSnapshots.RestoreKeyed(KeyedCheckpoint(stored));

        var state = backend.GetValueState(CountsDescriptor(declared));

        AssertCounts(backend, state);
    }

    [Fact]
    public void Keyed_snapshot_writes_the_schemas_before_the_columns()
    {
        var contents = StateSnapshots.DecodeKeyed(KeyedCheckpoint(Stored));

        Assert.Equal([1, 3, 2], contents.FieldOrder);
        Assert.Equal(new Dictionary<string, string> { ["counts"] = Stored }, contents.Schemas);
        Assert.Equal(["a", "b", "c"], contents.Rows.Select(r => r.Key));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "01", ["b"] = "fe", ["c"] = "cf7fffffffffffffff" }, contents.ValuesByKey("counts"));
    }

    [Fact]
    public void Keyed_snapshot_without_schemas_writes_an_empty_schema_map()
    {
        var contents = StateSnapshots.DecodeKeyed(KeyedCheckpoint(null));

        Assert.Equal([1, 3, 2], contents.FieldOrder);
        Assert.Empty(contents.Schemas);
    }

    [Fact]
    public void Schema_of_a_declared_column_survives_a_second_checkpoint_and_restore()
    {
        var second = StateSnapshots.RestoreKeyed(KeyedCheckpoint(Stored));
        second.GetValueState(CountsDescriptor(Stored));
        byte[] secondCheckpoint = StateSnapshots.Keyed(second);
        Assert.Equal(new Dictionary<string, string> { ["counts"] = Stored }, StateSnapshots.DecodeKeyed(secondCheckpoint).Schemas);

        var third = StateSnapshots.RestoreKeyed(secondCheckpoint);
        var e = Assert.Throws<StateMigrationException>(() => third.GetValueState(CountsDescriptor(CountIsInt)));
        Assert.Equal(MigrationMessage, e.Message);

        AssertCounts(third, third.GetValueState(CountsDescriptor(Stored)));
    }

    [Fact]
    public void The_declared_schema_replaces_the_stored_one_in_the_next_checkpoint()
    {
        const string Evolved = Stored + ";3:_seen:int";
        var second = StateSnapshots.RestoreKeyed(KeyedCheckpoint(Stored));
        second.GetValueState(CountsDescriptor(Evolved));
        byte[] secondCheckpoint = StateSnapshots.Keyed(second);
        Assert.Equal(new Dictionary<string, string> { ["counts"] = Evolved }, StateSnapshots.DecodeKeyed(secondCheckpoint).Schemas);

        // Id 3 is now part of the stored layout: changing its type fails.
        var third = StateSnapshots.RestoreKeyed(secondCheckpoint);
        var e = Assert.Throws<StateMigrationException>(() => third.GetValueState(CountsDescriptor(Stored + ";3:_seen:long")));
        Assert.StartsWith("State 'counts': member 3 ('_seen') was checkpointed as int and is now declared as long.", e.Message);
    }

    [Fact]
    public void A_column_declared_without_a_schema_is_checkpointed_without_one()
    {
        var second = StateSnapshots.RestoreKeyed(KeyedCheckpoint(Stored));
        second.GetValueState(CountsDescriptor(null));
        byte[] secondCheckpoint = StateSnapshots.Keyed(second);
        Assert.Empty(StateSnapshots.DecodeKeyed(secondCheckpoint).Schemas);

        var third = StateSnapshots.RestoreKeyed(secondCheckpoint);
        AssertCounts(third, third.GetValueState(CountsDescriptor(CountIsInt)));
    }

    [Fact]
    public void Schema_and_data_of_a_restored_but_undeclared_column_are_carried_into_the_next_checkpoint()
    {
        const string NamesSchema = "1:_text:string";
        var first = StateSnapshots.NewKeyedBackend();
        var counts = first.GetValueState(CountsDescriptor(Stored));
        var names = first.GetValueState(new ValueStateDescriptor<string>("names") { Schema = NamesSchema });
        first.SetCurrentKey("a");
        counts.Value = 1;
        names.Value = "alpha";
        first.SetCurrentKey("b");
        names.Value = "beta";

        // The next job version declares only "counts".
        var second = StateSnapshots.RestoreKeyed(StateSnapshots.Keyed(first));
        second.GetValueState(CountsDescriptor(Stored));
        byte[] secondCheckpoint = StateSnapshots.Keyed(second);
        var contents = StateSnapshots.DecodeKeyed(secondCheckpoint);
        Assert.Equal(new Dictionary<string, string> { ["counts"] = Stored, ["names"] = NamesSchema }, contents.Schemas);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "a5616c706861", ["b"] = "a462657461" }, contents.ValuesByKey("names"));

        // The one after declares "names" again: its stored schema is still checked.
        var third = StateSnapshots.RestoreKeyed(secondCheckpoint);
        var e = Assert.Throws<StateMigrationException>(() => third.GetValueState(new ValueStateDescriptor<string>("names") { Schema = "1:_text:int" }));
        Assert.StartsWith("State 'names': member 1 ('_text') was checkpointed as string and is now declared as int.", e.Message);

        var restored = third.GetValueState(new ValueStateDescriptor<string>("names") { Schema = NamesSchema });
        third.SetCurrentKey("a");
        Assert.Equal("alpha", restored.Value);
        third.SetCurrentKey("b");
        Assert.Equal("beta", restored.Value);
    }

    // ---------------------------------------------------------------- operator list state

    private static ListStateDescriptor<long> BufferDescriptor(string? schema) => new("buffer") { Schema = schema };

    private static readonly long[] Buffered = [3, 1, 2, long.MinValue];

    private static OperatorCheckpoint OperatorCheckpointWith(string? schema)
    {
        var store = new OperatorStateStore();
        var list = store.GetListState(BufferDescriptor(schema));
        foreach (long item in Buffered)
        {
            list.Add(item);
        }

        return StateSnapshots.Operator(store);
    }

    [Fact]
    public void Operator_list_whose_member_changed_type_fails_to_restore_naming_state_member_and_types()
    {
        var store = StateSnapshots.RestoreOperator(OperatorCheckpointWith(Stored));

        var e = Assert.Throws<StateMigrationException>(() => store.GetListState(BufferDescriptor(CountIsInt)));

        Assert.Equal(MigrationMessage.Replace("'counts'", "'buffer'"), e.Message);

        // Nothing was declared by the failed attempt: a compatible declaration still gets the elements.
        Assert.Equal(Buffered, store.GetListState(BufferDescriptor(Stored)));
    }

    [Theory]
    [InlineData(Stored)]
    [InlineData("1:_count:long;2:_name:string;3:_seen:int")]
    [InlineData("1:_count:long")]
    [InlineData("1:_total:long;2:_label:string")]
    public void Operator_list_restores_with_a_compatible_schema_and_keeps_its_elements(string declared)
    {
        var store = StateSnapshots.RestoreOperator(OperatorCheckpointWith(Stored));

        Assert.Equal(Buffered, store.GetListState(BufferDescriptor(declared)));
    }

    [Theory]
    [InlineData(null, CountIsInt)]
    [InlineData(Stored, null)]
    [InlineData(null, null)]
    public void Operator_list_without_a_schema_on_either_side_is_not_checked(string? stored, string? declared)
    {
        var store = StateSnapshots.RestoreOperator(OperatorCheckpointWith(stored));

        Assert.Equal(Buffered, store.GetListState(BufferDescriptor(declared)));
    }

    [Fact]
    public void Operator_snapshot_has_schemas_only_when_a_list_declares_one()
    {
        var withoutSchema = OperatorCheckpointWith(null);
        Assert.Null(withoutSchema.Schemas);
        Assert.Equal(new Dictionary<string, string> { ["buffer"] = "94030102d38000000000000000" }, StateSnapshots.DecodeLists(withoutSchema.Lists));

        var withSchema = OperatorCheckpointWith(Stored);
        Assert.NotNull(withSchema.Schemas);
        Assert.Equal("81a6627566666572bc313a5f636f756e743a6c6f6e673b323a5f6e616d653a737472696e67", Msg.Hex(withSchema.Schemas));
        Assert.Equal(new Dictionary<string, string> { ["buffer"] = "94030102d38000000000000000" }, StateSnapshots.DecodeLists(withSchema.Lists));
    }

    [Fact]
    public void Operator_schemas_of_several_old_subtasks_are_all_checked()
    {
        var other = new OperatorStateStore();
        other.GetListState(new ListStateDescriptor<string>("names") { Schema = "1:_text:string" }).Add("x");
        var otherCheckpoint = StateSnapshots.Operator(other);
        var checkpoint = OperatorCheckpointWith(Stored);

        var store = new OperatorStateStore();
        store.RestoreSchemas([checkpoint.Schemas!, otherCheckpoint.Schemas!]);
        store.Restore([checkpoint.Lists, otherCheckpoint.Lists], sameParallelism: false, subtaskIndex: 0, parallelism: 1);

        Assert.Throws<StateMigrationException>(() => store.GetListState(BufferDescriptor(CountIsInt)));
        var e = Assert.Throws<StateMigrationException>(() => store.GetListState(new ListStateDescriptor<string>("names") { Schema = "1:_text:int" }));
        Assert.StartsWith("State 'names': member 1 ('_text') was checkpointed as string and is now declared as int.", e.Message);
        Assert.Equal(Buffered, store.GetListState(BufferDescriptor(Stored)));
        Assert.Equal(["x"], store.GetListState(new ListStateDescriptor<string>("names") { Schema = "1:_text:string" }));
    }

    [Fact]
    public void Operator_schema_of_a_declared_list_survives_a_second_checkpoint_and_restore()
    {
        var second = StateSnapshots.RestoreOperator(OperatorCheckpointWith(Stored));
        second.GetListState(BufferDescriptor(Stored));
        var secondCheckpoint = StateSnapshots.Operator(second);
        Assert.Equal(new Dictionary<string, string> { ["buffer"] = Stored }, StateSnapshots.DecodeSchemas(secondCheckpoint.Schemas));

        var third = StateSnapshots.RestoreOperator(secondCheckpoint);
        var e = Assert.Throws<StateMigrationException>(() => third.GetListState(BufferDescriptor(CountIsInt)));
        Assert.Equal(MigrationMessage.Replace("'counts'", "'buffer'"), e.Message);
        Assert.Equal(Buffered, third.GetListState(BufferDescriptor(Stored)));
    }

    [Fact]
    public void Operator_schema_of_a_restored_but_undeclared_list_is_carried_into_the_next_checkpoint()
    {
        var first = new OperatorStateStore();
        first.GetListState(BufferDescriptor(Stored)).Add(1);
        first.GetListState(new ListStateDescriptor<string>("names") { Schema = "1:_text:string" }).Add("x");

        // The next job version declares only "names".
        var second = StateSnapshots.RestoreOperator(StateSnapshots.Operator(first));
        second.GetListState(new ListStateDescriptor<string>("names") { Schema = "1:_text:string" });
        var secondCheckpoint = StateSnapshots.Operator(second);
        Assert.Equal(
            new Dictionary<string, string> { ["buffer"] = Stored, ["names"] = "1:_text:string" },
            StateSnapshots.DecodeSchemas(secondCheckpoint.Schemas));

        var third = StateSnapshots.RestoreOperator(secondCheckpoint);
        var e = Assert.Throws<StateMigrationException>(() => third.GetListState(BufferDescriptor(CountIsInt)));
        Assert.Equal(MigrationMessage.Replace("'counts'", "'buffer'"), e.Message);
    }
}
