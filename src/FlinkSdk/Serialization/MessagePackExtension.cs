namespace FlinkSdk.Serialization;

/// <summary>An extension value read by <see cref="MessagePackReader.ReadExtension"/>: type code and payload (a view into the input).</summary>
public readonly ref struct MessagePackExtension
{
    /// <summary>Creates an extension value.</summary>
    /// <param name="typeCode">The extension type code.</param>
    /// <param name="data">The payload.</param>
    public MessagePackExtension(sbyte typeCode, ReadOnlySpan<byte> data)
    {
        TypeCode = typeCode;
        Data = data;
    }

    /// <summary>The extension type: 0..127 for applications, -128..-1 reserved by the specification (-1 is the timestamp).</summary>
    public sbyte TypeCode { get; }

    /// <summary>The payload bytes.</summary>
    public ReadOnlySpan<byte> Data { get; }
}
