namespace FlinkSdk.Serialization;

/// <content>AOT-safe factories for value tuples.</content>
public static partial class StateSerializers
{
    /// <summary>A serializer of <c>ValueTuple</c> of 1: an array of 1 element, from the item serializers given.</summary>
    /// <typeparam name="T1">The type of item 1.</typeparam>
    /// <param name="item1">The serializer of item 1.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<ValueTuple<T1>> ForTuple<T1>(IStateSerializer<T1> item1)
    {
        ArgumentNullException.ThrowIfNull(item1);
        return new TupleSerializer<T1>(item1);
    }

    /// <summary>A serializer of <c>ValueTuple</c> of 2: an array of 2 elements, from the item serializers given.</summary>
    /// <typeparam name="T1">The type of item 1.</typeparam>
    /// <typeparam name="T2">The type of item 2.</typeparam>
    /// <param name="item1">The serializer of item 1.</param>
    /// <param name="item2">The serializer of item 2.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<ValueTuple<T1, T2>> ForTuple<T1, T2>(IStateSerializer<T1> item1, IStateSerializer<T2> item2)
    {
        ArgumentNullException.ThrowIfNull(item1);
        ArgumentNullException.ThrowIfNull(item2);
        return new TupleSerializer<T1, T2>(item1, item2);
    }

    /// <summary>A serializer of <c>ValueTuple</c> of 3: an array of 3 elements, from the item serializers given.</summary>
    /// <typeparam name="T1">The type of item 1.</typeparam>
    /// <typeparam name="T2">The type of item 2.</typeparam>
    /// <typeparam name="T3">The type of item 3.</typeparam>
    /// <param name="item1">The serializer of item 1.</param>
    /// <param name="item2">The serializer of item 2.</param>
    /// <param name="item3">The serializer of item 3.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<ValueTuple<T1, T2, T3>> ForTuple<T1, T2, T3>(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3)
    {
        ArgumentNullException.ThrowIfNull(item1);
        ArgumentNullException.ThrowIfNull(item2);
        ArgumentNullException.ThrowIfNull(item3);
        return new TupleSerializer<T1, T2, T3>(item1, item2, item3);
    }

    /// <summary>A serializer of <c>ValueTuple</c> of 4: an array of 4 elements, from the item serializers given.</summary>
    /// <typeparam name="T1">The type of item 1.</typeparam>
    /// <typeparam name="T2">The type of item 2.</typeparam>
    /// <typeparam name="T3">The type of item 3.</typeparam>
    /// <typeparam name="T4">The type of item 4.</typeparam>
    /// <param name="item1">The serializer of item 1.</param>
    /// <param name="item2">The serializer of item 2.</param>
    /// <param name="item3">The serializer of item 3.</param>
    /// <param name="item4">The serializer of item 4.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<ValueTuple<T1, T2, T3, T4>> ForTuple<T1, T2, T3, T4>(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3, IStateSerializer<T4> item4)
    {
        ArgumentNullException.ThrowIfNull(item1);
        ArgumentNullException.ThrowIfNull(item2);
        ArgumentNullException.ThrowIfNull(item3);
        ArgumentNullException.ThrowIfNull(item4);
        return new TupleSerializer<T1, T2, T3, T4>(item1, item2, item3, item4);
    }

    /// <summary>A serializer of <c>ValueTuple</c> of 5: an array of 5 elements, from the item serializers given.</summary>
    /// <typeparam name="T1">The type of item 1.</typeparam>
    /// <typeparam name="T2">The type of item 2.</typeparam>
    /// <typeparam name="T3">The type of item 3.</typeparam>
    /// <typeparam name="T4">The type of item 4.</typeparam>
    /// <typeparam name="T5">The type of item 5.</typeparam>
    /// <param name="item1">The serializer of item 1.</param>
    /// <param name="item2">The serializer of item 2.</param>
    /// <param name="item3">The serializer of item 3.</param>
    /// <param name="item4">The serializer of item 4.</param>
    /// <param name="item5">The serializer of item 5.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<ValueTuple<T1, T2, T3, T4, T5>> ForTuple<T1, T2, T3, T4, T5>(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3, IStateSerializer<T4> item4, IStateSerializer<T5> item5)
    {
        ArgumentNullException.ThrowIfNull(item1);
        ArgumentNullException.ThrowIfNull(item2);
        ArgumentNullException.ThrowIfNull(item3);
        ArgumentNullException.ThrowIfNull(item4);
        ArgumentNullException.ThrowIfNull(item5);
        return new TupleSerializer<T1, T2, T3, T4, T5>(item1, item2, item3, item4, item5);
    }

