using System.Buffers;
using System.Text;
using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.Serialization;

internal delegate void WriteAction(ref MessagePackWriter writer);

internal delegate void ReadAction(ref MessagePackReader reader);

internal static class Msg
{
    /// <summary>The bytes <paramref name="action"/> writes.</summary>
    public static byte[] Write(WriteAction action)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        action(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Lower-case hex, so a failing assertion shows the bytes.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>Bytes from hex with optional spaces: "cd 01 00".</summary>
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));

    /// <summary>Reads with <paramref name="action"/> and returns the format error it must throw.</summary>
    public static MessagePackFormatException ReadError(byte[] data, ReadAction action) =>
        Assert.Throws<MessagePackFormatException>(() =>
        {
            var reader = new MessagePackReader(data);
            action(ref reader);
        });

    /// <summary>A string of exactly <paramref name="utf8Length"/> UTF-8 bytes that mixes 1-, 2-, 3- and 4-byte characters.</summary>
    public static string MultiByteString(int utf8Length)
    {
        string[] pieces = ["😀", "€", "é", "a"];
        var builder = new StringBuilder();
        int bytes = 0;
        int i = 0;
        while (bytes < utf8Length)
        {
            // Take the next piece that still fits, cycling so every width occurs.
            string piece = pieces[i++ % pieces.Length];
            int size = Encoding.UTF8.GetByteCount(piece);
            if (bytes + size > utf8Length)
            {
                piece = "a";
                size = 1;
            }

            builder.Append(piece);
            bytes += size;
        }

        return builder.ToString();
    }
}
