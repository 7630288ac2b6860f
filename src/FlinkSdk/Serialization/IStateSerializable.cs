namespace FlinkSdk.Serialization;

/// <summary>
/// A type that writes and reads itself as MessagePack, so <see cref="StateSerializers.For{T}"/> and
/// <see cref="StateSerializers.ForSerializable{T}"/> can serialize it in state. The source generator implements it
/// for user types; write it by hand only for types the generator does not cover.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
/// <remarks>
/// To evolve across versions, write a map keyed by small integer field ids, skip unknown ids with
/// <see cref="MessagePackReader.Skip"/> and leave missing ones at their defaults; never reuse a retired id.
/// For reference types the serializer handles <see langword="null"/> (as <c>nil</c>) itself: these members never
/// see it.
/// </remarks>
public interface IStateSerializable<TSelf>
    where TSelf : IStateSerializable<TSelf>
{
    /// <summary>Writes <paramref name="value"/> as one MessagePack value.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="value">The value; never null.</param>
    static abstract void Serialize(ref MessagePackWriter writer, TSelf value);

    /// <summary>Reads one MessagePack value written by <see cref="Serialize"/>.</summary>
    /// <param name="reader">Where to read; it moves past the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The input does not hold a value of this type.</exception>
    static abstract TSelf Deserialize(ref MessagePackReader reader);
}
