using FlinkSdk.Runtime.Network;
using FlinkSdk.Runtime.Operators;

namespace FlinkSdk.Runtime.Tasks;

/// <summary>
/// A task whose chain reads from upstream channels: takes batches and events from its input gate in channel
/// order, advances the watermark to the minimum over its inputs, and finishes when every input has ended.
/// </summary>
internal sealed class InputStreamTask<T> : StreamTask
{
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromMilliseconds(100);
    private InputGate<T>? _gate;
    private IRecordHandler<T>? _head;

    public InputStreamTask(string name, int subtaskIndex, int parallelism, TimeSpan bufferTimeout, TimeProvider clock)
        : base(name, subtaskIndex, parallelism, bufferTimeout, clock)
    {
    }

    public void Connect(InputGate<T> gate, IRecordHandler<T> head)
    {
        _gate = gate;
        _head = head;
    }

    protected override void RunLoop()
    {
        var gate = _gate ?? throw new InvalidOperationException("The task has no input.");
        var head = _head!;
        if (gate.ChannelCount == 0)
        {
            head.Finish();
            return;
        }

        while (true)
        {
            ProcessMailsAndTimers();
            if (!gate.TryPoll(out var entry, out int channelIndex))
            {
                // Idle: send what is buffered now rather than at the timeout, then sleep until something arrives.
                Flush();
                WaitForWork(MaxIdleWait);
                continue;
            }

            if (entry.Batch is { } batch)
            {
                var values = batch.Values;
                var timestamps = batch.Timestamps;
                int count = batch.Count;
                for (int i = 0; i < count; i++)
                {
                    head.ProcessRecord(values[i], timestamps[i]);
                }

                gate[channelIndex].Recycle(batch);
                FlushIfDue();
                continue;
            }

            switch (entry.Event)
            {
                case WatermarkEvent watermark:
                    if (gate.OnWatermark(channelIndex, watermark.Timestamp))
                    {
                        head.ProcessWatermark(gate.CombinedWatermark);
                    }

                    break;
                case EndOfInputEvent:
                    if (gate.OnEndOfInput(channelIndex))
                    {
                        head.ProcessWatermark(gate.CombinedWatermark);
                    }

                    if (gate.IsFinished)
                    {
                        head.Finish();
                        return;
                    }

                    break;
            }
        }
    }
}
