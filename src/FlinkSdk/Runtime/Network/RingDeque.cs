namespace FlinkSdk.Runtime.Network;

/// <summary>A growable double-ended queue over one array: no allocation per element, unlike <see cref="LinkedList{T}"/>.</summary>
internal sealed class RingDeque<T>
{
    private T[] _items;
    private int _head;

    public RingDeque(int capacity) => _items = new T[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public void AddLast(T item)
    {
        EnsureRoom();
        _items[(_head + Count) % _items.Length] = item;
        Count++;
    }

    public void AddFirst(T item)
    {
        EnsureRoom();
        _head = (_head - 1 + _items.Length) % _items.Length;
        _items[_head] = item;
        Count++;
    }

    public bool TryRemoveFirst(out T item)
    {
        if (Count == 0)
        {
            item = default!;
            return false;
        }

        item = _items[_head];
        _items[_head] = default!;
        _head = (_head + 1) % _items.Length;
        Count--;
        return true;
    }

    private void EnsureRoom()
    {
        if (Count < _items.Length)
        {
            return;
        }

        var grown = new T[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            grown[i] = _items[(_head + i) % _items.Length];
        }

        _items = grown;
        _head = 0;
    }
}
