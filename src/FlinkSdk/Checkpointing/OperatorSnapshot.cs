using System.Buffers;
using FlinkSdk.Serialization;

namespace FlinkSdk.Checkpointing;

/// <summary>Writes one field of an operator snapshot.</summary>
internal delegate void SnapshotFieldWriter(ref MessagePackWriter writer);

/// <summary>Runs a <see cref="SnapshotFieldWriter"/> into a new array (state serialized in the synchronous phase).</summary>
internal static class SnapshotBytes
{
    public static byte[] Of(SnapshotFieldWriter write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>The field ids of an operator subtask's snapshot document.</summary>
internal static class SnapshotFields
{
    public const int OperatorLists = 1;
    public const int KeyedState = 2;
    public const int EventTimeTimers = 3;
    public const int ProcessingTimeTimers = 4;
    public const int SourcePosition = 5;
    public const int SinkState = 6;
    public const int OperatorListSchemas = 7;
}

/// <summary>
/// One operator subtask's state as a MessagePack map keyed by <see cref="SnapshotFields"/> ids; each field is
/// written from an immutable copy taken in the synchronous phase. Unknown fields are skipped on restore.
/// </summary>
internal sealed class OperatorSnapshot : IOperatorSnapshot
{
    private readonly List<(int Id, SnapshotFieldWriter Write)> _fields = [];
    private readonly List<Action> _releases = [];

    public OperatorSnapshot Add(int id, SnapshotFieldWriter write)
    {
        _fields.Add((id, write));
        return this;
    }

    /// <summary>Runs <paramref name="release"/> after the snapshot was written (returns pooled copies).</summary>
    public OperatorSnapshot OnReleased(Action release)
    {
        _releases.Add(release);
        return this;
    }

    public void WriteTo(IBufferWriter<byte> output)
    {
        try
        {
            var writer = new MessagePackWriter(output);
            writer.WriteMapHeader(_fields.Count);
            foreach (var (id, write) in _fields)
            {
                writer.Write(id);
                write(ref writer);
            }

            writer.Flush();
        }
        finally
        {
            foreach (var release in _releases)
            {
                release();
            }
        }
    }

    /// <summary>Serializes to a new array (tests and small states).</summary>
    public byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The raw bytes of field <paramref name="id"/> of every restored subtask, by old subtask index.</summary>
    public static IReadOnlyList<(int Subtask, byte[] Data)> Field(RestoredOperatorState restored, int id)
    {
        var result = new List<(int, byte[])>();
        foreach (var (subtask, blob) in restored.BySubtask.OrderBy(kv => kv.Key))
        {
            var reader = new MessagePackReader(blob);
            int count = reader.ReadMapHeader();
            for (int i = 0; i < count; i++)
            {
                int field = reader.ReadInt32();
                var raw = reader.ReadRaw();
                if (field == id)
                {
                    result.Add((subtask, raw.ToArray()));
                }
            }
        }

        return result;
    }
}
