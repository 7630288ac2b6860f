using FlinkSdk.Serialization;
using FlinkSdk.Tests.Serialization;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>Writes and reads one value with a (generated) state serializer, as the runtime does.</summary>
internal static class StateBytes
{
    /// <summary>The bytes of <paramref name="value"/> (<see cref="Msg.Write"/> flushes the writer, which buffers).</summary>
    public static byte[] Write<T>(IStateSerializer<T> serializer, T value) => Msg.Write((ref MessagePackWriter writer) => serializer.Serialize(ref writer, value));

    /// <summary>Reads exactly one value: bytes left over are an error.</summary>
    public static T Read<T>(IStateSerializer<T> serializer, byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        T value = serializer.Deserialize(ref reader);
        if (!reader.End)
        {
            throw new InvalidOperationException($"{reader.Remaining} of {bytes.Length} bytes were left after reading one value.");
        }

        return value;
    }
}
