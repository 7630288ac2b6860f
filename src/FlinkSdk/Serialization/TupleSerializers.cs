namespace FlinkSdk.Serialization;

// ValueTuple<T1..T7>: an array of its items in order; reading checks the element count.

internal sealed class TupleSerializer<T1> : IStateSerializer<ValueTuple<T1>>
{
    private readonly IStateSerializer<T1> _item1;

    public TupleSerializer(IStateSerializer<T1> item1)
    {
        _item1 = item1;
    }

    public void Serialize(ref MessagePackWriter writer, ValueTuple<T1> value)
    {
        writer.WriteArrayHeader(1);
        _item1.Serialize(ref writer, value.Item1);
    }

    public ValueTuple<T1> Deserialize(ref MessagePackReader reader)
    {
        SerializerErrors.ExpectArrayLength(ref reader, 1, "ValueTuple of 1");
        var item1 = _item1.Deserialize(ref reader);
        return new ValueTuple<T1>(item1);
    }
}

internal sealed class TupleSerializer<T1, T2> : IStateSerializer<ValueTuple<T1, T2>>
{
    private readonly IStateSerializer<T1> _item1;
    private readonly IStateSerializer<T2> _item2;

    public TupleSerializer(IStateSerializer<T1> item1, IStateSerializer<T2> item2)
    {
        _item1 = item1;
        _item2 = item2;
    }

    public void Serialize(ref MessagePackWriter writer, ValueTuple<T1, T2> value)
    {
        writer.WriteArrayHeader(2);
        _item1.Serialize(ref writer, value.Item1);
        _item2.Serialize(ref writer, value.Item2);
    }

    public ValueTuple<T1, T2> Deserialize(ref MessagePackReader reader)
    {
        SerializerErrors.ExpectArrayLength(ref reader, 2, "ValueTuple of 2");
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        return new ValueTuple<T1, T2>(item1, item2);
    }
}

internal sealed class TupleSerializer<T1, T2, T3> : IStateSerializer<ValueTuple<T1, T2, T3>>
{
    private readonly IStateSerializer<T1> _item1;
    private readonly IStateSerializer<T2> _item2;
    private readonly IStateSerializer<T3> _item3;

    public TupleSerializer(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3)
    {
        _item1 = item1;
        _item2 = item2;
        _item3 = item3;
    }

    public void Serialize(ref MessagePackWriter writer, ValueTuple<T1, T2, T3> value)
    {
        writer.WriteArrayHeader(3);
        _item1.Serialize(ref writer, value.Item1);
        _item2.Serialize(ref writer, value.Item2);
        _item3.Serialize(ref writer, value.Item3);
    }

    public ValueTuple<T1, T2, T3> Deserialize(ref MessagePackReader reader)
    {
        SerializerErrors.ExpectArrayLength(ref reader, 3, "ValueTuple of 3");
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3>(item1, item2, item3);
    }
}

internal sealed class TupleSerializer<T1, T2, T3, T4> : IStateSerializer<ValueTuple<T1, T2, T3, T4>>
{
    private readonly IStateSerializer<T1> _item1;
    private readonly IStateSerializer<T2> _item2;
    private readonly IStateSerializer<T3> _item3;
    private readonly IStateSerializer<T4> _item4;

    public TupleSerializer(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3, IStateSerializer<T4> item4)
    {
        _item1 = item1;
        _item2 = item2;
        _item3 = item3;
        _item4 = item4;
    }

    public void Serialize(ref MessagePackWriter writer, ValueTuple<T1, T2, T3, T4> value)
    {
        writer.WriteArrayHeader(4);
        _item1.Serialize(ref writer, value.Item1);
        _item2.Serialize(ref writer, value.Item2);
        _item3.Serialize(ref writer, value.Item3);
        _item4.Serialize(ref writer, value.Item4);
    }

    public ValueTuple<T1, T2, T3, T4> Deserialize(ref MessagePackReader reader)
    {
        SerializerErrors.ExpectArrayLength(ref reader, 4, "ValueTuple of 4");
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        var item4 = _item4.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3, T4>(item1, item2, item3, item4);
    }
}

internal sealed class TupleSerializer<T1, T2, T3, T4, T5> : IStateSerializer<ValueTuple<T1, T2, T3, T4, T5>>
{
    private readonly IStateSerializer<T1> _item1;
    private readonly IStateSerializer<T2> _item2;
    private readonly IStateSerializer<T3> _item3;
    private readonly IStateSerializer<T4> _item4;
    private readonly IStateSerializer<T5> _item5;

    public TupleSerializer(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3, IStateSerializer<T4> item4, IStateSerializer<T5> item5)
    {
        _item1 = item1;
        _item2 = item2;
        _item3 = item3;
        _item4 = item4;
        _item5 = item5;
    }

