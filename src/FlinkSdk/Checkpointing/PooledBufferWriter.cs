using System.Buffers;

namespace FlinkSdk.Checkpointing;

/// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from the shared pool, reused across checkpoints, so serializing state does not allocate large buffers each time.</summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Clear() => _written = 0;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Ensure(int sizeHint)
    {
        if (_buffer.Length - _written >= Math.Max(sizeHint, 1))
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + sizeHint));
        _buffer.AsSpan(0, _written).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}

/// <summary>Rents arrays for the synchronous-phase copies of state and gives them back after serialization.</summary>
internal static class SnapshotArrays
{
    public static T[] Copy<T>(T[] source, int count)
    {
        var copy = ArrayPool<T>.Shared.Rent(Math.Max(count, 1));
        Array.Copy(source, copy, count);
        return copy;
    }

    public static void Return<T>(T[] array) =>
        ArrayPool<T>.Shared.Return(array, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
