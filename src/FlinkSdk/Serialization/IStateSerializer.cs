namespace FlinkSdk.Serialization;

/// <summary>
/// Writes and reads values of one type as MessagePack, for checkpointed state and records in flight. Get the
/// built-in ones from <see cref="StateSerializers.For{T}"/>; the source generator emits them for user types.
/// </summary>
/// <typeparam name="T">The type of the values.</typeparam>
/// <remarks>
/// An implementation writes exactly one MessagePack value per call and reads exactly one back, so serializers
/// compose (a list of T writes an array header, then one value per element). Reference types write
/// <see langword="null"/> as <c>nil</c>. Implementations are stateless and thread-safe.
/// </remarks>
public interface IStateSerializer<T>
{
    /// <summary>Writes <paramref name="value"/> as one MessagePack value.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="value">The value.</param>
    void Serialize(ref MessagePackWriter writer, T value);

    /// <summary>Reads one MessagePack value written by <see cref="Serialize"/>.</summary>
    /// <param name="reader">Where to read; it moves past the value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The input does not hold a value of this type.</exception>
    T Deserialize(ref MessagePackReader reader);
}
