using System.Buffers;
using FlinkSdk.Serialization;
using FlinkSdk.Storage;

namespace FlinkSdk.Checkpointing;

/// <summary>
/// Writes and reads <c>_metadata</c> as a MessagePack map keyed by small integer field ids: unknown ids are
/// skipped and missing ones keep defaults, so later versions can add fields.
/// </summary>
internal static class CheckpointMetadataSerializer
{
    public static byte[] Serialize(CheckpointMetadata metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(5);
        writer.Write(1);
        writer.Write(CheckpointMetadata.Version);
        writer.Write(2);
        writer.Write(metadata.JobName);
        writer.Write(3);
        writer.Write(metadata.CheckpointId);
        writer.Write(4);
        writer.Write(metadata.Timestamp);
        writer.Write(5);
        writer.WriteArrayHeader(metadata.States.Count);
        foreach (var state in metadata.States)
        {
            writer.WriteMapHeader(4);
            writer.Write(1);
            writer.Write(state.Uid);
            writer.Write(2);
            writer.Write(state.SubtaskIndex);
            writer.Write(3);
            writer.Write(state.Parallelism);
            writer.Write(4);
            WriteHandle(ref writer, state.Handle);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static CheckpointMetadata Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = new MessagePackReader(data);
        string jobName = string.Empty;
        long id = 0, timestamp = 0;
        var states = new List<OperatorSubtaskState>();
        FieldMap.Read(ref reader, (int field, ref MessagePackReader r) =>
        {
            switch (field)
            {
                case 1:
                    int version = r.ReadInt32();
                    if (version > CheckpointMetadata.Version)
                    {
                        throw new InvalidDataException($"Checkpoint metadata version {version} is newer than this FlinkSdk understands ({CheckpointMetadata.Version}).");
                    }

                    break;
                case 2: jobName = r.ReadString() ?? string.Empty; break;
                case 3: id = r.ReadInt64(); break;
                case 4: timestamp = r.ReadInt64(); break;
                case 5:
                    int count = r.ReadArrayHeader();
                    for (int i = 0; i < count; i++)
                    {
                        states.Add(ReadState(ref r));
                    }

                    break;
            }
        });

        return new CheckpointMetadata(jobName, id, timestamp, states);
    }

    private static OperatorSubtaskState ReadState(ref MessagePackReader reader)
    {
        string uid = string.Empty;
        int subtask = 0, parallelism = 0;
        StateHandle handle = new(null, null, 0, 0);
        FieldMap.Read(ref reader, (int field, ref MessagePackReader r) =>
        {
            switch (field)
            {
                case 1: uid = r.ReadString() ?? string.Empty; break;
                case 2: subtask = r.ReadInt32(); break;
                case 3: parallelism = r.ReadInt32(); break;
                case 4: handle = ReadHandle(ref r); break;
            }
        });

        return new OperatorSubtaskState(uid, subtask, parallelism, handle);
    }

    private static void WriteHandle(ref MessagePackWriter writer, StateHandle handle)
    {
        writer.WriteMapHeader(4);
        writer.Write(1);
        if (handle.InlineData is { } inline)
        {
            writer.WriteBinary(inline);
        }
        else
        {
            writer.WriteNil();
        }

        writer.Write(2);
        writer.Write(handle.RelativePath);
        writer.Write(3);
        writer.Write(handle.Size);
        writer.Write(4);
        writer.Write(handle.Checksum);
    }

    private static StateHandle ReadHandle(ref MessagePackReader reader)
    {
        byte[]? inline = null;
        string? path = null;
        long size = 0;
        uint checksum = 0;
        FieldMap.Read(ref reader, (int field, ref MessagePackReader r) =>
        {
            switch (field)
            {
                case 1: inline = r.ReadBytes(); break;
                case 2: path = r.ReadString(); break;
                case 3: size = r.ReadInt64(); break;
                case 4: checksum = r.ReadUInt32(); break;
            }
        });

        return new StateHandle(inline, path, size, checksum);
    }
}
