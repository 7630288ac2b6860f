using FlinkSdk.Serialization;
using FlinkSdk.State;
using FlinkSdk.Tests.Serialization;

namespace FlinkSdk.Tests.State;

/// <summary>Takes, writes and reads back checkpoints of the heap state backends, as the runtime does.</summary>
internal static class StateSnapshots
{
    /// <summary>A backend of 128 key groups that owns all of them, so any key may be used.</summary>
    public static HeapKeyedStateBackend<string> NewKeyedBackend() => new(128, 0, 127);

    /// <summary>Synchronous and asynchronous phase at once: the bytes of a keyed snapshot.</summary>
    public static byte[] Keyed(HeapKeyedStateBackend<string> backend) => Write(backend.TakeSnapshot());

    /// <summary>Writes a snapshot taken earlier (the asynchronous phase) and releases it.</summary>
    public static byte[] Write(HeapKeyedStateBackend<string>.Snapshot snapshot)
    {
        try
        {
            return Msg.Write((ref MessagePackWriter w) => snapshot.Write(ref w));
        }
        finally
        {
            snapshot.Release();
        }
    }

    /// <summary>A new backend restored from <paramref name="checkpoints"/> (one per old subtask).</summary>
    public static HeapKeyedStateBackend<string> RestoreKeyed(params byte[][] checkpoints)
    {
        var backend = NewKeyedBackend();
        foreach (byte[] checkpoint in checkpoints)
        {
            backend.Restore(checkpoint);
        }

        return backend;
    }

    /// <summary>The list map and the schema map of an operator store, as <c>OperatorLifecycle</c> writes them.</summary>
    public static OperatorCheckpoint Operator(OperatorStateStore store) => Write(store.TakeSnapshot());

    /// <summary>Writes an operator snapshot taken earlier.</summary>
    public static OperatorCheckpoint Write(OperatorStateStore.ListsSnapshot snapshot) => new(
        Msg.Write((ref MessagePackWriter w) => snapshot.Write(ref w)),
        snapshot.HasSchemas ? Msg.Write((ref MessagePackWriter w) => snapshot.WriteSchemas(ref w)) : null);

    /// <summary>A new store restored with unchanged parallelism (1), schemas first, as <c>OperatorLifecycle</c> does.</summary>
    public static OperatorStateStore RestoreOperator(OperatorCheckpoint checkpoint)
    {
        var store = new OperatorStateStore();
        store.RestoreSchemas(checkpoint.Schemas is null ? [] : [checkpoint.Schemas]);
        store.Restore([checkpoint.Lists], sameParallelism: true, subtaskIndex: 0, parallelism: 1);
        return store;
    }

    /// <summary>Decodes a <c>{name: schema}</c> map written by <see cref="OperatorStateStore.ListsSnapshot.WriteSchemas"/>.</summary>
    public static Dictionary<string, string> DecodeSchemas(byte[]? schemas)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (schemas is null)
        {
            return result;
        }

        var reader = new MessagePackReader(schemas);
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString()!;
            result.Add(name, reader.ReadString()!);
        }

        Assert.True(reader.End, "trailing bytes after the schema map: " + Msg.Hex(schemas));
        return result;
    }

    /// <summary>Decodes a <c>{name: [elements]}</c> map written by <see cref="OperatorStateStore.ListsSnapshot.Write"/>: each list as hex.</summary>
    public static Dictionary<string, string> DecodeLists(byte[] lists)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MessagePackReader(lists);
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString()!;
            result.Add(name, Msg.Hex(reader.ReadRaw()));
        }

        Assert.True(reader.End, "trailing bytes after the list map: " + Msg.Hex(lists));
        return result;
    }

    /// <summary>Decodes a keyed snapshot <c>{1: [[key, keyGroup]...], 3: {name: schema}, 2: {name: {row: value}}}</c> with string keys.</summary>
    public static KeyedSnapshotContents DecodeKeyed(byte[] bytes)
    {
        var fields = new List<int>();
        var rows = new List<(string Key, int KeyGroup)>();
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        var columns = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
        var reader = new MessagePackReader(bytes);
        int count = reader.ReadMapHeader();
        for (int f = 0; f < count; f++)
        {
            int field = reader.ReadInt32();
            fields.Add(field);
            switch (field)
            {
                case 1:
                    int n = reader.ReadArrayHeader();
                    for (int i = 0; i < n; i++)
                    {
                        Assert.Equal(2, reader.ReadArrayHeader());
                        string key = reader.ReadString()!;
                        rows.Add((key, reader.ReadInt32()));
                    }

                    break;
                case 2:
                    int columnCount = reader.ReadMapHeader();
                    for (int c = 0; c < columnCount; c++)
                    {
                        string name = reader.ReadString()!;
                        var values = new Dictionary<int, string>();
                        int entries = reader.ReadMapHeader();
                        for (int e = 0; e < entries; e++)
                        {
                            int row = reader.ReadInt32();
                            values.Add(row, Msg.Hex(reader.ReadRaw()));
                        }

                        columns.Add(name, values);
                    }

                    break;
                case 3:
                    int schemaCount = reader.ReadMapHeader();
                    for (int s = 0; s < schemaCount; s++)
                    {
                        string name = reader.ReadString()!;
                        schemas.Add(name, reader.ReadString()!);
                    }

                    break;
                default:
                    Assert.Fail($"unexpected field {field} in keyed snapshot {Msg.Hex(bytes)}");
                    break;
            }
        }

        Assert.True(reader.End, "trailing bytes after the keyed snapshot: " + Msg.Hex(bytes));
        return new KeyedSnapshotContents(fields, rows, schemas, columns);
    }
}

/// <summary>What an operator store writes into a checkpoint: its lists and (when any is declared) their schemas.</summary>
internal sealed record OperatorCheckpoint(byte[] Lists, byte[]? Schemas);

/// <summary>A decoded keyed snapshot; values are the hex of their MessagePack bytes.</summary>
internal sealed record KeyedSnapshotContents(
    List<int> FieldOrder,
    List<(string Key, int KeyGroup)> Rows,
    Dictionary<string, string> Schemas,
    Dictionary<string, Dictionary<int, string>> Columns)
{
    /// <summary>The values of <paramref name="column"/> by key (hex of each value's bytes).</summary>
    public Dictionary<string, string> ValuesByKey(string column) =>
        Columns[column].ToDictionary(kv => Rows[kv.Key].Key, kv => kv.Value, StringComparer.Ordinal);
}

/// <summary>Wraps a serializer and counts its calls, to see in which checkpoint phase values are serialized.</summary>
internal sealed class CountingSerializer<T>(IStateSerializer<T> inner) : IStateSerializer<T>
{
    public int Serialized { get; private set; }

    public void Serialize(ref MessagePackWriter writer, T value)
    {
        Serialized++;
        inner.Serialize(ref writer, value);
    }

    public T Deserialize(ref MessagePackReader reader) => inner.Deserialize(ref reader);
}
