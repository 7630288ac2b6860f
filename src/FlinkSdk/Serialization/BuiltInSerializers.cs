using System.Globalization;
using System.Runtime.CompilerServices;

namespace FlinkSdk.Serialization;

// The built-in serializers behind StateSerializers.For<T>(): one stateless singleton per type.

internal sealed class BooleanSerializer : IStateSerializer<bool>
{
    public static readonly BooleanSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, bool value) => writer.Write(value);

    public bool Deserialize(ref MessagePackReader reader) => reader.ReadBoolean();
}

internal sealed class ByteSerializer : IStateSerializer<byte>
{
    public static readonly ByteSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, byte value) => writer.Write(value);

    public byte Deserialize(ref MessagePackReader reader) => reader.ReadByte();
}

internal sealed class SByteSerializer : IStateSerializer<sbyte>
{
    public static readonly SByteSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, sbyte value) => writer.Write(value);

    public sbyte Deserialize(ref MessagePackReader reader) => reader.ReadSByte();
}

internal sealed class Int16Serializer : IStateSerializer<short>
{
    public static readonly Int16Serializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, short value) => writer.Write(value);

    public short Deserialize(ref MessagePackReader reader) => reader.ReadInt16();
}

internal sealed class UInt16Serializer : IStateSerializer<ushort>
{
    public static readonly UInt16Serializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, ushort value) => writer.Write(value);

    public ushort Deserialize(ref MessagePackReader reader) => reader.ReadUInt16();
}

internal sealed class Int32Serializer : IStateSerializer<int>
{
    public static readonly Int32Serializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, int value) => writer.Write(value);

    public int Deserialize(ref MessagePackReader reader) => reader.ReadInt32();
}

internal sealed class UInt32Serializer : IStateSerializer<uint>
{
    public static readonly UInt32Serializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, uint value) => writer.Write(value);

    public uint Deserialize(ref MessagePackReader reader) => reader.ReadUInt32();
}

internal sealed class Int64Serializer : IStateSerializer<long>
{
    public static readonly Int64Serializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, long value) => writer.Write(value);

    public long Deserialize(ref MessagePackReader reader) => reader.ReadInt64();
}

internal sealed class UInt64Serializer : IStateSerializer<ulong>
{
    public static readonly UInt64Serializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, ulong value) => writer.Write(value);

    public ulong Deserialize(ref MessagePackReader reader) => reader.ReadUInt64();
}

internal sealed class SingleSerializer : IStateSerializer<float>
{
    public static readonly SingleSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, float value) => writer.Write(value);

    public float Deserialize(ref MessagePackReader reader) => reader.ReadSingle();
}

internal sealed class DoubleSerializer : IStateSerializer<double>
{
    public static readonly DoubleSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, double value) => writer.Write(value);

    public double Deserialize(ref MessagePackReader reader) => reader.ReadDouble();
}

internal sealed class CharSerializer : IStateSerializer<char>
{
    public static readonly CharSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, char value) => writer.Write(value);

    public char Deserialize(ref MessagePackReader reader) => reader.ReadChar();
}

/// <summary>decimal as a str in invariant culture ("-12.3400"): exact, keeps the scale, readable by any language.</summary>
internal sealed class DecimalSerializer : IStateSerializer<decimal>
{
    public static readonly DecimalSerializer Instance = new();
    private const System.Globalization.NumberStyles Styles =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public void Serialize(ref MessagePackWriter writer, decimal value)
    {
        Span<byte> utf8 = stackalloc byte[64];
        value.TryFormat(utf8, out int written, default, CultureInfo.InvariantCulture);
        writer.WriteUtf8String(utf8[..written]);
    }

    public decimal Deserialize(ref MessagePackReader reader)
    {
        int start = reader.Position;
        var utf8 = reader.ReadStringSpan();
        if (!decimal.TryParse(utf8, Styles, CultureInfo.InvariantCulture, out decimal value))
        {
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected a decimal number as a str (such as \"-12.50\") at offset {start} but found the str \"{System.Text.Encoding.UTF8.GetString(utf8)}\"."),
                start);
        }

        return value;
    }
}

internal sealed class StringSerializer : IStateSerializer<string?>
{
    public static readonly StringSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, string? value) => writer.Write(value);

    public string? Deserialize(ref MessagePackReader reader) => reader.ReadString();
}

internal sealed class ByteArraySerializer : IStateSerializer<byte[]?>
{
    public static readonly ByteArraySerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.WriteBinary(value);
        }
    }

    public byte[]? Deserialize(ref MessagePackReader reader) => reader.ReadBytes();
}

/// <summary>DateTime as a timestamp extension value; local times are converted to UTC, values read back are UTC.</summary>
internal sealed class DateTimeSerializer : IStateSerializer<DateTime>
{
    public static readonly DateTimeSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, DateTime value) => writer.WriteTimestamp(value);

    public DateTime Deserialize(ref MessagePackReader reader) => reader.ReadDateTime();
}

