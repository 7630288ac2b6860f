using System.Collections;
using FlinkSdk.Serialization;

namespace FlinkSdk.State;

/// <summary>
/// Operator (non-keyed) state of one subtask: named lists owned by that parallel instance. On restore with the
/// same parallelism a subtask gets its own lists back; with another parallelism the elements of all old
/// subtasks are split round-robin (Flink's even-split redistribution).
/// </summary>
internal sealed class OperatorStateStore
{
    private readonly Dictionary<string, IListStateInternal> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<byte[]>> _restored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _restoredSchemas = new(StringComparer.Ordinal);
    private int _subtaskIndex;
    private int _parallelism = 1;

    public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor)
    {
        if (_lists.TryGetValue(descriptor.Name, out var existing))
        {
            return existing as ListState<T> ?? throw new InvalidOperationException(
                $"State '{descriptor.Name}' is already declared with another element type, not {typeof(T)}.");
        }

        StateSchema.CheckCompatible(descriptor.Name, _restoredSchemas.GetValueOrDefault(descriptor.Name), descriptor.Schema);
        var state = new ListState<T>(descriptor);
        if (_restored.Remove(descriptor.Name, out var blobs))
        {
            state.Restore(blobs, _subtaskIndex, _parallelism);
        }

        _lists.Add(descriptor.Name, state);
        return state;
    }

    /// <summary>Synchronous phase: copies every list.</summary>
    public ListsSnapshot TakeSnapshot()
    {
        var schemas = StateSchema.ForSnapshot(_restoredSchemas, _lists.Values.Select(l => (l.Name, l.Schema)));
        return new([.. _lists.Values.Select(l => l.Copy())], schemas);
    }

    /// <summary>Keeps the stored schemas (<c>{name: schema}</c> of any old subtask) to check declarations against.</summary>
    public void RestoreSchemas(IEnumerable<byte[]> schemaMaps)
    {
        foreach (var map in schemaMaps)
        {
            var reader = new MessagePackReader(map);
            StateSchema.ReadMap(ref reader, _restoredSchemas);
        }
    }

    /// <summary>Keeps the lists of the old subtasks (by old index) until they are declared.</summary>
    public void Restore(IReadOnlyList<byte[]> listMaps, bool sameParallelism, int subtaskIndex, int parallelism)
    {
        // Same parallelism: only the subtask's own lists (passed alone). Otherwise: everything, split on declaration.
        _subtaskIndex = sameParallelism ? 0 : subtaskIndex;
        _parallelism = sameParallelism ? 1 : parallelism;
        foreach (var map in listMaps)
        {
            var reader = new MessagePackReader(map);
            int count = reader.ReadMapHeader();
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString() ?? string.Empty;
                (_restored.TryGetValue(name, out var list) ? list : _restored[name] = []).Add(reader.ReadRaw().ToArray());
            }
        }
    }

    /// <summary>Copies of every list, written as <c>{name: [elements]}</c>.</summary>
    internal sealed class ListsSnapshot(IReadOnlyList<ListCopy> copies, IReadOnlyDictionary<string, string> schemas)
    {
        public bool HasSchemas => schemas.Count > 0;

        /// <summary>Writes <c>{name: schema}</c>.</summary>
        public void WriteSchemas(ref MessagePackWriter writer)
        {
            StateSchema.WriteMap(ref writer, schemas);
        }

        public void Write(ref MessagePackWriter writer)
        {
            writer.WriteMapHeader(copies.Count);
            foreach (var copy in copies)
            {
                writer.Write(copy.Name);
                copy.Write(ref writer);
            }
        }
    }

    private interface IListStateInternal
    {
        string Name { get; }

        string? Schema { get; }

        ListCopy Copy();
    }

    internal abstract class ListCopy(string name)
    {
        public string Name { get; } = name;

        public abstract void Write(ref MessagePackWriter writer);
    }

    private sealed class ListState<T>(ListStateDescriptor<T> descriptor) : IListState<T>, IListStateInternal
    {
        private readonly List<T> _items = [];
        private readonly IStateSerializer<T> _serializer = descriptor.Serializer ?? StateSerializers.For<T>();
        private readonly bool _immutable = descriptor.IsImmutable || KnownImmutable<T>.Value;

        public string Name => descriptor.Name;

        public string? Schema => descriptor.Schema;

        public void Add(T value) => _items.Add(value);

        public void Update(IEnumerable<T> values)
        {
            _items.Clear();
            _items.AddRange(values);
        }

        public void Clear() => _items.Clear();

        public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public ListCopy Copy()
        {
            var copy = new Copied(descriptor.Name, [.. _items], _serializer);
            if (_immutable)
            {
                return copy;
            }

            // Elements that can change in place are serialized now, on the task thread (see the keyed backend).
            return new Serialized(descriptor.Name, Checkpointing.SnapshotBytes.Of(copy.Write));
        }

        public void Restore(List<byte[]> blobs, int subtaskIndex, int parallelism)
        {
            var serializer = _serializer;
            int position = 0;
            foreach (var blob in blobs)
            {
                var reader = new MessagePackReader(blob);
                int count = reader.ReadArrayHeader();
                for (int i = 0; i < count; i++, position++)
                {
                    T item = serializer.Deserialize(ref reader);
                    if (position % parallelism == subtaskIndex)
                    {
                        _items.Add(item);
                    }
                }
            }
        }

        private sealed class Serialized(string name, byte[] bytes) : ListCopy(name)
        {
            public override void Write(ref MessagePackWriter writer) => writer.WriteRaw(bytes);
        }

        private sealed class Copied(string name, T[] items, IStateSerializer<T> serializer) : ListCopy(name)
        {
            public override void Write(ref MessagePackWriter writer)
            {
                writer.WriteArrayHeader(items.Length);
                foreach (var item in items)
                {
                    serializer.Serialize(ref writer, item);
                }
            }
        }
    }
}
