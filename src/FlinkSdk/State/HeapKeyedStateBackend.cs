using System.Runtime.InteropServices;
using FlinkSdk.Serialization;

namespace FlinkSdk.State;

/// <summary>
/// Keyed state on the heap for one subtask. Each key gets a row the first time it is seen; every state of the
/// operator is a column indexed by that row. Setting the current key costs one dictionary lookup, after which
/// every state access is an array index, and nothing is allocated once all keys have been seen. Each row
/// remembers its key group, so a restore keeps exactly the key groups of the new subtask (rescaling moves whole
/// key groups).
/// </summary>
internal sealed class HeapKeyedStateBackend<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _rows = [];
    private readonly List<IKeyedStateColumn> _columns = [];
    private readonly Dictionary<string, IKeyedStateColumn> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(byte[] Column, int[] RowMapping)>> _restoredColumns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _restoredSchemas = new(StringComparer.Ordinal);
    private TKey[] _keys = new TKey[16];
    private int[] _keyGroups = new int[16];

    public HeapKeyedStateBackend(int maxParallelism, int startKeyGroup, int endKeyGroup)
    {
        MaxParallelism = maxParallelism;
        StartKeyGroup = startKeyGroup;
        EndKeyGroup = endKeyGroup;
    }

    public int MaxParallelism { get; }

    public int StartKeyGroup { get; }

    public int EndKeyGroup { get; }

    public int RowCount => _rows.Count;

    /// <summary>The row of the current key; state columns read and write it.</summary>
    public int CurrentRow { get; private set; } = -1;

    public TKey CurrentKey => CurrentRow >= 0 ? _keys[CurrentRow] : throw new InvalidOperationException("No current key is set.");

    public int CurrentKeyGroup => _keyGroups[CurrentRow];

    public void SetCurrentKey(TKey key)
    {
        ref int row = ref CollectionsMarshal.GetValueRefOrAddDefault(_rows, key, out bool exists);
        if (!exists)
        {
            row = AddRow(key, KeyGroupOf(key), checkRange: true);
        }

        CurrentRow = row;
    }

    public bool InKeyGroupRange(TKey key) => KeyGroupOf(key) is var group && group >= StartKeyGroup && group <= EndKeyGroup;

    public IValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor)
    {
        if (_byName.TryGetValue(descriptor.Name, out var existing))
        {
            return existing as ValueColumn<T> ?? throw new InvalidOperationException(
                $"State '{descriptor.Name}' is already declared with another type, not {typeof(T)}.");
        }

        StateSchema.CheckCompatible(descriptor.Name, _restoredSchemas.GetValueOrDefault(descriptor.Name), descriptor.Schema);
        var column = new ValueColumn<T>(this, descriptor, _keys.Length);
        _columns.Add(column);
        _byName.Add(descriptor.Name, column);
        if (_restoredColumns.Remove(descriptor.Name, out var restored))
        {
            foreach (var (data, mapping) in restored)
            {
                column.Restore(data, mapping);
            }
        }

        return column;
    }

    /// <summary>Synchronous phase: copies the rows and every column (cheap array copies), safe to serialize on another thread.</summary>
    public Snapshot TakeSnapshot()
    {
        int rows = _rows.Count;
        var schemas = StateSchema.ForSnapshot(_restoredSchemas, _columns.Select(c => (c.Name, c.Schema)));
        return new Snapshot(rows, Checkpointing.SnapshotArrays.Copy(_keys, rows), Checkpointing.SnapshotArrays.Copy(_keyGroups, rows), [.. _columns.Select(c => c.Copy(rows))], [.. _restoredColumns.Select(kv => (kv.Key, kv.Value))], schemas);
    }

    /// <summary>Restores the rows of this subtask's key groups from one old subtask's snapshot; columns are filled when declared.</summary>
    public void Restore(ReadOnlySpan<byte> data)
    {
        var keySerializer = StateSerializers.For<TKey>();
        var reader = new MessagePackReader(data);
        int[] mapping = [];
        FieldMap.Read(ref reader, (int field, ref MessagePackReader r) =>
        {
            switch (field)
            {
                case 1:
                    int count = r.ReadArrayHeader();
                    mapping = new int[count];
                    for (int i = 0; i < count; i++)
                    {
                        r.ReadArrayHeader();
                        TKey key = keySerializer.Deserialize(ref r);
                        int keyGroup = r.ReadInt32();
                        bool mine = keyGroup >= StartKeyGroup && keyGroup <= EndKeyGroup;
                        mapping[i] = mine ? RowFor(key, keyGroup) : -1;
                    }

                    break;
                case 2:
                    int columns = r.ReadMapHeader();
                    for (int c = 0; c < columns; c++)
                    {
                        string name = r.ReadString() ?? string.Empty;
                        byte[] column = r.ReadRaw().ToArray();
                        if (_byName.TryGetValue(name, out var declared))
                        {
                            StateSchema.CheckCompatible(name, _restoredSchemas.GetValueOrDefault(name), declared.Schema);
                            declared.Restore(column, mapping);
                        }
                        else
                        {
                            (_restoredColumns.TryGetValue(name, out var list) ? list : _restoredColumns[name] = []).Add((column, mapping));
                        }
                    }

                    break;
                case 3:
                    StateSchema.ReadMap(ref r, _restoredSchemas);
                    break;
            }
        });
    }

    private int KeyGroupOf(TKey key) => KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(StableKeyHash.Of(key), MaxParallelism);

    private int RowFor(TKey key, int keyGroup)
    {
        ref int row = ref CollectionsMarshal.GetValueRefOrAddDefault(_rows, key, out bool exists);
        if (!exists)
        {
            row = AddRow(key, keyGroup, checkRange: false);
        }

        return row;
    }

    private int AddRow(TKey key, int keyGroup, bool checkRange)
    {
        if (checkRange && (keyGroup < StartKeyGroup || keyGroup > EndKeyGroup))
        {
            _rows.Remove(key);
            throw new InvalidOperationException(
                $"Key '{key}' belongs to key group {keyGroup}, outside this subtask's range {StartKeyGroup}..{EndKeyGroup}: " +
                "the key selector is not deterministic, or the stream was not partitioned by this key.");
        }

        int row = _rows.Count - 1;
        if (row == _keys.Length)
        {
            int capacity = _keys.Length * 2;
            Array.Resize(ref _keys, capacity);
            Array.Resize(ref _keyGroups, capacity);
            foreach (var column in _columns)
            {
                column.Grow(capacity);
            }
        }

        _keys[row] = key;
        _keyGroups[row] = keyGroup;
        return row;
    }

    /// <summary>An immutable copy of the backend: rows (key, key group) and one sparse map per column.</summary>
    internal sealed class Snapshot(int rows, TKey[] keys, int[] keyGroups, IReadOnlyList<IColumnSnapshot> columns, IReadOnlyList<(string Name, List<(byte[] Column, int[] RowMapping)> Data)> undeclared, IReadOnlyDictionary<string, string> schemas)
    {
        public int RowCount => rows;

        /// <summary>Gives the pooled copies back; call once, after <see cref="Write"/>.</summary>
        public void Release()
        {
            Checkpointing.SnapshotArrays.Return(keys);
            Checkpointing.SnapshotArrays.Return(keyGroups);
            foreach (var column in columns)
            {
                column.Release();
            }
        }

        /// <summary>Writes <c>{1: [[key, keyGroup]...], 3: {name: schema}, 2: {name: {row: value}}}</c> (schemas before the columns they describe).</summary>
        public void Write(ref MessagePackWriter writer)
        {
            var keySerializer = StateSerializers.For<TKey>();
            writer.WriteMapHeader(3);
            writer.Write(1);
            writer.WriteArrayHeader(rows);
            for (int i = 0; i < rows; i++)
            {
                writer.WriteArrayHeader(2);
                keySerializer.Serialize(ref writer, keys[i]);
                writer.Write(keyGroups[i]);
            }

            writer.Write(3);
            StateSchema.WriteMap(ref writer, schemas);

            writer.Write(2);
            writer.WriteMapHeader(columns.Count + undeclared.Sum(u => u.Data.Count > 0 ? 1 : 0));
            foreach (var column in columns)
            {
                writer.Write(column.Name);
                column.Write(ref writer);
            }

            // Restored state nobody declared (yet) is carried over, re-indexed to the new rows, so it is not lost.
            foreach (var (name, data) in undeclared.Where(u => u.Data.Count > 0))
            {
                writer.Write(name);
                WriteRemapped(ref writer, data);
            }
        }

        private static void WriteRemapped(ref MessagePackWriter writer, List<(byte[] Column, int[] RowMapping)> data)
        {
            int total = 0;
            foreach (var (column, mapping) in data)
            {
                var counter = new MessagePackReader(column);
                int n = counter.ReadMapHeader();
                for (int i = 0; i < n; i++)
                {
                    total += mapping[counter.ReadInt32()] >= 0 ? 1 : 0;
                    counter.Skip();
                }
            }

            writer.WriteMapHeader(total);
            foreach (var (column, mapping) in data)
            {
                var reader = new MessagePackReader(column);
                int n = reader.ReadMapHeader();
                for (int i = 0; i < n; i++)
                {
                    int row = mapping[reader.ReadInt32()];
                    var value = reader.ReadRaw();
                    if (row >= 0)
                    {
                        writer.Write(row);
                        writer.WriteRaw(value);
                    }
                }
            }
        }
    }

    internal interface IColumnSnapshot
    {
        string Name { get; }

        void Write(ref MessagePackWriter writer);

        void Release();
    }

    /// <summary>A column already serialized in the synchronous phase (its values may change in place).</summary>
    private sealed class SerializedColumnSnapshot(string name, byte[] bytes) : IColumnSnapshot
    {
        public string Name { get; } = name;

        public static SerializedColumnSnapshot Of(IColumnSnapshot copy) => new(copy.Name, Checkpointing.SnapshotBytes.Of(copy.Write));

        public void Write(ref MessagePackWriter writer) => writer.WriteRaw(bytes);

        public void Release()
        {
        }
    }

    private interface IKeyedStateColumn
    {
        string Name { get; }

        string? Schema { get; }

        void Grow(int capacity);

        IColumnSnapshot Copy(int rows);

        void Restore(byte[] column, int[] rowMapping);
    }

    private sealed class ValueColumn<T>(HeapKeyedStateBackend<TKey> backend, ValueStateDescriptor<T> descriptor, int capacity) : IValueState<T>, IKeyedStateColumn
    {
        private readonly T defaultValue = descriptor.DefaultValue;
        private readonly IStateSerializer<T> _serializer = descriptor.Serializer ?? StateSerializers.For<T>();
        private readonly bool _immutable = descriptor.IsImmutable || KnownImmutable<T>.Value;
        private T[] _values = new T[capacity];
        private bool[] _present = new bool[capacity];

        public string Name => descriptor.Name;

        public string? Schema => descriptor.Schema;

        public T Value
        {
            get
            {
                int row = backend.CurrentRow;
                return _present[row] ? _values[row] : defaultValue;
            }

            set
            {
                int row = backend.CurrentRow;
                _values[row] = value;
                _present[row] = true;
            }
        }

        public bool HasValue => _present[backend.CurrentRow];

        public void Clear()
        {
            int row = backend.CurrentRow;
            _values[row] = default!;
            _present[row] = false;
        }

        public void Grow(int newCapacity)
        {
            Array.Resize(ref _values, newCapacity);
            Array.Resize(ref _present, newCapacity);
        }

        public IColumnSnapshot Copy(int rows)
        {
            var snapshot = new ColumnSnapshot(descriptor.Name, rows, Checkpointing.SnapshotArrays.Copy(_values, rows), Checkpointing.SnapshotArrays.Copy(_present, rows), _serializer);
            if (_immutable)
            {
                return snapshot;
            }

            // Values that can change in place (lists, user classes) are serialized now, on the task thread: the
            // asynchronous phase must not see mutations made after the barrier.
            try
            {
                return SerializedColumnSnapshot.Of(snapshot);
            }
            finally
            {
                snapshot.Release();
            }
        }

        public void Restore(byte[] column, int[] rowMapping)
        {
            var serializer = _serializer;
            var reader = new MessagePackReader(column);
            int count = reader.ReadMapHeader();
            for (int i = 0; i < count; i++)
            {
                int oldRow = reader.ReadInt32();
                T value = serializer.Deserialize(ref reader);
                int row = rowMapping[oldRow];
                if (row >= 0)
                {
                    if (row >= _values.Length)
                    {
                        Grow(Math.Max(row + 1, _values.Length * 2));
                    }

                    _values[row] = value;
                    _present[row] = true;
                }
            }
        }

        private sealed class ColumnSnapshot(string name, int rows, T[] values, bool[] present, IStateSerializer<T> serializer) : IColumnSnapshot
        {
            public string Name { get; } = name;

            public void Release()
            {
                Checkpointing.SnapshotArrays.Return(values);
                Checkpointing.SnapshotArrays.Return(present);
            }

            public void Write(ref MessagePackWriter writer)
            {
                int count = 0;
                for (int row = 0; row < rows; row++)
                {
                    count += present[row] ? 1 : 0;
                }

                writer.WriteMapHeader(count);
                for (int row = 0; row < rows; row++)
                {
                    if (present[row])
                    {
                        writer.Write(row);
                        serializer.Serialize(ref writer, values[row]);
                    }
                }
            }
        }
    }
}
