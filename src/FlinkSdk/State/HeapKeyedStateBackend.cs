using System.Runtime.InteropServices;

namespace FlinkSdk.State;

/// <summary>
/// Keyed state on the heap for one subtask. Each key gets a row the first time it is seen; every state of the
/// operator is a column indexed by that row. Setting the current key costs one dictionary lookup, after which
/// every state access is an array index, and nothing is allocated once all keys have been seen. Each row
/// remembers its key group, so snapshots can be written per key group and rescaled by moving whole groups.
/// </summary>
internal sealed class HeapKeyedStateBackend<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _rows = [];
    private readonly List<IKeyedStateColumn> _columns = [];
    private readonly Dictionary<string, IKeyedStateColumn> _byName = new(StringComparer.Ordinal);
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
            row = AddRow(key);
        }

        CurrentRow = row;
    }

    public IValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor)
    {
        if (_byName.TryGetValue(descriptor.Name, out var existing))
        {
            return existing as ValueColumn<T> ?? throw new InvalidOperationException(
                $"State '{descriptor.Name}' is already declared with another type ({existing.GetType().GetGenericArguments()[0]}), not {typeof(T)}.");
        }

        var column = new ValueColumn<T>(this, descriptor.DefaultValue, _keys.Length);
        _columns.Add(column);
        _byName.Add(descriptor.Name, column);
        return column;
    }

    private int AddRow(TKey key)
    {
        int keyGroup = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(StableKeyHash.Of(key), MaxParallelism);
        if (keyGroup < StartKeyGroup || keyGroup > EndKeyGroup)
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

    private interface IKeyedStateColumn
    {
        void Grow(int capacity);
    }

    private sealed class ValueColumn<T>(HeapKeyedStateBackend<TKey> backend, T defaultValue, int capacity) : IValueState<T>, IKeyedStateColumn
    {
        private T[] _values = new T[capacity];
        private bool[] _present = new bool[capacity];

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
    }
}
