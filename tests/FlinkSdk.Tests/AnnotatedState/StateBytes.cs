using System.Buffers;
using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>Writes and reads one value with a (generated) state serializer, as the runtime does.</summary>
internal static class StateBytes
{
    public static byte[] Write<T>(IStateSerializer<T> serializer, T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        serializer.Serialize(ref writer, value);
        writer.Flush(); // the writer buffers: nothing reaches the output before Flush
        return buffer.WrittenSpan.ToArray();
    }

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
