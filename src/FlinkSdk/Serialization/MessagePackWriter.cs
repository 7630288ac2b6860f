using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace FlinkSdk.Serialization;

/// <summary>
/// Writes MessagePack (https://github.com/msgpack/msgpack/blob/master/spec.md) to an <see cref="IBufferWriter{T}"/>.
/// Every integer is written in the smallest format that holds it (non-negative values in positive fixint or
/// uint 8..64, negative ones in negative fixint or int 8..64), <see cref="float"/> as float 32 and
/// <see cref="double"/> as float 64, strings as UTF-8 in the smallest of fixstr/str 8/str 16/str 32, and headers in
/// the smallest of their fix/16/32 forms.
/// </summary>
/// <remarks>
/// The writer asks the output for a large span once and fills it value by value, so writing a small value costs a
/// few stores rather than two interface calls; the bytes reach the output in blocks and at <see cref="Flush"/>.
/// Call <see cref="Flush"/> when done (as with <c>Utf8JsonWriter</c>): bytes written since the last block are not in
/// the output before that. No call allocates: reusing the buffer writer (for example
/// <see cref="ArrayBufferWriter{T}.ResetWrittenCount"/>) makes serialization allocation-free. Pass the writer by
/// <see langword="ref"/>; a copy would buffer separately.
/// </remarks>
public ref struct MessagePackWriter
{
    private const int ShortStringMaxChars = 65535 / 3;
    private const int MaxFixStrLength = 31;

    // Asked of the output per block: large enough that the interface calls vanish in the per-value cost.
    private const int BlockSize = 4096;
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _block;
    private int _buffered;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    /// <param name="output">Where the bytes go.</param>
    public MessagePackWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Commits every byte written so far to the output; call it once the value is complete.</summary>
    public void Flush()
    {
        if (_buffered > 0)
        {
            _output.Advance(_buffered);
            _buffered = 0;
        }

        // The output may move its memory once advanced: never write into the old block again.
        _block = default;
    }

    /// <summary>Writes <c>nil</c> (<c>0xc0</c>).</summary>
    public void WriteNil() => WriteCode(MessagePackCode.Nil);

    /// <summary>Writes <c>true</c> (<c>0xc3</c>) or <c>false</c> (<c>0xc2</c>).</summary>
    /// <param name="value">The value.</param>
    public void Write(bool value) => WriteCode(value ? MessagePackCode.True : MessagePackCode.False);

    /// <summary>Writes an integer in the smallest format: positive fixint or uint 8.</summary>
    /// <param name="value">The value.</param>
    public void Write(byte value) => Write((ulong)value);

    /// <summary>Writes an integer in the smallest format.</summary>
    /// <param name="value">The value.</param>
    public void Write(sbyte value) => Write((long)value);

    /// <summary>Writes an integer in the smallest format.</summary>
    /// <param name="value">The value.</param>
    public void Write(short value) => Write((long)value);

    /// <summary>Writes an integer in the smallest format.</summary>
    /// <param name="value">The value.</param>
    public void Write(ushort value) => Write((ulong)value);

    /// <summary>Writes a UTF-16 code unit as an unsigned integer in the smallest format.</summary>
    /// <param name="value">The value.</param>
    public void Write(char value) => Write((ulong)value);

    /// <summary>Writes an integer in the smallest format.</summary>
    /// <param name="value">The value.</param>
    public void Write(int value) => Write((long)value);

    /// <summary>Writes an integer in the smallest format.</summary>
    /// <param name="value">The value.</param>
    public void Write(uint value) => Write((ulong)value);

    /// <summary>
    /// Writes an integer in the smallest format: non-negative values as positive fixint, uint 8, 16, 32 or 64;
    /// negative ones as negative fixint (-32..-1), int 8, 16, 32 or 64.
    /// </summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(long value)
    {
        // Positive fixint (ids, small counts) inline at the call site; every other size out of line.
        if ((ulong)value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteCode((byte)value);
        }
        else if (value > 0)
        {
            WriteUnsignedAboveFixInt((ulong)value);
        }
        else
        {
            WriteNegative(value);
        }
    }

    /// <summary>Writes an integer in the smallest format: positive fixint, uint 8, 16, 32 or 64.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteCode((byte)value);
        }
        else
        {
            WriteUnsignedAboveFixInt(value);
        }
    }

    private void WriteNegative(long value)
    {
        Span<byte> span;
        if (value >= -32)
        {
            WriteCode(unchecked((byte)value));
        }
        else if (value >= sbyte.MinValue)
        {
            span = GetSpan(2);
            span[0] = MessagePackCode.Int8;
            span[1] = unchecked((byte)value);
            Advance(2);
        }
        else if (value >= short.MinValue)
        {
            span = GetSpan(3);
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            Advance(3);
        }
        else if (value >= int.MinValue)
        {
            span = GetSpan(5);
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            Advance(5);
        }
        else
        {
            span = GetSpan(9);
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            Advance(9);
        }
    }

    private void WriteUnsignedAboveFixInt(ulong value)
    {
        Span<byte> span;
        if (value <= byte.MaxValue)
        {
            span = GetSpan(2);
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
            Advance(2);
        }
        else if (value <= ushort.MaxValue)
        {
            span = GetSpan(3);
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            Advance(3);
        }
        else if (value <= uint.MaxValue)
        {
            span = GetSpan(5);
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            Advance(5);
        }
        else
        {
            span = GetSpan(9);
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            Advance(9);
        }
    }

    /// <summary>Writes a float 32 (<c>0xca</c>).</summary>
    /// <param name="value">The value.</param>
    public void Write(float value)
    {
        var span = GetSpan(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
        Advance(5);
    }

    /// <summary>Writes a float 64 (<c>0xcb</c>).</summary>
    /// <param name="value">The value.</param>
    public void Write(double value)
    {
        var span = GetSpan(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        Advance(9);
    }

    /// <summary>Writes a string as UTF-8 str, or <c>nil</c> when it is <see langword="null"/>.</summary>
    /// <param name="value">The string.</param>
    /// <exception cref="ArgumentException">The string holds an unpaired surrogate, which UTF-8 cannot encode.</exception>
    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNil();
        }
        else
        {
            WriteString(value.AsSpan());
        }
    }

    /// <summary>
    /// Writes text as a UTF-8 str (fixstr, str 8, str 16 or str 32, whichever is smallest), encoding straight into
    /// the output without an intermediate buffer.
    /// </summary>
    /// <param name="value">The text.</param>
    /// <exception cref="ArgumentException">The text holds an unpaired surrogate, which UTF-8 cannot encode.</exception>
    public void WriteString(scoped ReadOnlySpan<char> value)
    {
        // Short ASCII text (names, keys) is one byte per char after a fixstr header; on other text the narrowing
        // stops early, its partial output lies beyond what is buffered, and the general path below overwrites it.
        if (value.Length <= MaxFixStrLength && value.Length < _block.Length - _buffered
            && Ascii.FromUtf16(value, _block[(_buffered + 1)..], out _) == OperationStatus.Done)
        {
            _block[_buffered] = (byte)(MessagePackCode.MinFixStr | value.Length);
            _buffered += 1 + value.Length;
            return;
        }

        // Valid UTF-16 needs at most 3 UTF-8 bytes per char (a surrogate pair: 4 bytes for 2 chars). Short text is
        // encoded after a header sized for that bound and moved back if the real length needs a smaller header;
        // long text is measured first so the buffer request stays exact.
        int maxBytes = value.Length <= ShortStringMaxChars ? value.Length * 3 : System.Text.Encoding.UTF8.GetByteCount(value);
        int reservedHeader = StringHeaderSize(maxBytes);
        var span = GetSpan(reservedHeader + maxBytes);
        var status = Utf8.FromUtf16(value, span[reservedHeader..], out int charsRead, out int byteCount, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The string holds an unpaired surrogate at index {charsRead}; MessagePack str must be valid UTF-8."),
                nameof(value));
        }

        int header = StringHeaderSize(byteCount);
        if (header != reservedHeader)
        {
            span.Slice(reservedHeader, byteCount).CopyTo(span[header..]);
        }

        WriteStringHeader(span, byteCount);
        Advance(header + byteCount);
    }

    /// <summary>Writes already UTF-8 encoded text as a str (the bytes are not validated).</summary>
    /// <param name="utf8">The UTF-8 bytes.</param>
    public void WriteUtf8String(scoped ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    /// <summary>
    /// Writes only the header of a str of <paramref name="byteCount"/> UTF-8 bytes; write exactly that many bytes next
    /// with <see cref="WriteRaw"/>.
    /// </summary>
    /// <param name="byteCount">The length of the UTF-8 text in bytes.</param>
    public void WriteStringHeader(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        int size = StringHeaderSize(byteCount);
        WriteStringHeader(GetSpan(size), byteCount);
        Advance(size);
    }

    /// <summary>Writes bytes as bin 8, bin 16 or bin 32, whichever is smallest (an empty span is an empty bin, not nil).</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBinary(scoped ReadOnlySpan<byte> value)
    {
        WriteBinaryHeader(value.Length);
        WriteRaw(value);
    }

    /// <summary>
    /// Writes only the header of a bin of <paramref name="length"/> bytes; write exactly that many bytes next with
    /// <see cref="WriteRaw"/>.
    /// </summary>
    /// <param name="length">The number of bytes.</param>
    public void WriteBinaryHeader(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= byte.MaxValue)
        {
            var span = GetSpan(2);
            span[0] = MessagePackCode.Bin8;
            span[1] = (byte)length;
            Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            WriteCodeAndUInt16(MessagePackCode.Bin16, (ushort)length);
        }
        else
        {
            WriteCodeAndUInt32(MessagePackCode.Bin32, (uint)length);
        }
    }

    /// <summary>
    /// Writes the header of an array of <paramref name="count"/> elements (fixarray, array 16 or array 32); write
    /// exactly that many values next.
    /// </summary>
    /// <param name="count">The number of elements.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteArrayHeader(int count)
    {
        if ((uint)count <= 15)
        {
            WriteCode((byte)(MessagePackCode.MinFixArray | count));
        }
        else
        {
            WriteLongArrayHeader(count);
        }
    }

    private void WriteLongArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= ushort.MaxValue)
        {
            WriteCodeAndUInt16(MessagePackCode.Array16, (ushort)count);
        }
        else
        {
            WriteCodeAndUInt32(MessagePackCode.Array32, (uint)count);
        }
    }

    /// <summary>
    /// Writes the header of a map of <paramref name="count"/> entries (fixmap, map 16 or map 32); write exactly
    /// that many key-value pairs (2 × <paramref name="count"/> values) next.
    /// </summary>
    /// <param name="count">The number of key-value pairs.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteMapHeader(int count)
    {
        if ((uint)count <= 15)
        {
            WriteCode((byte)(MessagePackCode.MinFixMap | count));
        }
        else
        {
            WriteLongMapHeader(count);
        }
    }

    private void WriteLongMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= ushort.MaxValue)
        {
            WriteCodeAndUInt16(MessagePackCode.Map16, (ushort)count);
        }
        else
        {
            WriteCodeAndUInt32(MessagePackCode.Map32, (uint)count);
        }
    }

    /// <summary>
    /// Writes the header of an extension value: fixext 1/2/4/8/16 when the length is one of those, otherwise the
    /// smallest of ext 8, ext 16, ext 32. Write exactly <paramref name="length"/> payload bytes next with
    /// <see cref="WriteRaw"/>.
    /// </summary>
    /// <param name="typeCode">The extension type: 0..127 for applications; negative types are reserved by the specification.</param>
    /// <param name="length">The payload length in bytes.</param>
    public void WriteExtensionHeader(sbyte typeCode, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Span<byte> span;
        byte fixCode = length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => 0,
        };
        if (fixCode != 0)
        {
            span = GetSpan(2);
            span[0] = fixCode;
            span[1] = unchecked((byte)typeCode);
            Advance(2);
        }
        else if (length <= byte.MaxValue)
        {
            span = GetSpan(3);
            span[0] = MessagePackCode.Ext8;
            span[1] = (byte)length;
            span[2] = unchecked((byte)typeCode);
            Advance(3);
        }
        else if (length <= ushort.MaxValue)
        {
            span = GetSpan(4);
            span[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            span[3] = unchecked((byte)typeCode);
            Advance(4);
        }
        else
        {
            span = GetSpan(6);
            span[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            span[5] = unchecked((byte)typeCode);
            Advance(6);
        }
    }

    /// <summary>Writes an extension value: its header (see <see cref="WriteExtensionHeader"/>) and payload.</summary>
    /// <param name="typeCode">The extension type: 0..127 for applications; negative types are reserved by the specification.</param>
    /// <param name="data">The payload.</param>
    public void WriteExtension(sbyte typeCode, scoped ReadOnlySpan<byte> data)
    {
        WriteExtensionHeader(typeCode, data.Length);
        WriteRaw(data);
    }

    /// <summary>
    /// Writes a timestamp extension value (type -1) in the smallest of its forms: timestamp 32 (fixext 4) for whole
    /// seconds in 0..2^32-1, timestamp 64 (fixext 8) for seconds in 0..2^34-1, timestamp 96 (ext 8, 12 bytes)
    /// otherwise, including every instant before 1970.
    /// </summary>
    /// <param name="value">The timestamp.</param>
    public void WriteTimestamp(MessagePackTimestamp value)
    {
        long seconds = value.Seconds;
        uint nanoseconds = value.Nanoseconds;
        Span<byte> span;
        if ((ulong)seconds >> 34 == 0)
        {
            if (nanoseconds == 0 && seconds <= uint.MaxValue)
            {
                span = GetSpan(6);
                span[0] = MessagePackCode.FixExt4;
                span[1] = unchecked((byte)MessagePackCode.TimestampExtensionType);
                BinaryPrimitives.WriteUInt32BigEndian(span[2..], (uint)seconds);
                Advance(6);
            }
            else
            {
                span = GetSpan(10);
                span[0] = MessagePackCode.FixExt8;
                span[1] = unchecked((byte)MessagePackCode.TimestampExtensionType);
                BinaryPrimitives.WriteUInt64BigEndian(span[2..], ((ulong)nanoseconds << 34) | (ulong)seconds);
                Advance(10);
            }
        }
        else
        {
            span = GetSpan(15);
            span[0] = MessagePackCode.Ext8;
            span[1] = 12;
            span[2] = unchecked((byte)MessagePackCode.TimestampExtensionType);
            BinaryPrimitives.WriteUInt32BigEndian(span[3..], nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(span[7..], seconds);
            Advance(15);
        }
    }

    /// <summary>
    /// Writes a <see cref="DateTime"/> as a timestamp extension value without loss (see
    /// <see cref="MessagePackTimestamp.FromDateTime"/>: local times are converted to UTC, unspecified ones taken as UTC).
    /// </summary>
    /// <param name="value">The date and time.</param>
    public void WriteTimestamp(DateTime value) => WriteTimestamp(MessagePackTimestamp.FromDateTime(value));

    /// <summary>Copies bytes to the output as they are: pre-encoded MessagePack, or the payload after a header.</summary>
    /// <param name="bytes">The bytes.</param>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (bytes.Length <= _block.Length - _buffered)
        {
            bytes.CopyTo(_block[_buffered..]);
            _buffered += bytes.Length;
            return;
        }

        // Large payloads go straight to the output rather than through a block.
        Flush();
        bytes.CopyTo(_output.GetSpan(bytes.Length));
        _output.Advance(bytes.Length);
    }

    /// <summary>The free part of the current block, at least <paramref name="size"/> bytes long.</summary>
    private Span<byte> GetSpan(int size)
    {
        if (_block.Length - _buffered < size)
        {
            NextBlock(size);
        }

        return _block[_buffered..];
    }

    private void Advance(int count) => _buffered += count;

    private void NextBlock(int size)
    {
        Flush();
        _block = _output.GetSpan(Math.Max(size, BlockSize));
        if (_block.Length < size)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The output returned {_block.Length} bytes where at least {size} were requested."));
        }
    }

    private static int StringHeaderSize(int byteCount) => byteCount switch
    {
        <= 31 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        _ => 5,
    };

    private static void WriteStringHeader(Span<byte> span, int byteCount)
    {
        if (byteCount <= 31)
        {
            span[0] = (byte)(MessagePackCode.MinFixStr | byteCount);
        }
        else if (byteCount <= byte.MaxValue)
        {
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)byteCount;
        }
        else if (byteCount <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.Str16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)byteCount);
        }
        else
        {
            span[0] = MessagePackCode.Str32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)byteCount);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteCode(byte code)
    {
        // Locals, so the JIT sees the index is in range and the store needs no second bounds check.
        var block = _block;
        int buffered = _buffered;
        if ((uint)buffered < (uint)block.Length)
        {
            block[buffered] = code;
            _buffered = buffered + 1;
        }
        else
        {
            WriteCodeInNextBlock(code);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteCodeInNextBlock(byte code)
    {
        GetSpan(1)[0] = code;
        Advance(1);
    }

    private void WriteCodeAndUInt16(byte code, ushort value)
    {
        var span = GetSpan(3);
        span[0] = code;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], value);
        Advance(3);
    }

    private void WriteCodeAndUInt32(byte code, uint value)
    {
        var span = GetSpan(5);
        span[0] = code;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], value);
        Advance(5);
    }
}
