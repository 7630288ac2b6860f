using FlinkSdk.Runtime.Barriers;
using FlinkSdk.Runtime.Network;
using FlinkSdk.Runtime.Operators;

namespace FlinkSdk.Runtime.Tasks;

/// <summary>
/// A task whose chain reads from upstream channels: takes batches and events from its input gate in channel
/// order, advances the watermark to the minimum over its inputs, aligns (or counts) checkpoint barriers, and
/// finishes when every input has ended.
/// </summary>
internal sealed class InputStreamTask<T> : StreamTask, IBarrierHandlerTarget, IExactlyOnceConfigurable
{
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromMilliseconds(100);
    private InputGate<T>? _gate;
    private IRecordHandler<T>? _head;
    private CheckpointBarrierHandler? _barriers;

    public InputStreamTask(string name, int subtaskIndex, int parallelism, TimeSpan bufferTimeout, TimeProvider clock)
        : base(name, subtaskIndex, parallelism, bufferTimeout, clock)
    {
    }

    public override bool IsSource => false;

    /// <summary>Exactly-once barrier alignment (else at-least-once barrier counting).</summary>
    public bool ExactlyOnce { get; set; } = true;

    public void Connect(InputGate<T> gate, IRecordHandler<T> head)
    {
        _gate = gate;
        _head = head;
    }

    public void TriggerCheckpointOnBarrier(CheckpointBarrierEvent barrier, TimeSpan alignmentDuration) => PerformCheckpoint(barrier, alignmentDuration);

    public void AbortCheckpointOnBarrier(long checkpointId, string reason) => AbortCheckpoint(checkpointId, reason);

    protected override void RunLoop()
    {
        var gate = _gate ?? throw new InvalidOperationException("The task has no input.");
        var head = _head!;
        _barriers = CheckpointBarrierHandler.Create(ExactlyOnce, gate, this);
        while (!gate.IsFinished)
        {
            ProcessMailsAndTimers();
            if (!ProcessNext(gate, head))
            {
                // Idle: send what is buffered now rather than at the timeout, then sleep until something arrives.
                Flush();
                WaitForWork(MaxIdleWait);
            }
        }

        head.Finish();
        AwaitFinalCheckpoint(() => ProcessNext(gate, head));
    }

    /// <summary>Handles one batch or event; returns false when no channel had anything.</summary>
    private bool ProcessNext(InputGate<T> gate, IRecordHandler<T> head)
    {
        if (!gate.TryPoll(out var entry, out int channelIndex))
        {
            return false;
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
            return true;
        }

        switch (entry.Event)
        {
            case WatermarkEvent watermark:
                if (gate.OnWatermark(channelIndex, watermark.Timestamp))
                {
                    head.ProcessWatermark(gate.CombinedWatermark);
                }

                break;
            case CheckpointBarrierEvent barrier:
                _barriers!.OnBarrier(channelIndex, barrier);
                break;
            case CancelCheckpointMarkerEvent marker:
                _barriers!.OnCancellation(marker);
                break;
            case EndOfInputEvent:
                if (gate.OnEndOfInput(channelIndex))
                {
                    head.ProcessWatermark(gate.CombinedWatermark);
                }

                _barriers!.OnEndOfInput(channelIndex);
                break;
        }

        return true;
    }
}