    /// <summary>A serializer of <c>ValueTuple</c> of 6: an array of 6 elements, from the item serializers given.</summary>
    /// <typeparam name="T1">The type of item 1.</typeparam>
    /// <typeparam name="T2">The type of item 2.</typeparam>
    /// <typeparam name="T3">The type of item 3.</typeparam>
    /// <typeparam name="T4">The type of item 4.</typeparam>
    /// <typeparam name="T5">The type of item 5.</typeparam>
    /// <typeparam name="T6">The type of item 6.</typeparam>
    /// <param name="item1">The serializer of item 1.</param>
    /// <param name="item2">The serializer of item 2.</param>
    /// <param name="item3">The serializer of item 3.</param>
    /// <param name="item4">The serializer of item 4.</param>
    /// <param name="item5">The serializer of item 5.</param>
    /// <param name="item6">The serializer of item 6.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<ValueTuple<T1, T2, T3, T4, T5, T6>> ForTuple<T1, T2, T3, T4, T5, T6>(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3, IStateSerializer<T4> item4, IStateSerializer<T5> item5, IStateSerializer<T6> item6)
    {
        ArgumentNullException.ThrowIfNull(item1);
        ArgumentNullException.ThrowIfNull(item2);
        ArgumentNullException.ThrowIfNull(item3);
        ArgumentNullException.ThrowIfNull(item4);
        ArgumentNullException.ThrowIfNull(item5);
        ArgumentNullException.ThrowIfNull(item6);
        return new TupleSerializer<T1, T2, T3, T4, T5, T6>(item1, item2, item3, item4, item5, item6);
    }

    /// <summary>A serializer of <c>ValueTuple</c> of 7: an array of 7 elements, from the item serializers given.</summary>
    /// <typeparam name="T1">The type of item 1.</typeparam>
    /// <typeparam name="T2">The type of item 2.</typeparam>
    /// <typeparam name="T3">The type of item 3.</typeparam>
    /// <typeparam name="T4">The type of item 4.</typeparam>
    /// <typeparam name="T5">The type of item 5.</typeparam>
    /// <typeparam name="T6">The type of item 6.</typeparam>
    /// <typeparam name="T7">The type of item 7.</typeparam>
    /// <param name="item1">The serializer of item 1.</param>
    /// <param name="item2">The serializer of item 2.</param>
    /// <param name="item3">The serializer of item 3.</param>
    /// <param name="item4">The serializer of item 4.</param>
    /// <param name="item5">The serializer of item 5.</param>
    /// <param name="item6">The serializer of item 6.</param>
    /// <param name="item7">The serializer of item 7.</param>
    /// <returns>The serializer.</returns>
    public static IStateSerializer<ValueTuple<T1, T2, T3, T4, T5, T6, T7>> ForTuple<T1, T2, T3, T4, T5, T6, T7>(IStateSerializer<T1> item1, IStateSerializer<T2> item2, IStateSerializer<T3> item3, IStateSerializer<T4> item4, IStateSerializer<T5> item5, IStateSerializer<T6> item6, IStateSerializer<T7> item7)
    {
        ArgumentNullException.ThrowIfNull(item1);
        ArgumentNullException.ThrowIfNull(item2);
        ArgumentNullException.ThrowIfNull(item3);
        ArgumentNullException.ThrowIfNull(item4);
        ArgumentNullException.ThrowIfNull(item5);
        ArgumentNullException.ThrowIfNull(item6);
        ArgumentNullException.ThrowIfNull(item7);
        return new TupleSerializer<T1, T2, T3, T4, T5, T6, T7>(item1, item2, item3, item4, item5, item6, item7);
    }
}
