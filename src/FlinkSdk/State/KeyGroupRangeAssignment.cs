using System.Numerics;

namespace FlinkSdk.State;

/// <summary>
/// Flink's key-group arithmetic (<c>KeyGroupRangeAssignment</c>): key → key group by a murmur hash of the key's
/// stable hash code, key group → subtask, and each subtask's contiguous range of key groups.
/// </summary>
public static class KeyGroupRangeAssignment
{
    /// <summary>The smallest default maximum parallelism (128).</summary>
    public const int DefaultLowerBoundMaxParallelism = 1 << 7;

    /// <summary>The largest maximum parallelism (32768).</summary>
    public const int UpperBoundMaxParallelism = 1 << 15;

    /// <summary>Flink's default maximum parallelism for an operator: 1.5 × parallelism rounded up to a power of two, within 128..32768.</summary>
    /// <param name="parallelism">The operator's parallelism.</param>
    /// <returns>The maximum parallelism.</returns>
    public static int ComputeDefaultMaxParallelism(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        long target = parallelism + (parallelism / 2);
        long power = 1;
        while (power < target)
        {
            power <<= 1;
        }

        return (int)Math.Min(Math.Max(power, DefaultLowerBoundMaxParallelism), UpperBoundMaxParallelism);
    }

    /// <summary>The key group of a key whose stable hash code is <paramref name="keyHash"/>.</summary>
    /// <param name="keyHash">The key's stable hash code (<see cref="StableKeyHash"/>).</param>
    /// <param name="maxParallelism">The number of key groups.</param>
    /// <returns>The key group, in <c>[0, maxParallelism)</c>.</returns>
    public static int ComputeKeyGroupForKeyHash(int keyHash, int maxParallelism) => Murmur(keyHash) % maxParallelism;

    /// <summary>The subtask that owns <paramref name="keyGroup"/>.</summary>
    /// <param name="keyGroup">The key group.</param>
    /// <param name="maxParallelism">The number of key groups.</param>
    /// <param name="parallelism">The operator's parallelism.</param>
    /// <returns>The subtask index.</returns>
    public static int ComputeOperatorIndexForKeyGroup(int keyGroup, int maxParallelism, int parallelism) =>
        (int)((long)keyGroup * parallelism / maxParallelism);

    /// <summary>The key groups of subtask <paramref name="subtaskIndex"/>, inclusive on both ends.</summary>
    /// <param name="maxParallelism">The number of key groups.</param>
    /// <param name="parallelism">The operator's parallelism.</param>
    /// <param name="subtaskIndex">The subtask.</param>
    /// <returns>The first and last key group.</returns>
    public static (int Start, int End) ComputeKeyGroupRange(int maxParallelism, int parallelism, int subtaskIndex)
    {
        if (parallelism <= 0 || parallelism > UpperBoundMaxParallelism)
        {
            throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "Operator parallelism not within bounds: " + parallelism);
        }

        if (maxParallelism < parallelism)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "Maximum parallelism must not be smaller than parallelism.");
        }

        int start = (int)((((long)subtaskIndex * maxParallelism) + parallelism - 1) / parallelism);
        int end = (int)(((((long)subtaskIndex + 1) * maxParallelism) - 1) / parallelism);
        return (start, end);
    }

    // Flink's MathUtils.murmurHash, with Java int overflow semantics.
    internal static int Murmur(int code)
    {
        unchecked
        {
            uint c = (uint)code;
            c *= 0xcc9e2d51;
            c = BitOperations.RotateLeft(c, 15);
            c *= 0x1b873593;
            c = BitOperations.RotateLeft(c, 13);
            c = (c * 5) + 0xe6546b64;
            c ^= 4;
            c ^= c >> 16;
            c *= 0x85ebca6b;
            c ^= c >> 13;
            c *= 0xc2b2ae35;
            c ^= c >> 16;
            int result = (int)c;
            return result >= 0 ? result : result != int.MinValue ? -result : 0;
        }
    }
}
