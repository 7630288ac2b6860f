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
    private int _subtaskIndex;
    private int _parallelism = 1;

    public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor)
    {
        if (_lists.TryGetValue(descriptor.Name, out var existing))
        {
            return existing as ListState<T> ?? throw new InvalidOperationException(
                $"State '{descriptor.Name}' is already declared with another element type, not {typeof(T)}.");
        }

        var state = new ListState<T>(descriptor.Name);
        if (_restored.Remove(descriptor.Name, out var blobs))
        {
            state.Restore(blobs, _subtaskIndex, _parallelism);
        }

        _lists.Add(descriptor.Name, state);
        return state;
    }

    /// <summary>Synchronous phase: copies every list.</summary>
    public ListsSnapshot TakeSnapshot() => new([.. _lists.Values.Select(l => l.Copy())]);

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
    internal sealed class ListsSnapshot(IReadOnlyList<ListCopy> copies)
    {
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
        ListCopy Copy();
    }

    internal abstract class ListCopy(string name)
    {
        public string Name { get; } = name;

        public abstract void Write(ref MessagePackWriter writer);
    }

    private sealed class ListState<T>(string name) : IListState<T>, IListStateInternal
    {
        private readonly List<T> _items = [];

        public void Add(T value) => _items.Add(value);

        public void Update(IEnumerable<T> values)
        {
            _items.Clear();
            _items.AddRange(values);
        }

        public void Clear() => _items.Clear();

        public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public ListCopy Copy() => new Copied(name, [.. _items]);

        public void Restore(List<byte[]> blobs, int subtaskIndex, int parallelism)
        {
            var serializer = StateSerializers.For<T>();
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

        private sealed class Copied(string name, T[] items) : ListCopy(name)
        {
            public override void Write(ref MessagePackWriter writer)
            {
                var serializer = StateSerializers.For<T>();
                writer.WriteArrayHeader(items.Length);
                foreach (var item in items)
                {
                    serializer.Serialize(ref writer, item);
                }
            }
        }
    }
}
