using System.Globalization;

namespace FlinkSdk.Serialization;

/// <summary>Nullable&lt;T&gt;: nil for null, otherwise the value as <typeparamref name="T"/> writes it.</summary>
internal sealed class NullableSerializer<T> : IStateSerializer<T?>
    where T : struct
{
    private readonly IStateSerializer<T> _value;

    public NullableSerializer(IStateSerializer<T> value) => _value = value;

    public void Serialize(ref MessagePackWriter writer, T? value)
    {
        if (value.HasValue)
        {
            _value.Serialize(ref writer, value.GetValueOrDefault());
        }
        else
        {
            writer.WriteNil();
        }
    }

    public T? Deserialize(ref MessagePackReader reader) => reader.TryReadNil() ? null : _value.Deserialize(ref reader);
}

/// <summary>T[]: nil for null, otherwise an array of the elements.</summary>
internal sealed class ArraySerializer<T> : IStateSerializer<T[]?>
{
    private readonly IStateSerializer<T> _element;

    public ArraySerializer(IStateSerializer<T> element) => _element = element;

    public void Serialize(ref MessagePackWriter writer, T[]? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(value.Length);
        foreach (var item in value)
        {
            _element.Serialize(ref writer, item);
        }
    }

    public T[]? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        int count = reader.ReadArrayHeader();
        var result = new T[count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = _element.Deserialize(ref reader);
        }

        return result;
    }
}

/// <summary>List&lt;T&gt;: nil for null, otherwise an array of the elements.</summary>
internal sealed class ListSerializer<T> : IStateSerializer<List<T>?>
{
    private readonly IStateSerializer<T> _element;

    public ListSerializer(IStateSerializer<T> element) => _element = element;

    public void Serialize(ref MessagePackWriter writer, List<T>? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(value.Count);
        foreach (var item in value)
        {
            _element.Serialize(ref writer, item);
        }
    }

    public List<T>? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        int count = reader.ReadArrayHeader();
        var result = new List<T>(count);
        for (int i = 0; i < count; i++)
        {
            result.Add(_element.Deserialize(ref reader));
        }

        return result;
    }
}

/// <summary>
/// Dictionary&lt;TKey, TValue&gt;: nil for null, otherwise a map in the dictionary's enumeration order. Read back with
/// the default comparer; a nil or repeated key is an error.
/// </summary>
internal sealed class DictionarySerializer<TKey, TValue> : IStateSerializer<Dictionary<TKey, TValue>?>
    where TKey : notnull
{
    private readonly IStateSerializer<TKey> _key;
    private readonly IStateSerializer<TValue> _value;

    public DictionarySerializer(IStateSerializer<TKey> key, IStateSerializer<TValue> value)
    {
        _key = key;
        _value = value;
    }

    public void Serialize(ref MessagePackWriter writer, Dictionary<TKey, TValue>? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteMapHeader(value.Count);
        foreach (var (key, item) in value)
        {
            _key.Serialize(ref writer, key);
            _value.Serialize(ref writer, item);
        }
    }

    public Dictionary<TKey, TValue>? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        int count = reader.ReadMapHeader();
        var result = new Dictionary<TKey, TValue>(count);
        for (int i = 0; i < count; i++)
        {
            int keyOffset = reader.Position;
            var key = _key.Deserialize(ref reader);
            if (key is null)
            {
                throw new MessagePackFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"Expected a dictionary key at offset {keyOffset} but found nil."),
                    keyOffset);
            }

            var item = _value.Deserialize(ref reader);
            if (!result.TryAdd(key, item))
            {
                throw new MessagePackFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"Expected distinct dictionary keys but found the key {key} a second time at offset {keyOffset}."),
                    keyOffset);
            }
        }

        return result;
    }
}
