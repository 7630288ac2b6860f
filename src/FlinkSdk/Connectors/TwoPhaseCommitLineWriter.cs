using System.Buffers;
using System.Globalization;
using System.Text;
using FlinkSdk.Serialization;

namespace FlinkSdk.Connectors;

/// <summary>
/// The exactly-once line file writer of one subtask. Part numbers continue from the checkpointed counter after a
/// restore, so a restarted job writes the same file names again and a commit is a rename that is idempotent.
/// </summary>
internal sealed class TwoPhaseCommitLineWriter<T>(string directory, int subtask, bool checkpointing) : ITwoPhaseCommittingSinkWriter<T>
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SortedDictionary<long, List<long>> _pending = [];
    private FileStream? _inProgress;
    private StreamWriter? _text;
    private long _partCounter;
    private bool _restored;

    public void Write(T value, long? timestamp)
    {
        EnsureRestored();
        if (_text is null)
        {
            _inProgress = new FileStream(HiddenPath(_partCounter), FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
            _text = new StreamWriter(_inProgress, Utf8, 64 * 1024);
        }

        _text.Write(Convert.ToString(value, CultureInfo.InvariantCulture));
        _text.Write('\n');
    }

    /// <summary>End of input: without checkpoints commit now; with them the final checkpoint commits.</summary>
    public void Flush()
    {
        EnsureRestored();
        if (!checkpointing)
        {
            long part = CloseInProgress();
            if (part >= 0)
            {
                CommitPart(part);
            }
        }
    }

    public byte[] PrepareCommit(long checkpointId)
    {
        EnsureRestored();
        long part = CloseInProgress();
        if (part >= 0)
        {
            (_pending.TryGetValue(checkpointId, out var parts) ? parts : _pending[checkpointId] = []).Add(part);
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(2);
        writer.Write(1);
        writer.Write(_partCounter);
        writer.Write(2);
        writer.WriteArrayHeader(_pending.Values.Sum(p => p.Count));
        foreach (var pendingPart in _pending.Values.SelectMany(p => p))
        {
            writer.Write(pendingPart);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public void Commit(long checkpointId)
    {
        foreach (var id in _pending.Keys.Where(id => id <= checkpointId).ToList())
        {
            foreach (var part in _pending[id])
            {
                CommitPart(part);
            }

            _pending.Remove(id);
        }
    }

    public void Restore(byte[]? state)
    {
        _restored = true;
        if (state is not null)
        {
            var reader = new MessagePackReader(state);
            FieldMap.Read(ref reader, (int field, ref MessagePackReader r) =>
            {
                switch (field)
                {
                    case 1: _partCounter = r.ReadInt64(); break;
                    case 2:
                        int count = r.ReadArrayHeader();
                        for (int i = 0; i < count; i++)
                        {
                            CommitPart(r.ReadInt64()); // pending in the restored (completed) checkpoint: commit, idempotently
                        }

                        break;
                }
            });
        }

        // Anything this subtask wrote after the restored checkpoint is discarded.
        foreach (var hidden in Directory.EnumerateFiles(directory, $".part-{subtask}-*.inprogress"))
        {
            File.Delete(hidden);
        }
    }

    public void Dispose()
    {
        _text?.Dispose();
        _text = null;
        _inProgress = null;
    }

    // A fresh run (no checkpoint to restore) starts from an empty set of this subtask's hidden files.
    private void EnsureRestored()
    {
        if (!_restored)
        {
            Restore(null);
        }
    }

    private long CloseInProgress()
    {
        if (_text is null)
        {
            return -1;
        }

        _text.Flush();
        _inProgress!.Flush(flushToDisk: true);
        _text.Dispose();
        _text = null;
        _inProgress = null;
        return _partCounter++;
    }

    private void CommitPart(long part)
    {
        string hidden = HiddenPath(part);
        string visible = Path.Combine(directory, $"part-{subtask}-{part}");
        if (File.Exists(hidden))
        {
            File.Move(hidden, visible, overwrite: true);
            if (Storage.DirectorySync.IsSupported)
            {
                Storage.DirectorySync.Fsync(directory);
            }
        }
        else if (!File.Exists(visible))
        {
            throw new IOException($"Cannot commit part file '{visible}': neither it nor its pending file '{hidden}' exists.");
        }
    }

    private string HiddenPath(long part) => Path.Combine(directory, $".part-{subtask}-{part}.inprogress");
}
