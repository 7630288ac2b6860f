using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace FlinkSdk.Serialization;

/// <summary>
/// A collection written as an array of its elements (nil for null) and read back through an array: serves
/// <see cref="HashSet{T}"/>, <see cref="Queue{T}"/> (in dequeue order), <see cref="ImmutableList{T}"/> and
/// <see cref="ImmutableHashSet{T}"/>.
/// </summary>
internal sealed class CollectionSerializer<TCollection, T>(IStateSerializer<T> element, Func<T[], TCollection> build) : IStateSerializer<TCollection?>
    where TCollection : class, IReadOnlyCollection<T>
{
    private readonly ArraySerializer<T> _array = new(element);

    public void Serialize(ref MessagePackWriter writer, TCollection? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(value.Count);
        foreach (var item in value)
        {
            element.Serialize(ref writer, item);
        }
    }

    public TCollection? Deserialize(ref MessagePackReader reader) => _array.Deserialize(ref reader) is { } items ? build(items) : null;
}

/// <summary><see cref="ImmutableArray{T}"/>: nil for a default (uninitialized) array, otherwise an array of the elements.</summary>
internal sealed class ImmutableArraySerializer<T>(IStateSerializer<T> element) : IStateSerializer<ImmutableArray<T>>
{
    private readonly ArraySerializer<T> _array = new(element);

    public void Serialize(ref MessagePackWriter writer, ImmutableArray<T> value)
    {
        if (value.IsDefault)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(value.Length);
        foreach (var item in value)
        {
            element.Serialize(ref writer, item);
        }
    }

    public ImmutableArray<T> Deserialize(ref MessagePackReader reader) =>
        _array.Deserialize(ref reader) is { } items ? ImmutableCollectionsMarshal.AsImmutableArray(items) : default;
}

/// <summary>A read-only dictionary written as a map (nil for null) and read back through a <see cref="Dictionary{TKey, TValue}"/>.</summary>
internal sealed class MapSerializer<TMap, TKey, TValue>(IStateSerializer<TKey> key, IStateSerializer<TValue> value, Func<Dictionary<TKey, TValue>, TMap> build) : IStateSerializer<TMap?>
    where TMap : class, IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly DictionarySerializer<TKey, TValue> _dictionary = new(key, value);

    public void Serialize(ref MessagePackWriter writer, TMap? map)
    {
        if (map is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteMapHeader(map.Count);
        foreach (var (k, v) in map)
        {
            key.Serialize(ref writer, k);
            value.Serialize(ref writer, v);
        }
    }

    public TMap? Deserialize(ref MessagePackReader reader) => _dictionary.Deserialize(ref reader) is { } read ? build(read) : null;
}
