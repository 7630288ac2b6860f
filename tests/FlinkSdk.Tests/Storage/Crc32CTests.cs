using System.Text;
using FlinkSdk.Storage;

namespace FlinkSdk.Tests.Storage;

public class Crc32CTests
{
    public static TheoryData<string, uint> Vectors => new()
    {
        { string.Empty, 0x00000000u },
        { "a", 0xC1D04330u },
        { "123456789", 0xE3069283u },
        { "The quick brown fox jumps over the lazy dog", 0x22620404u },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void KnownTextVectors(string text, uint expected)
    {
        byte[] data = Encoding.ASCII.GetBytes(text);
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.ComputeSoftware(data));
    }

    [Fact]
    public void Rfc3720Vectors()
    {
        // RFC 3720 (iSCSI) appendix B.4.
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0x113FDB5Cu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));
        Assert.Equal(0x8A9136AAu, Crc32C.ComputeSoftware(new byte[32]));
        Assert.Equal(0x113FDB5Cu, Crc32C.ComputeSoftware(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));
    }

    [Fact]
    public void HardwareAndSoftwareAgreeOnEveryLengthAndAlignment()
    {
        var data = StorageTestSupport.Bytes(1031, seed: 7);
        for (int start = 0; start < 9; start++)
        {
            for (int length = 0; length + start <= data.Length; length += length < 40 ? 1 : 37)
            {
                var span = data.AsSpan(start, length);
                uint software = Crc32C.ComputeSoftware(span);
                Assert.Equal(software, Crc32C.Compute(span));
                if (Crc32C.IsHardwareAccelerated)
                {
                    Assert.Equal(software, Crc32C.ComputeHardware(span));
                }
            }
        }
    }

    [Fact]
    public void AppendContinuesAChecksum()
    {
        var data = StorageTestSupport.Bytes(500, seed: 3);
        for (int split = 0; split <= data.Length; split += 13)
        {
            Assert.Equal(Crc32C.Compute(data), Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }

    [Fact]
    public void DetectsASingleBitFlip()
    {
        var data = StorageTestSupport.Bytes(4096, seed: 5);
        uint original = Crc32C.Compute(data);
        data[1234] ^= 0x10;
        Assert.NotEqual(original, Crc32C.Compute(data));
    }
}
