namespace FlinkSdk.Runtime.Network;

/// <summary>
/// All channels feeding one consumer subtask (from every upstream subtask of every input edge). Channels are
/// polled round-robin; the watermark of the gate is the minimum over channels that have not ended.
/// </summary>
internal sealed class InputGate<T>
{
    private readonly Channel<T>[] _channels;
    private readonly long[] _channelWatermarks;
    private readonly bool[] _ended;
    private readonly bool[] _blocked;
    private int _next;

    public InputGate(Channel<T>[] channels)
    {
        _channels = channels;
        _channelWatermarks = new long[channels.Length];
        Array.Fill(_channelWatermarks, long.MinValue);
        _ended = new bool[channels.Length];
        _blocked = new bool[channels.Length];
    }

    public int ChannelCount => _channels.Length;

    public int EndedCount { get; private set; }

    public bool IsFinished => EndedCount == _channels.Length;

    /// <summary>The smallest watermark over channels still open.</summary>
    public long CombinedWatermark { get; private set; } = long.MinValue;

    public Channel<T> this[int index] => _channels[index];

    /// <summary>Takes the next entry from any channel, round-robin.</summary>
    public bool TryPoll(out ChannelEntry<T> entry, out int channelIndex)
    {
        for (int i = 0; i < _channels.Length; i++)
        {
            int index = _next;
            _next = index + 1 == _channels.Length ? 0 : index + 1;
            if (!_blocked[index] && _channels[index].TryDequeue(out entry))
            {
                channelIndex = index;
                return true;
            }
        }

        entry = default;
        channelIndex = -1;
        return false;
    }

    public bool IsEnded(int channelIndex) => _ended[channelIndex];

    /// <summary>Stops taking entries from a channel (its barrier arrived; others are still awaited).</summary>
    public void Block(int channelIndex) => _blocked[channelIndex] = true;

    public void UnblockAll() => Array.Clear(_blocked);

    /// <summary>Records a channel's watermark; returns whether the combined watermark advanced.</summary>
    public bool OnWatermark(int channelIndex, long watermark)
    {
        if (watermark > _channelWatermarks[channelIndex])
        {
            _channelWatermarks[channelIndex] = watermark;
        }

        return Recompute();
    }

    /// <summary>Marks a channel ended; returns whether the combined watermark advanced.</summary>
    public bool OnEndOfInput(int channelIndex)
    {
        if (!_ended[channelIndex])
        {
            _ended[channelIndex] = true;
            EndedCount++;
        }

        return Recompute();
    }

    private bool Recompute()
    {
        long min = long.MaxValue;
        bool anyOpen = false;
        for (int i = 0; i < _channels.Length; i++)
        {
            if (!_ended[i])
            {
                anyOpen = true;
                min = Math.Min(min, _channelWatermarks[i]);
            }
        }

        // Ended channels no longer hold event time back; once all ended, nothing is left to advance.
        if (anyOpen && min > CombinedWatermark)
        {
            CombinedWatermark = min;
            return true;
        }

        return false;
    }
}
