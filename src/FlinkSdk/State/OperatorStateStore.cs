using System.Collections;

namespace FlinkSdk.State;

/// <summary>Operator (non-keyed) state of one subtask: named lists owned by that parallel instance.</summary>
internal sealed class OperatorStateStore
{
    private readonly Dictionary<string, object> _lists = new(StringComparer.Ordinal);

    public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor)
    {
        if (_lists.TryGetValue(descriptor.Name, out var existing))
        {
            return existing as ListState<T> ?? throw new InvalidOperationException(
                $"State '{descriptor.Name}' is already declared with another element type, not {typeof(T)}.");
        }

        var state = new ListState<T>();
        _lists.Add(descriptor.Name, state);
        return state;
    }

    private sealed class ListState<T> : IListState<T>
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
    }
}