/// <summary>DateTimeOffset as a 2-element array: [timestamp of the instant, offset in minutes].</summary>
internal sealed class DateTimeOffsetSerializer : IStateSerializer<DateTimeOffset>
{
    public static readonly DateTimeOffsetSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, DateTimeOffset value)
    {
        writer.WriteArrayHeader(2);
        writer.WriteTimestamp(value.UtcDateTime);
        writer.Write((short)value.TotalOffsetMinutes);
    }

    public DateTimeOffset Deserialize(ref MessagePackReader reader)
    {
        int start = reader.Position;
        SerializerErrors.ExpectArrayLength(ref reader, 2, "DateTimeOffset [timestamp, offset minutes]");
        var utc = reader.ReadDateTime();
        int minutesOffset = reader.Position;
        short minutes = reader.ReadInt16();
        if (minutes is < -14 * 60 or > 14 * 60)
        {
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected a DateTimeOffset offset of -840..840 minutes at offset {minutesOffset} but found {minutes}."),
                minutesOffset);
        }

        var offset = TimeSpan.FromMinutes(minutes);
        long localTicks = utc.Ticks + offset.Ticks;
        if (localTicks < DateTime.MinValue.Ticks || localTicks > DateTime.MaxValue.Ticks)
        {
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected a DateTimeOffset within 0001-01-01..9999-12-31 at offset {start} but found {utc:O} with offset {minutes} minutes."),
                start);
        }

        return new DateTimeOffset(localTicks, offset);
    }
}

/// <summary>TimeSpan as its ticks (100 ns units), an integer.</summary>
internal sealed class TimeSpanSerializer : IStateSerializer<TimeSpan>
{
    public static readonly TimeSpanSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, TimeSpan value) => writer.Write(value.Ticks);

    public TimeSpan Deserialize(ref MessagePackReader reader) => new(reader.ReadInt64());
}

/// <summary>Guid as a 16-byte bin in RFC 9562 (big-endian) byte order, the order of its string form.</summary>
internal sealed class GuidSerializer : IStateSerializer<Guid>
{
    public static readonly GuidSerializer Instance = new();

    public void Serialize(ref MessagePackWriter writer, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        writer.WriteBinary(bytes);
    }

    public Guid Deserialize(ref MessagePackReader reader)
    {
        int start = reader.Position;
        var bytes = reader.ReadBinary();
        if (bytes.Length != 16)
        {
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected a Guid as a 16-byte bin at offset {start} but found a bin of {bytes.Length} bytes."),
                start);
        }

        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>An enum as its underlying integer; no reflection per value (the underlying type is resolved once).</summary>
internal sealed class EnumSerializer<T> : IStateSerializer<T>
{
    private readonly TypeCode _underlying;

    public EnumSerializer()
    {
        _underlying = Type.GetTypeCode(typeof(T));
        if (!typeof(T).IsEnum || _underlying is < TypeCode.SByte or > TypeCode.UInt64)
        {
            throw new NotSupportedException($"{StateSerializers.TypeName(typeof(T))} is not an enum with an integer underlying type.");
        }
    }

    public void Serialize(ref MessagePackWriter writer, T value)
    {
        switch (_underlying)
        {
            case TypeCode.SByte:
                writer.Write(Unsafe.As<T, sbyte>(ref value));
                break;
            case TypeCode.Byte:
                writer.Write(Unsafe.As<T, byte>(ref value));
                break;
            case TypeCode.Int16:
                writer.Write(Unsafe.As<T, short>(ref value));
                break;
            case TypeCode.UInt16:
                writer.Write(Unsafe.As<T, ushort>(ref value));
                break;
            case TypeCode.Int32:
                writer.Write(Unsafe.As<T, int>(ref value));
                break;
            case TypeCode.UInt32:
                writer.Write(Unsafe.As<T, uint>(ref value));
                break;
            case TypeCode.Int64:
                writer.Write(Unsafe.As<T, long>(ref value));
                break;
            default:
                writer.Write(Unsafe.As<T, ulong>(ref value));
                break;
        }
    }

    public T Deserialize(ref MessagePackReader reader)
    {
        switch (_underlying)
        {
            case TypeCode.SByte:
                {
                    sbyte v = reader.ReadSByte();
                    return Unsafe.As<sbyte, T>(ref v);
                }

            case TypeCode.Byte:
                {
                    byte v = reader.ReadByte();
                    return Unsafe.As<byte, T>(ref v);
                }

            case TypeCode.Int16:
                {
                    short v = reader.ReadInt16();
                    return Unsafe.As<short, T>(ref v);
                }

            case TypeCode.UInt16:
                {
                    ushort v = reader.ReadUInt16();
                    return Unsafe.As<ushort, T>(ref v);
                }

            case TypeCode.Int32:
                {
                    int v = reader.ReadInt32();
                    return Unsafe.As<int, T>(ref v);
                }

            case TypeCode.UInt32:
                {
                    uint v = reader.ReadUInt32();
                    return Unsafe.As<uint, T>(ref v);
                }

            case TypeCode.Int64:
                {
                    long v = reader.ReadInt64();
                    return Unsafe.As<long, T>(ref v);
                }

            default:
                {
                    ulong v = reader.ReadUInt64();
                    return Unsafe.As<ulong, T>(ref v);
                }
        }
    }
}

/// <summary>A type that serializes itself through <see cref="IStateSerializable{TSelf}"/>; null (for classes) is nil.</summary>
internal sealed class SelfSerializer<T> : IStateSerializer<T>
    where T : IStateSerializable<T>
{
    public static readonly SelfSerializer<T> Instance = new();

    public void Serialize(ref MessagePackWriter writer, T value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        T.Serialize(ref writer, value);
    }

    public T Deserialize(ref MessagePackReader reader)
    {
        if (!typeof(T).IsValueType && reader.TryReadNil())
        {
            return default!;
        }

        return T.Deserialize(ref reader);
    }
}

/// <summary>Error messages shared by the serializers.</summary>
internal static class SerializerErrors
{
    /// <summary>Reads an array header and checks it has <paramref name="expected"/> elements.</summary>
    public static void ExpectArrayLength(ref MessagePackReader reader, int expected, string what)
    {
        int start = reader.Position;
        int count = reader.ReadArrayHeader();
        if (count != expected)
        {
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected an array of {expected} elements ({what}) at offset {start} but found an array of {count}."),
                start);
        }
    }
}
