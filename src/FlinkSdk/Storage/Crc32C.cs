using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FlinkSdk.Storage;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial <c>0x82F63B78</c>, initial value and final XOR <c>0xFFFFFFFF</c>), the
/// checksum of every checkpoint file. Uses the SSE 4.2 <c>crc32</c> instruction on x86/x64 and the ARMv8 CRC32
/// instructions on Arm64 when available, and a slicing-by-8 table otherwise; all paths give identical results.
/// </summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;

    // Tables[k][b] is the CRC of byte b followed by k zero bytes (slicing-by-8).
    private static readonly uint[] Tables = BuildTables();

    /// <summary>Computes the CRC-32C of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to checksum.</param>
    /// <returns>The checksum; <c>Compute("123456789"u8) == 0xE3069283</c>.</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC-32C over more data: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    /// <param name="crc">The checksum of the data so far (0 for none).</param>
    /// <param name="data">The next bytes.</param>
    /// <returns>The checksum of all data.</returns>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint state = ~crc;
        state = IsHardwareAccelerated ? UpdateHardware(state, data) : UpdateSoftware(state, data);
        return ~state;
    }

    /// <summary>Whether this process computes CRC-32C with CPU instructions (SSE 4.2 or ARMv8 CRC32).</summary>
    public static bool IsHardwareAccelerated => Sse42.IsSupported || Crc32.IsSupported;

    /// <summary>The table-driven path only (tests compare it with the hardware path).</summary>
    internal static uint ComputeSoftware(ReadOnlySpan<byte> data) => ~UpdateSoftware(~0u, data);

    /// <summary>The hardware path only; callers check <see cref="IsHardwareAccelerated"/> first.</summary>
    internal static uint ComputeHardware(ReadOnlySpan<byte> data) => ~UpdateHardware(~0u, data);

    private static uint UpdateHardware(uint state, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            ulong s = state;
            while (data.Length >= 8)
            {
                s = Sse42.X64.Crc32(s, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }

            state = (uint)s;
        }
        else if (Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
        }

        if (Sse42.IsSupported)
        {
            while (data.Length >= 4)
            {
                state = Sse42.Crc32(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
                data = data[4..];
            }

            foreach (byte b in data)
            {
                state = Sse42.Crc32(state, b);
            }

            return state;
        }

        if (Crc32.IsSupported)
        {
            while (data.Length >= 4)
            {
                state = Crc32.ComputeCrc32C(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
                data = data[4..];
            }

            foreach (byte b in data)
            {
                state = Crc32.ComputeCrc32C(state, b);
            }

            return state;
        }

        return UpdateSoftware(state, data);
    }

    private static uint UpdateSoftware(uint state, ReadOnlySpan<byte> data)
    {
        uint[] t = Tables;
        while (data.Length >= 8)
        {
            uint lo = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ state;
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            state = t[(7 * 256) + (lo & 0xFF)] ^ t[(6 * 256) + ((lo >> 8) & 0xFF)] ^
                    t[(5 * 256) + ((lo >> 16) & 0xFF)] ^ t[(4 * 256) + (lo >> 24)] ^
                    t[(3 * 256) + (hi & 0xFF)] ^ t[(2 * 256) + ((hi >> 8) & 0xFF)] ^
                    t[256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
            data = data[8..];
        }

        foreach (byte b in data)
        {
            state = Step(t, state, b);
        }

        return state;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step(uint[] t, uint state, byte b) => t[(state ^ b) & 0xFF] ^ (state >> 8);

    private static uint[] BuildTables()
    {
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }

            t[i] = c;
        }

        for (int k = 1; k < 8; k++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint prev = t[((k - 1) * 256) + i];
                t[(k * 256) + i] = t[prev & 0xFF] ^ (prev >> 8);
            }
        }

        return t;
    }
}
