namespace FlinkSdk.Runtime.Network;

/// <summary>
/// A reusable buffer of records with their timestamps, the unit that crosses a channel. Batches circulate
/// between a channel's producer and consumer and are never reallocated, so steady-state traffic allocates nothing.
/// </summary>
internal sealed class RecordBatch<T>
{
    public RecordBatch(int capacity)
    {
        Values = new T[capacity];
        Timestamps = new long[capacity];
    }

    public T[] Values { get; }

    public long[] Timestamps { get; }

    public int Count { get; set; }

    public bool IsFull => Count == Values.Length;

    public void Add(T value, long timestamp)
    {
        Values[Count] = value;
        Timestamps[Count] = timestamp;
        Count++;
    }

    /// <summary>Empties the batch, dropping references so recycled batches do not keep records alive.</summary>
    public void Clear()
    {
        if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(Values, 0, Count);
        }

        Count = 0;
    }
}
