using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace FlinkSdk.Serialization;

/// <summary>
/// Reads MessagePack (https://github.com/msgpack/msgpack/blob/master/spec.md) from memory, one value at a time.
/// Typed reads accept every encoding of their type, not only the smallest (<see cref="ReadInt64"/> takes any
/// integer format whose value fits); <see cref="Skip"/> passes over any value, however deeply nested.
/// </summary>
/// <remarks>
/// Truncated or malformed input, and a value of another type than the one asked for, throw a
/// <see cref="MessagePackFormatException"/> that names what was expected, the byte found and its offset; the reader
/// then stays at the start of that value. Pass the reader by <see langword="ref"/>. Spans returned by
/// <see cref="ReadBinary"/>, <see cref="ReadStringSpan"/>, <see cref="ReadExtension"/> and <see cref="ReadRaw"/>
/// are views into the input, not copies.
/// </remarks>
public ref struct MessagePackReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="buffer"/>, positioned at its first byte.</summary>
    /// <param name="buffer">MessagePack bytes: one value or several in a row.</param>
    public MessagePackReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Creates a reader over <paramref name="buffer"/>, positioned at its first byte.</summary>
    /// <param name="buffer">MessagePack bytes: one value or several in a row.</param>
    public MessagePackReader(ReadOnlyMemory<byte> buffer)
        : this(buffer.Span)
    {
    }

    /// <summary>The offset of the next byte to read, from the start of the input.</summary>
    public readonly int Position => _position;

    /// <summary>How many bytes are left to read.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Whether every byte of the input has been read.</summary>
    public readonly bool End => _position >= _buffer.Length;

    /// <summary>The type of the next value, without reading it.</summary>
    /// <returns>The type.</returns>
    /// <exception cref="MessagePackFormatException">The input ended.</exception>
    public readonly MessagePackType PeekType()
    {
        if (_position >= _buffer.Length)
        {
            throw EndOfInput("a value", _position);
        }

        return MessagePackCode.TypeOf(_buffer[_position]);
    }

    /// <summary>Reads a <c>nil</c> if the next value is one.</summary>
    /// <returns>Whether a nil was read; when not, nothing was.</returns>
    /// <exception cref="MessagePackFormatException">The input ended.</exception>
    public bool TryReadNil()
    {
        if (_position >= _buffer.Length)
        {
            throw EndOfInput("a value", _position);
        }

        if (_buffer[_position] == MessagePackCode.Nil)
        {
            _position++;
            return true;
        }

        return false;
    }

    /// <summary>Reads a <c>nil</c>.</summary>
    /// <exception cref="MessagePackFormatException">The next value is not nil, or the input ended.</exception>
    public void ReadNil()
    {
        if (!TryReadNil())
        {
            throw Unexpected("nil", _position);
        }
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not a boolean, or the input ended.</exception>
    public bool ReadBoolean()
    {
        byte code = PeekCode("a boolean");
        if (code is not (MessagePackCode.True or MessagePackCode.False))
        {
            throw Unexpected("a boolean", _position);
        }

        _position++;
        return code == MessagePackCode.True;
    }

    /// <summary>Reads an integer in 0..255, in any integer format.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an integer, does not fit, or the input ended.</exception>
    public byte ReadByte() => (byte)ReadUnsignedInRange(byte.MaxValue, "a Byte (integer 0..255)");

    /// <summary>Reads an integer in -128..127, in any integer format.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an integer, does not fit, or the input ended.</exception>
    public sbyte ReadSByte() => (sbyte)ReadSignedInRange(sbyte.MinValue, sbyte.MaxValue, "an SByte (integer -128..127)");

    /// <summary>Reads an integer in the range of <see cref="short"/>, in any integer format.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an integer, does not fit, or the input ended.</exception>
    public short ReadInt16() => (short)ReadSignedInRange(short.MinValue, short.MaxValue, "an Int16 (integer -32768..32767)");

    /// <summary>Reads an integer in the range of <see cref="ushort"/>, in any integer format.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an integer, does not fit, or the input ended.</exception>
    public ushort ReadUInt16() => (ushort)ReadUnsignedInRange(ushort.MaxValue, "a UInt16 (integer 0..65535)");

    /// <summary>Reads a UTF-16 code unit written as an integer in 0..65535, in any integer format.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an integer, does not fit, or the input ended.</exception>
    public char ReadChar() => (char)ReadUnsignedInRange(char.MaxValue, "a Char (integer 0..65535)");

    /// <summary>Reads an integer in the range of <see cref="int"/>, in any integer format.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an integer, does not fit, or the input ended.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32() => TryReadPositiveFixInt(out byte small) ? small : (int)ReadSignedInRange(int.MinValue, int.MaxValue, "an Int32 (integer -2147483648..2147483647)");

    /// <summary>Reads an integer in the range of <see cref="uint"/>, in any integer format.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an integer, does not fit, or the input ended.</exception>
    public uint ReadUInt32() => (uint)ReadUnsignedInRange(uint.MaxValue, "a UInt32 (integer 0..4294967295)");

    /// <summary>
    /// Reads an integer in the range of <see cref="long"/>, in any integer format (fixint, uint 8..64 up to
    /// <see cref="long.MaxValue"/>, int 8..64).
    /// </summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an integer, does not fit, or the input ended.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadInt64() => TryReadPositiveFixInt(out byte small) ? small : ReadInt64AnyFormat();

    private long ReadInt64AnyFormat()
    {
        const string Expected = "an Int64 (integer -9223372036854775808..9223372036854775807)";
        int start = _position;
        if (ReadIntegerCore(Expected, out ulong bits))
        {
            return (long)bits;
        }

        if (bits > long.MaxValue)
        {
            _position = start;
            throw DoesNotFit(Expected, start, bits.ToString(CultureInfo.InvariantCulture));
        }

        return (long)bits;
    }

    /// <summary>Reads a non-negative integer in any integer format.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an integer, is negative, or the input ended.</exception>
    public ulong ReadUInt64() => ReadUnsignedInRange(ulong.MaxValue, "a UInt64 (integer 0..18446744073709551615)");

    /// <summary>
    /// Reads a float 32; also accepts a float 64 (rounded to the nearest <see cref="float"/>) and any integer
    /// (converted), since other writers choose the format by value.
    /// </summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not a number, or the input ended.</exception>
    public float ReadSingle()
    {
        byte code = PeekCode("a Single (float or integer)");
        if (code == MessagePackCode.Float32)
        {
            var body = Body(_position, 1, 4, "a float 32");
            _position += 5;
            return BinaryPrimitives.ReadSingleBigEndian(body);
        }

        return (float)ReadDouble("a Single (float or integer)");
    }

    /// <summary>Reads a float 64 or float 32; also accepts any integer (converted to the nearest <see cref="double"/>).</summary>
    /// <returns>The value.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not a number, or the input ended.</exception>
    public double ReadDouble() => ReadDouble("a Double (float or integer)");

    /// <summary>Reads a str as a new string, or <c>nil</c> as <see langword="null"/>.</summary>
    /// <returns>The string, or null.</returns>
    /// <exception cref="MessagePackFormatException">
    /// The next value is neither str nor nil, its bytes are not valid UTF-8, or the input ended.
    /// </exception>
    public string? ReadString()
    {
        // Short ASCII text (names, keys): a fixstr whose bytes are the chars.
        int position = _position;
        var buffer = _buffer;
        if ((uint)position < (uint)buffer.Length)
        {
            int length = buffer[position] - MessagePackCode.MinFixStr;
            if ((uint)length <= MessagePackCode.MaxFixStr - MessagePackCode.MinFixStr && length < buffer.Length - position)
            {
                var text = buffer.Slice(position + 1, length);
                if (Ascii.IsValid(text))
                {
                    _position = position + 1 + length;
                    return string.Create(length, text, static (chars, ascii) => Ascii.ToUtf16(ascii, chars, out _));
                }
            }
        }

        return ReadStringAnyFormat();
    }

    private string? ReadStringAnyFormat()
    {
        int start = _position;
        if (TryReadNil())
        {
            return null;
        }

        var utf8 = ReadStringSpan();
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            _position = start;
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected valid UTF-8 in the str at offset {start} but found the invalid byte sequence {Convert.ToHexString(e.BytesUnknown ?? [])} at byte {e.Index} of the text."),
                start,
                e);
        }
    }

    /// <summary>Reads a str and returns its UTF-8 bytes without decoding them (no allocation, no validation).</summary>
    /// <returns>The UTF-8 bytes: a view into the input.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not a str, or the input ended.</exception>
    public ReadOnlySpan<byte> ReadStringSpan() => ReadLengthPrefixed(MessagePackCode.Str8, "a str", allowFixStr: true);

    /// <summary>Reads a bin and returns its bytes (no allocation).</summary>
    /// <returns>The bytes: a view into the input.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not a bin, or the input ended.</exception>
    public ReadOnlySpan<byte> ReadBinary() => ReadLengthPrefixed(MessagePackCode.Bin8, "a bin", allowFixStr: false);

    // str and bin share their layout: a 1-, 2- or 4-byte big-endian length after codes code8, code8 + 1, code8 + 2
    // (and str has the fixstr range with the length in the code byte).
    private ReadOnlySpan<byte> ReadLengthPrefixed(byte code8, string expected, bool allowFixStr)
    {
        int start = _position;
        byte code = PeekCode(expected);
        int headerSize;
        long length;
        if (allowFixStr && code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            headerSize = 1;
            length = code & 0x1f;
        }
        else if (code == code8)
        {
            headerSize = 2;
            length = Body(start, 1, 1, expected)[0];
        }
        else if (code == code8 + 1)
        {
            headerSize = 3;
            length = BinaryPrimitives.ReadUInt16BigEndian(Body(start, 1, 2, expected));
        }
        else if (code == code8 + 2)
        {
            headerSize = 5;
            length = BinaryPrimitives.ReadUInt32BigEndian(Body(start, 1, 4, expected));
        }
        else
        {
            throw Unexpected(expected, start);
        }

        var payload = Body(start, headerSize, length, expected);
        _position = start + headerSize + payload.Length;
        return payload;
    }

    /// <summary>Reads a bin as a new array, or <c>nil</c> as <see langword="null"/>.</summary>
    /// <returns>A copy of the bytes, or null.</returns>
    /// <exception cref="MessagePackFormatException">The next value is neither bin nor nil, or the input ended.</exception>
    public byte[]? ReadBytes() => TryReadNil() ? null : ReadBinary().ToArray();

    /// <summary>
    /// Reads an array header (fixarray, array 16, array 32); read exactly that many values next.
    /// </summary>
    /// <returns>The number of elements.</returns>
    /// <exception cref="MessagePackFormatException">
    /// The next value is not an array, the input ended, or fewer bytes remain than the elements need (one each at least).
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadArrayHeader() => TryReadFixHeader(MessagePackCode.MinFixArray, elementSize: 1, out int count) ? count : ReadCollectionHeader(isMap: false);

    /// <summary>
    /// Reads a map header (fixmap, map 16, map 32); read exactly twice that many values next: key, value, key, value…
    /// </summary>
    /// <returns>The number of key-value pairs.</returns>
    /// <exception cref="MessagePackFormatException">
    /// The next value is not a map, the input ended, or fewer bytes remain than the entries need (two each at least).
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadMapHeader() => TryReadFixHeader(MessagePackCode.MinFixMap, elementSize: 2, out int count) ? count : ReadCollectionHeader(isMap: true);

    /// <summary>Reads the header of an extension value (fixext 1..16, ext 8/16/32); read its payload next, for example with <see cref="ReadRawBytes"/>.</summary>
    /// <returns>The type code and payload length.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an extension, or the input ended.</exception>
    public ExtensionHeader ReadExtensionHeader()
    {
        int start = _position;
        var header = PeekExtensionHeader(start, "an ext", out int headerSize);
        Body(start, headerSize, header.Length, "an ext");
        _position = start + headerSize;
        return header;
    }

    /// <summary>Reads an extension value: its type code and payload.</summary>
    /// <returns>The extension; its data is a view into the input.</returns>
    /// <exception cref="MessagePackFormatException">The next value is not an extension, or the input ended.</exception>
    public MessagePackExtension ReadExtension()
    {
        int start = _position;
        var header = PeekExtensionHeader(start, "an ext", out int headerSize);
        var payload = Body(start, headerSize, header.Length, "an ext");
        _position = start + headerSize + header.Length;
        return new MessagePackExtension(header.TypeCode, payload);
    }

    /// <summary>Reads a timestamp extension value (type -1) in any of its forms: 32, 64 or 96 bit.</summary>
    /// <returns>The timestamp.</returns>
    /// <exception cref="MessagePackFormatException">
    /// The next value is not a timestamp, has a payload other than 4, 8 or 12 bytes, more than 999,999,999
    /// nanoseconds, or the input ended.
    /// </exception>
    public MessagePackTimestamp ReadTimestamp()
    {
        const string Expected = "a timestamp (ext type -1)";
        int start = _position;
        var header = PeekExtensionHeader(start, Expected, out int headerSize);
        if (header.TypeCode != MessagePackCode.TimestampExtensionType)
        {
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {Expected} at offset {start} but found 0x{_buffer[start]:x2} ({MessagePackCode.Describe(_buffer[start])}) of ext type {header.TypeCode}."),
                start);
        }

        var payload = Body(start, headerSize, header.Length, Expected);
        long seconds;
        ulong nanoseconds;
        switch (payload.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(payload);
                nanoseconds = 0;
                break;
            case 8:
                ulong packed = BinaryPrimitives.ReadUInt64BigEndian(payload);
                seconds = (long)(packed & 0x3_ffff_ffffUL);
                nanoseconds = packed >> 34;
                break;
            case 12:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(payload);
                seconds = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
                break;
            default:
                throw new MessagePackFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"Expected {Expected} with a 4, 8 or 12 byte payload at offset {start} but found 0x{_buffer[start]:x2} ({MessagePackCode.Describe(_buffer[start])}) with {payload.Length} bytes."),
                    start);
        }

        if (nanoseconds > 999_999_999)
        {
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {Expected} with at most 999999999 nanoseconds at offset {start} but found 0x{_buffer[start]:x2} ({MessagePackCode.Describe(_buffer[start])}) with {nanoseconds} nanoseconds."),
                start);
        }

        _position = start + headerSize + payload.Length;
        return new MessagePackTimestamp(seconds, (uint)nanoseconds);
    }

    /// <summary>Reads a timestamp extension value as a UTC <see cref="DateTime"/> (nanoseconds below 100 ns are truncated).</summary>
    /// <returns>The date and time, of kind <see cref="DateTimeKind.Utc"/>.</returns>
    /// <exception cref="MessagePackFormatException">
    /// The next value is not a timestamp, is outside the range of <see cref="DateTime"/>, or the input ended.
    /// </exception>
    public DateTime ReadDateTime()
    {
        int start = _position;
        var timestamp = ReadTimestamp();
        if (!timestamp.TryToDateTime(out var result))
        {
            _position = start;
            throw new MessagePackFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Expected a timestamp within the range of DateTime (years 1 to 9999) at offset {start} but found {timestamp.Seconds} seconds since 1970."),
                start);
        }

        return result;
    }

    /// <summary>
    /// Skips the next value, whatever it is: a scalar, a str, bin or ext with its payload, or an array or map with
    /// everything nested in it. Used to pass over fields a reader does not know.
    /// </summary>
    /// <exception cref="MessagePackFormatException">The value is truncated or malformed.</exception>
    public void Skip()
    {
        // Iterative, so hostile nesting cannot overflow the stack: `pending` counts values still to skip. Each
        // container is checked against the bytes left (one per value at least), which also bounds `pending`.
        int position = _position;
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            if (position >= _buffer.Length)
            {
                throw EndOfInput("a value", position);
            }

            byte code = _buffer[position];
            long headerSize;
            long payload = 0;
            long children = 0;
            switch (code)
            {
                case <= MessagePackCode.MaxPositiveFixInt or >= MessagePackCode.MinNegativeFixInt or MessagePackCode.Nil or MessagePackCode.False or MessagePackCode.True:
                    headerSize = 1;
                    break;
                case <= MessagePackCode.MaxFixMap:
                    headerSize = 1;
                    children = 2L * (code & 0x0f);
                    break;
                case <= MessagePackCode.MaxFixArray:
                    headerSize = 1;
                    children = code & 0x0f;
                    break;
                case <= MessagePackCode.MaxFixStr:
                    headerSize = 1;
                    payload = code & 0x1f;
                    break;
                case MessagePackCode.NeverUsed:
                    throw Unexpected("a value", position);
                case MessagePackCode.Bin8 or MessagePackCode.Str8:
                    headerSize = 2;
                    payload = Body(position, 1, 1, "a value")[0];
                    break;
                case MessagePackCode.Bin16 or MessagePackCode.Str16:
                    headerSize = 3;
                    payload = BinaryPrimitives.ReadUInt16BigEndian(Body(position, 1, 2, "a value"));
                    break;
                case MessagePackCode.Bin32 or MessagePackCode.Str32:
                    headerSize = 5;
                    payload = BinaryPrimitives.ReadUInt32BigEndian(Body(position, 1, 4, "a value"));
                    break;
                case MessagePackCode.Ext8 or MessagePackCode.Ext16 or MessagePackCode.Ext32
                    or (>= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16):
                    var ext = PeekExtensionHeader(position, "a value", out int extHeaderSize);
                    headerSize = extHeaderSize;
                    payload = ext.Length;
                    break;
                case MessagePackCode.Float32:
                    headerSize = 5;
                    break;
                case MessagePackCode.Float64:
                    headerSize = 9;
                    break;
                case MessagePackCode.UInt8 or MessagePackCode.Int8:
                    headerSize = 2;
                    break;
                case MessagePackCode.UInt16 or MessagePackCode.Int16:
                    headerSize = 3;
                    break;
                case MessagePackCode.UInt32 or MessagePackCode.Int32:
                    headerSize = 5;
                    break;
                case MessagePackCode.UInt64 or MessagePackCode.Int64:
                    headerSize = 9;
                    break;
                case MessagePackCode.Array16:
                    headerSize = 3;
                    children = BinaryPrimitives.ReadUInt16BigEndian(Body(position, 1, 2, "a value"));
                    break;
                case MessagePackCode.Array32:
                    headerSize = 5;
                    children = BinaryPrimitives.ReadUInt32BigEndian(Body(position, 1, 4, "a value"));
                    break;
                case MessagePackCode.Map16:
                    headerSize = 3;
                    children = 2L * BinaryPrimitives.ReadUInt16BigEndian(Body(position, 1, 2, "a value"));
                    break;
                default: // Map32
                    headerSize = 5;
                    children = 2L * BinaryPrimitives.ReadUInt32BigEndian(Body(position, 1, 4, "a value"));
                    break;
            }

            long end = position + headerSize + payload;
            if (end > _buffer.Length)
            {
                throw Truncated("a value", position, headerSize + payload);
            }

            if (children > 0)
            {
                long remaining = _buffer.Length - end;
                if (children + pending > remaining)
                {
                    throw TooFewBytesForElements("a value", position, children, remaining);
                }

                pending += children;
            }

            position = (int)end;
        }

        _position = position;
    }

    /// <summary>Reads the next value whole, as its encoded bytes (for example to keep a field this version does not know).</summary>
    /// <returns>The encoded value: a view into the input.</returns>
    /// <exception cref="MessagePackFormatException">The value is truncated or malformed.</exception>
    public ReadOnlySpan<byte> ReadRaw()
    {
        int start = _position;
        Skip();
        return _buffer[start.._position];
    }

    /// <summary>Reads the next <paramref name="length"/> bytes as they are (for example an extension payload after <see cref="ReadExtensionHeader"/>).</summary>
    /// <param name="length">How many bytes.</param>
    /// <returns>The bytes: a view into the input.</returns>
    /// <exception cref="MessagePackFormatException">Fewer bytes remain.</exception>
    public ReadOnlySpan<byte> ReadRawBytes(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = Body(_position, 0, length, "raw bytes");
        _position += length;
        return bytes;
    }

    /// <summary>Reads a positive fixint (0..127), the common case of ids and small numbers, if the next value is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadPositiveFixInt(out byte value)
    {
        int position = _position;
        var buffer = _buffer;
        if ((uint)position < (uint)buffer.Length && buffer[position] <= MessagePackCode.MaxPositiveFixInt)
        {
            value = buffer[position];
            _position = position + 1;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>
    /// Reads a fixmap or fixarray header (the code range starting at <paramref name="minCode"/>) if the next value is
    /// one and enough bytes remain for its entries (<paramref name="elementSize"/> values each, one byte at least);
    /// otherwise reads nothing, leaving the other formats and the errors to <see cref="ReadCollectionHeader"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadFixHeader(byte minCode, int elementSize, out int count)
    {
        int position = _position;
        var buffer = _buffer;
        if ((uint)position < (uint)buffer.Length)
        {
            count = buffer[position] - minCode;
            if ((uint)count <= 15 && count * elementSize < buffer.Length - position)
            {
                _position = position + 1;
                return true;
            }
        }

        count = 0;
        return false;
    }

    private readonly byte PeekCode(string expected)
    {
        if (_position >= _buffer.Length)
        {
            throw EndOfInput(expected, _position);
        }

        return _buffer[_position];
    }

    /// <summary>The <paramref name="length"/> bytes at <paramref name="start"/> + <paramref name="skip"/>, or a truncation error naming the value at <paramref name="start"/>.</summary>
    private readonly ReadOnlySpan<byte> Body(int start, int skip, long length, string expected)
    {
        if (length > _buffer.Length - (long)start - skip)
        {
            throw Truncated(expected, start, skip + length);
        }

        return _buffer.Slice(start + skip, (int)length);
    }

    /// <summary>Reads any integer format; returns true with the two's complement bits when negative, false with the unsigned value otherwise.</summary>
    private bool ReadIntegerCore(string expected, out ulong bits)
    {
        int start = _position;
        byte code = PeekCode(expected);
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            _position++;
            bits = code;
            return false;
        }

        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            _position++;
            bits = (ulong)(long)(sbyte)code;
            return true;
        }

        long signed;
        switch (code)
        {
            case MessagePackCode.UInt8:
                bits = Body(start, 1, 1, expected)[0];
                _position += 2;
                return false;
            case MessagePackCode.UInt16:
                bits = BinaryPrimitives.ReadUInt16BigEndian(Body(start, 1, 2, expected));
                _position += 3;
                return false;
            case MessagePackCode.UInt32:
                bits = BinaryPrimitives.ReadUInt32BigEndian(Body(start, 1, 4, expected));
                _position += 5;
                return false;
            case MessagePackCode.UInt64:
                bits = BinaryPrimitives.ReadUInt64BigEndian(Body(start, 1, 8, expected));
                _position += 9;
                return false;
            case MessagePackCode.Int8:
                signed = (sbyte)Body(start, 1, 1, expected)[0];
                _position += 2;
                break;
            case MessagePackCode.Int16:
                signed = BinaryPrimitives.ReadInt16BigEndian(Body(start, 1, 2, expected));
                _position += 3;
                break;
            case MessagePackCode.Int32:
                signed = BinaryPrimitives.ReadInt32BigEndian(Body(start, 1, 4, expected));
                _position += 5;
                break;
            case MessagePackCode.Int64:
                signed = BinaryPrimitives.ReadInt64BigEndian(Body(start, 1, 8, expected));
                _position += 9;
                break;
            default:
                throw Unexpected(expected, start);
        }

        bits = (ulong)signed;
        return signed < 0;
    }

    private long ReadSignedInRange(long min, long max, string expected)
    {
        int start = _position;
        bool negative = ReadIntegerCore(expected, out ulong bits);
        if (negative ? (long)bits < min : bits > (ulong)max)
        {
            _position = start;
            throw DoesNotFit(expected, start, negative ? ((long)bits).ToString(CultureInfo.InvariantCulture) : bits.ToString(CultureInfo.InvariantCulture));
        }

        return (long)bits;
    }

    private ulong ReadUnsignedInRange(ulong max, string expected)
    {
        int start = _position;
        bool negative = ReadIntegerCore(expected, out ulong bits);
        if (negative || bits > max)
        {
            _position = start;
            throw DoesNotFit(expected, start, negative ? ((long)bits).ToString(CultureInfo.InvariantCulture) : bits.ToString(CultureInfo.InvariantCulture));
        }

        return bits;
    }

    private double ReadDouble(string expected)
    {
        int start = _position;
        byte code = PeekCode(expected);
        switch (code)
        {
            case MessagePackCode.Float64:
                {
                    var body = Body(start, 1, 8, expected);
                    _position += 9;
                    return BinaryPrimitives.ReadDoubleBigEndian(body);
                }

            case MessagePackCode.Float32:
                {
                    var body = Body(start, 1, 4, expected);
                    _position += 5;
                    return BinaryPrimitives.ReadSingleBigEndian(body);
                }

            default:
                if (MessagePackCode.TypeOf(code) != MessagePackType.Integer)
                {
                    throw Unexpected(expected, start);
                }

                bool negative = ReadIntegerCore(expected, out ulong bits);
                return negative ? (long)bits : (double)bits;
        }
    }

    private int ReadCollectionHeader(bool isMap)
    {
        string expected = isMap ? "a map" : "an array";
        int start = _position;
        byte code = PeekCode(expected);
        int headerSize;
        long count;
        switch (code)
        {
            case >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap when isMap:
            case >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray when !isMap:
                headerSize = 1;
                count = code & 0x0f;
                break;
            case MessagePackCode.Map16 when isMap:
            case MessagePackCode.Array16 when !isMap:
                headerSize = 3;
                count = BinaryPrimitives.ReadUInt16BigEndian(Body(start, 1, 2, expected));
                break;
            case MessagePackCode.Map32 when isMap:
            case MessagePackCode.Array32 when !isMap:
                headerSize = 5;
                count = BinaryPrimitives.ReadUInt32BigEndian(Body(start, 1, 4, expected));
                break;
            default:
                throw Unexpected(expected, start);
        }

        long minimumBytes = isMap ? 2 * count : count;
        long remaining = _buffer.Length - (long)start - headerSize;
        if (minimumBytes > remaining)
        {
            throw TooFewBytesForElements(expected, start, minimumBytes, remaining);
        }

        _position = start + headerSize;
        return (int)count;
    }

    private readonly ExtensionHeader PeekExtensionHeader(int start, string expected, out int headerSize)
    {
        if (start >= _buffer.Length)
        {
            throw EndOfInput(expected, start);
        }

        byte code = _buffer[start];
        long length;
        switch (code)
        {
            case >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16:
                headerSize = 2;
                length = 1 << (code - MessagePackCode.FixExt1);
                break;
            case MessagePackCode.Ext8:
                headerSize = 3;
                length = Body(start, 1, 1, expected)[0];
                break;
            case MessagePackCode.Ext16:
                headerSize = 4;
                length = BinaryPrimitives.ReadUInt16BigEndian(Body(start, 1, 2, expected));
                break;
            case MessagePackCode.Ext32:
                headerSize = 6;
                length = BinaryPrimitives.ReadUInt32BigEndian(Body(start, 1, 4, expected));
                break;
            default:
                throw Unexpected(expected, start);
        }

        sbyte typeCode = (sbyte)Body(start, headerSize - 1, 1, expected)[0];
        if (length > int.MaxValue)
        {
            throw Truncated(expected, start, headerSize + length);
        }

        return new ExtensionHeader(typeCode, (int)length);
    }

    private readonly MessagePackFormatException Unexpected(string expected, int offset)
    {
        if (offset >= _buffer.Length)
        {
            return EndOfInput(expected, offset);
        }

        byte code = _buffer[offset];
        return new MessagePackFormatException(
            string.Create(CultureInfo.InvariantCulture, $"Expected {expected} at offset {offset} but found 0x{code:x2} ({MessagePackCode.Describe(code)})."),
            offset);
    }

    private readonly MessagePackFormatException EndOfInput(string expected, int offset) => new(
        string.Create(CultureInfo.InvariantCulture, $"Expected {expected} at offset {offset} but found the end of the input ({_buffer.Length} bytes)."),
        offset);

    private readonly MessagePackFormatException Truncated(string expected, int offset, long needed)
    {
        if (offset >= _buffer.Length)
        {
            return EndOfInput(expected, offset);
        }

        byte code = _buffer[offset];
        return new MessagePackFormatException(
            string.Create(CultureInfo.InvariantCulture, $"Expected {expected} at offset {offset} but found 0x{code:x2} ({MessagePackCode.Describe(code)}) truncated: it needs {needed} bytes, only {_buffer.Length - offset} remain."),
            offset);
    }

    private readonly MessagePackFormatException TooFewBytesForElements(string expected, int offset, long needed, long remaining)
    {
        byte code = _buffer[offset];
        return new MessagePackFormatException(
            string.Create(CultureInfo.InvariantCulture, $"Expected {expected} at offset {offset} but found 0x{code:x2} ({MessagePackCode.Describe(code)}) truncated: its elements need at least {needed} more bytes, only {remaining} remain."),
            offset);
    }

    private readonly MessagePackFormatException DoesNotFit(string expected, int offset, string value)
    {
        byte code = _buffer[offset];
        return new MessagePackFormatException(
            string.Create(CultureInfo.InvariantCulture, $"Expected {expected} at offset {offset} but found 0x{code:x2} ({MessagePackCode.Describe(code)}) holding {value}, which does not fit."),
            offset);
    }
}