    public void Serialize(ref MessagePackWriter writer, ValueTuple<T1, T2, T3, T4, T5> value)
    {
        writer.WriteArrayHeader(5);
        _item1.Serialize(ref writer, value.Item1);
        _item2.Serialize(ref writer, value.Item2);
        _item3.Serialize(ref writer, value.Item3);
        _item4.Serialize(ref writer, value.Item4);
        _item5.Serialize(ref writer, value.Item5);
    }

    public ValueTuple<T1, T2, T3, T4, T5> Deserialize(ref MessagePackReader reader)
    {
        SerializerErrors.ExpectArrayLength(ref reader, 5, "ValueTuple of 5");
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        var item4 = _item4.Deserialize(ref reader);
        var item5 = _item5.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3, T4, T5>(item1, item2, item3, item4, item5);
    }
}

internal sealed class TupleSerializer<T1, T2, T3, T4, T5, T6> : IStateSerializer<ValueTuple<T1, T2, T3, T4, T5, T6>>
{
    private readonly IStateSerializer<T1> _item1;
    private readonly IStateSerializer<T2> _item2;
    private readonly IStateSerializer<T3> _item3;
    private readonly IStateSerializer<T4> _item4;
    private readonly IStateSerializer<T5> _item5;
    private readonly IStateSerializer<T6> _item6;

    public TupleSerializer(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3, IStateSerializer<T4> item4, IStateSerializer<T5> item5, IStateSerializer<T6> item6)
    {
        _item1 = item1;
        _item2 = item2;
        _item3 = item3;
        _item4 = item4;
        _item5 = item5;
        _item6 = item6;
    }

    public void Serialize(ref MessagePackWriter writer, ValueTuple<T1, T2, T3, T4, T5, T6> value)
    {
        writer.WriteArrayHeader(6);
        _item1.Serialize(ref writer, value.Item1);
        _item2.Serialize(ref writer, value.Item2);
        _item3.Serialize(ref writer, value.Item3);
        _item4.Serialize(ref writer, value.Item4);
        _item5.Serialize(ref writer, value.Item5);
        _item6.Serialize(ref writer, value.Item6);
    }

    public ValueTuple<T1, T2, T3, T4, T5, T6> Deserialize(ref MessagePackReader reader)
    {
        SerializerErrors.ExpectArrayLength(ref reader, 6, "ValueTuple of 6");
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        var item4 = _item4.Deserialize(ref reader);
        var item5 = _item5.Deserialize(ref reader);
        var item6 = _item6.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3, T4, T5, T6>(item1, item2, item3, item4, item5, item6);
    }
}

internal sealed class TupleSerializer<T1, T2, T3, T4, T5, T6, T7> : IStateSerializer<ValueTuple<T1, T2, T3, T4, T5, T6, T7>>
{
    private readonly IStateSerializer<T1> _item1;
    private readonly IStateSerializer<T2> _item2;
    private readonly IStateSerializer<T3> _item3;
    private readonly IStateSerializer<T4> _item4;
    private readonly IStateSerializer<T5> _item5;
    private readonly IStateSerializer<T6> _item6;
    private readonly IStateSerializer<T7> _item7;

    public TupleSerializer(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3, IStateSerializer<T4> item4, IStateSerializer<T5> item5, IStateSerializer<T6> item6, IStateSerializer<T7> item7)
    {
        _item1 = item1;
        _item2 = item2;
        _item3 = item3;
        _item4 = item4;
        _item5 = item5;
        _item6 = item6;
        _item7 = item7;
    }

    public void Serialize(ref MessagePackWriter writer, ValueTuple<T1, T2, T3, T4, T5, T6, T7> value)
    {
        writer.WriteArrayHeader(7);
        _item1.Serialize(ref writer, value.Item1);
        _item2.Serialize(ref writer, value.Item2);
        _item3.Serialize(ref writer, value.Item3);
        _item4.Serialize(ref writer, value.Item4);
        _item5.Serialize(ref writer, value.Item5);
        _item6.Serialize(ref writer, value.Item6);
        _item7.Serialize(ref writer, value.Item7);
    }

    public ValueTuple<T1, T2, T3, T4, T5, T6, T7> Deserialize(ref MessagePackReader reader)
    {
        SerializerErrors.ExpectArrayLength(ref reader, 7, "ValueTuple of 7");
        var item1 = _item1.Deserialize(ref reader);
        var item2 = _item2.Deserialize(ref reader);
        var item3 = _item3.Deserialize(ref reader);
        var item4 = _item4.Deserialize(ref reader);
        var item5 = _item5.Deserialize(ref reader);
        var item6 = _item6.Deserialize(ref reader);
        var item7 = _item7.Deserialize(ref reader);
        return new ValueTuple<T1, T2, T3, T4, T5, T6, T7>(item1, item2, item3, item4, item5, item6, item7);
    }
}
