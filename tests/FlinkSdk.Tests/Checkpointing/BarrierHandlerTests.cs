using FlinkSdk.Runtime.Barriers;
using FlinkSdk.Runtime.Network;

namespace FlinkSdk.Tests.Checkpointing;

/// <summary>
/// The task-side barrier protocol (reference §3.3, §3.6, §3.7) driven with real <see cref="InputGate{T}"/> and
/// <see cref="Channel{T}"/> instances: the test plays the role of <c>InputStreamTask</c>'s loop, polling the gate and
/// handing barriers, cancellation markers and end-of-input to the handler, and records everything it processed.
/// </summary>
public sealed class BarrierHandlerTests
{
    private const long BarrierTimestamp = 1_700_000_000_123;

    /// <summary>A fake task: records triggers and aborts in the same log as the records it processed.</summary>
    private sealed class FakeTarget(List<string> log) : IBarrierHandlerTarget
    {
        public List<CheckpointBarrierEvent> Triggered { get; } = [];

        public List<(long Id, string Reason)> Aborted { get; } = [];

        public void TriggerCheckpointOnBarrier(CheckpointBarrierEvent barrier, TimeSpan alignmentDuration)
        {
            Assert.True(alignmentDuration >= TimeSpan.Zero);
            Triggered.Add(barrier);
            log.Add($"trigger {barrier.CheckpointId}");
        }

        public void AbortCheckpointOnBarrier(long checkpointId, string reason)
        {
            Aborted.Add((checkpointId, reason));
            log.Add($"abort {checkpointId}");
        }
    }

    /// <summary>A gate of <c>channels</c> channels, its handler and a loop that consumes it like <c>InputStreamTask</c>.</summary>
    private sealed class Harness
    {
        public Harness(int channels, bool exactlyOnce)
        {
            Channels = [.. Enumerable.Range(0, channels).Select(_ => new Channel<string>(batches: 8, batchSize: 4))];
            Gate = new InputGate<string>(Channels);
            Target = new FakeTarget(Log);
            Handler = CheckpointBarrierHandler.Create(exactlyOnce, Gate, Target);
        }

        public Channel<string>[] Channels { get; }

        public InputGate<string> Gate { get; }

        public FakeTarget Target { get; }

        public CheckpointBarrierHandler Handler { get; }

        /// <summary>Everything the "task" did, in order: <c>ch&lt;i&gt;:&lt;record&gt;</c>, <c>trigger N</c>, <c>abort N</c>.</summary>
        public List<string> Log { get; } = [];

        public List<string> Records => [.. Log.Where(l => l.StartsWith("ch", StringComparison.Ordinal))];

        public Harness Record(int channel, string value)
        {
            var batch = Channels[channel].AcquireBatch();
            batch.Add(value, 0);
            Channels[channel].Enqueue(batch);
            return this;
        }

        public Harness Barrier(int channel, long id, long timestamp = BarrierTimestamp)
        {
            Channels[channel].Enqueue(new CheckpointBarrierEvent(id, timestamp));
            return this;
        }

        public Harness Cancel(int channel, long id)
        {
            Channels[channel].Enqueue(new CancelCheckpointMarkerEvent(id));
            return this;
        }

        public Harness End(int channel)
        {
            Channels[channel].Enqueue(EndOfInputEvent.Instance);
            return this;
        }

        /// <summary>Processes until the gate yields nothing (empty, or only blocked channels have entries).</summary>
        public Harness Drain()
        {
            for (int guard = 0; guard < 10_000 && Gate.TryPoll(out var entry, out int channel); guard++)
            {
                if (entry.Batch is { } batch)
                {
                    for (int i = 0; i < batch.Count; i++)
                    {
                        Log.Add($"ch{channel}:{batch.Values[i]}");
                    }

                    Channels[channel].Recycle(batch);
                    continue;
                }

                switch (entry.Event)
                {
                    case CheckpointBarrierEvent barrier:
                        Handler.OnBarrier(channel, barrier);
                        break;
                    case CancelCheckpointMarkerEvent marker:
                        Handler.OnCancellation(marker);
                        break;
                    case EndOfInputEvent:
                        Gate.OnEndOfInput(channel);
                        Handler.OnEndOfInput(channel);
                        break;
                }
            }

            return this;
        }

        public int IndexOf(string entry)
        {
            int index = Log.IndexOf(entry);
            Assert.True(index >= 0, $"'{entry}' was not processed; log: {string.Join(", ", Log)}");
            return index;
        }
    }

    // ---------------------------------------------------------------- aligned (exactly once)

    [Fact]
    public void Aligned_ChannelThatDeliveredTheBarrierIsBlockedUntilAllChannelsDeliveredIt()
    {
        var h = new Harness(2, exactlyOnce: true);
        h.Record(0, "a0").Barrier(0, 1).Record(0, "a1").Record(0, "a2").Record(1, "b0").Drain();

        // Channel 0 is blocked behind barrier 1: its queued records stay queued, channel 1 keeps flowing.
        Assert.Equal(["ch0:a0", "ch1:b0"], h.Records.Order(StringComparer.Ordinal));
        Assert.Empty(h.Target.Triggered);
        Assert.Equal(2, h.Channels[0].QueuedCount);
        Assert.False(h.Gate.TryPoll(out _, out _));

        h.Record(1, "b1").Drain();
        Assert.Contains("ch1:b1", h.Records);
        Assert.DoesNotContain("ch0:a1", h.Records);

        h.Barrier(1, 1).Record(1, "b2").Drain();

        var triggered = Assert.Single(h.Target.Triggered);
        Assert.Equal(1, triggered.CheckpointId);
        Assert.Equal(BarrierTimestamp, triggered.Timestamp);
        Assert.Empty(h.Target.Aborted);

        // Everything after the barrier is processed after the snapshot, on both channels: all unblocked.
        int trigger = h.IndexOf("trigger 1");
        Assert.True(h.IndexOf("ch0:a1") > trigger);
        Assert.True(h.IndexOf("ch0:a2") > trigger);
        Assert.True(h.IndexOf("ch1:b2") > trigger);
        Assert.True(h.IndexOf("ch1:b1") < trigger);
        Assert.Equal(0, h.Channels[0].QueuedCount);
        Assert.Equal(0, h.Channels[1].QueuedCount);
    }

    [Fact]
    public void Aligned_SingleChannelTriggersAtOnceAndNeverStaysBlocked()
    {
        var h = new Harness(1, exactlyOnce: true);
        h.Record(0, "a0").Barrier(0, 1).Record(0, "a1").Barrier(0, 2).Record(0, "a2").Drain();

        Assert.Equal([1L, 2L], h.Target.Triggered.Select(b => b.CheckpointId));
        Assert.Equal(["ch0:a0", "trigger 1", "ch0:a1", "trigger 2", "ch0:a2"], h.Log);
    }

    [Fact]
    public void Aligned_ConsecutiveCheckpointsAlignIndependently()
    {
        var h = new Harness(3, exactlyOnce: true);
        for (long id = 1; id <= 3; id++)
        {
            for (int c = 0; c < 3; c++)
            {
                h.Record(c, $"r{id}-{c}").Barrier(c, id);
            }
        }

        for (int c = 0; c < 3; c++)
        {
            h.Record(c, $"tail-{c}");
        }

        h.Drain();

        Assert.Equal([1L, 2L, 3L], h.Target.Triggered.Select(b => b.CheckpointId));
        Assert.Empty(h.Target.Aborted);

        // Each record lies between the snapshots it belongs between.
        for (long id = 1; id <= 3; id++)
        {
            for (int c = 0; c < 3; c++)
            {
                int record = h.IndexOf($"ch{c}:r{id}-{c}");
                Assert.True(record < h.IndexOf($"trigger {id}"));
                if (id > 1)
                {
                    Assert.True(record > h.IndexOf($"trigger {id - 1}"));
                }
            }
        }

        Assert.All(Enumerable.Range(0, 3), c => Assert.True(h.IndexOf($"ch{c}:tail-{c}") > h.IndexOf("trigger 3")));
    }

    [Fact]
    public void Aligned_NewerBarrierBeforeAlignmentCompletesAbortsTheOlderAndAlignsTheNewer()
    {
        var h = new Harness(3, exactlyOnce: true);

        // Channel 0 delivers barrier 1 and is blocked; channel 1 skips to barrier 2 (its upstream never took 1).
        h.Barrier(0, 1).Record(0, "a-after-1").Drain();
        Assert.Equal(1, h.Channels[0].QueuedCount);

        h.Barrier(1, 2).Record(1, "b-after-2").Drain();

        var aborted = Assert.Single(h.Target.Aborted);
        Assert.Equal(1, aborted.Id);
        Assert.Contains("2", aborted.Reason, StringComparison.Ordinal);
        Assert.Empty(h.Target.Triggered);

        // Aborting 1 unblocked channel 0; channel 1 is now blocked behind barrier 2.
        Assert.Contains("ch0:a-after-1", h.Records);
        Assert.DoesNotContain("ch1:b-after-2", h.Records);

        // A straggling barrier 1 is obsolete: ignored, and it does not block channel 2.
        h.Barrier(2, 1).Record(2, "c-after-1").Drain();
        Assert.Contains("ch2:c-after-1", h.Records);
        Assert.Empty(h.Target.Triggered);
        Assert.Single(h.Target.Aborted);

        h.Barrier(0, 2).Barrier(2, 2).Record(0, "a-after-2").Record(2, "c-after-2").Drain();

        var triggered = Assert.Single(h.Target.Triggered);
        Assert.Equal(2, triggered.CheckpointId);
        int trigger = h.IndexOf("trigger 2");
        Assert.True(h.IndexOf("ch1:b-after-2") > trigger);
        Assert.True(h.IndexOf("ch0:a-after-2") > trigger);
        Assert.True(h.IndexOf("ch2:c-after-2") > trigger);
        Assert.True(h.IndexOf("abort 1") < trigger);
    }

    [Fact]
    public void Aligned_ObsoleteBarriersAreIgnoredAndDoNotBlock()
    {
        var h = new Harness(2, exactlyOnce: true);
        h.Barrier(0, 5).Barrier(1, 5).Drain();
        Assert.Equal([5L], h.Target.Triggered.Select(b => b.CheckpointId));

        // A duplicate of the completed checkpoint and an older one: no trigger, no abort, no blocking.
        h.Barrier(0, 5).Record(0, "a").Barrier(1, 3).Record(1, "b").Record(0, "a2").Drain();

        Assert.Equal([5L], h.Target.Triggered.Select(b => b.CheckpointId));
        Assert.Empty(h.Target.Aborted);
        Assert.Equal(["ch0:a", "ch0:a2", "ch1:b"], h.Records.Order(StringComparer.Ordinal));
        Assert.Equal(0, h.Channels[0].QueuedCount);
        Assert.Equal(0, h.Channels[1].QueuedCount);
    }

    [Fact]
    public void Aligned_CancellationMarkerAbortsThePendingAlignmentAndUnblocks()
    {
        var h = new Harness(3, exactlyOnce: true);
        h.Barrier(0, 1).Record(0, "a").Barrier(1, 1).Record(1, "b").Drain();
        Assert.Empty(h.Records);

        // The upstream of channel 2 cancelled checkpoint 1 (and every upstream broadcasts its marker to all channels).
        h.Cancel(2, 1).Record(2, "c").Drain();

        var aborted = Assert.Single(h.Target.Aborted);
        Assert.Equal(1, aborted.Id);
        Assert.Empty(h.Target.Triggered);
        Assert.Equal(["ch0:a", "ch1:b", "ch2:c"], h.Records.Order(StringComparer.Ordinal));

        // Further markers and the late barrier of the cancelled checkpoint change nothing.
        h.Cancel(0, 1).Cancel(1, 1).Barrier(2, 1).Record(2, "c2").Record(0, "a2").Drain();
        Assert.Single(h.Target.Aborted);
        Assert.Empty(h.Target.Triggered);
        Assert.Contains("ch2:c2", h.Records);
        Assert.Contains("ch0:a2", h.Records);

        // The next checkpoint aligns normally.
        h.Barrier(0, 2).Barrier(1, 2).Barrier(2, 2).Drain();
        Assert.Equal([2L], h.Target.Triggered.Select(b => b.CheckpointId));
    }

    [Fact]
    public void Aligned_CancellationMarkerOfANewerCheckpointAbortsItOnceAndItsBarriersAreIgnored()
    {
        var h = new Harness(2, exactlyOnce: true);
        h.Cancel(0, 4).Drain();

        Assert.Equal([4L], h.Target.Aborted.Select(a => a.Id));

        h.Cancel(1, 4).Barrier(0, 4).Record(0, "a").Barrier(1, 4).Record(1, "b").Drain();
        Assert.Equal([4L], h.Target.Aborted.Select(a => a.Id));
        Assert.Empty(h.Target.Triggered);
        Assert.Equal(["ch0:a", "ch1:b"], h.Records.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Aligned_AnEndedChannelCountsAsAligned()
    {
        var h = new Harness(3, exactlyOnce: true);
        h.End(2).Drain();
        h.Barrier(0, 1).Record(0, "a").Drain();
        Assert.Empty(h.Target.Triggered);
        Assert.Empty(h.Records);

        h.Barrier(1, 1).Record(1, "b").Drain();

        var triggered = Assert.Single(h.Target.Triggered);
        Assert.Equal(1, triggered.CheckpointId);
        Assert.Equal(["ch0:a", "ch1:b"], h.Records.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Aligned_ChannelEndingDuringAlignmentCompletesItWithTheCheckpointsBarrier()
    {
        var h = new Harness(2, exactlyOnce: true);
        h.Barrier(0, 7).Record(0, "a").Drain();
        Assert.Empty(h.Target.Triggered);

        h.Record(1, "b").End(1).Drain();

        var triggered = Assert.Single(h.Target.Triggered);
        Assert.Equal(7, triggered.CheckpointId);

        // The snapshot is taken for the barrier the coordinator sent: its trigger timestamp (the start delay is measured
        // from it) must survive, not be replaced by 0.
        Assert.Equal(BarrierTimestamp, triggered.Timestamp);
        Assert.True(h.IndexOf("ch1:b") < h.IndexOf("trigger 7"));
        Assert.True(h.IndexOf("ch0:a") > h.IndexOf("trigger 7"));
    }

    [Fact]
    public void Aligned_ChannelEndingWithoutPendingCheckpointTriggersNothing()
    {
        var h = new Harness(2, exactlyOnce: true);
        h.Barrier(0, 1).Barrier(1, 1).Drain();
        h.End(0).Record(1, "b").Drain();

        Assert.Equal([1L], h.Target.Triggered.Select(b => b.CheckpointId));
        Assert.Equal(["ch1:b"], h.Records);
    }

    // ---------------------------------------------------------------- at least once (tracker)

    [Fact]
    public void Tracker_NeverBlocksAndTriggersWhenEveryOpenChannelDeliveredTheBarrier()
    {
        var h = new Harness(3, exactlyOnce: false);
        h.Record(0, "a0").Barrier(0, 1).Record(0, "a1").Barrier(1, 1).Record(1, "b1").Record(2, "c0").Drain();

        // Records behind a barrier are processed before the snapshot: no blocking.
        Assert.Equal(["ch0:a0", "ch0:a1", "ch1:b1", "ch2:c0"], h.Records.Order(StringComparer.Ordinal));
        Assert.Empty(h.Target.Triggered);

        h.Barrier(2, 1).Record(2, "c1").Drain();

        var triggered = Assert.Single(h.Target.Triggered);
        Assert.Equal(1, triggered.CheckpointId);
        Assert.Equal(BarrierTimestamp, triggered.Timestamp);
        Assert.True(h.IndexOf("ch2:c1") > h.IndexOf("trigger 1"));
        Assert.Empty(h.Target.Aborted);
    }

    [Fact]
    public void Tracker_SingleChannelTriggersImmediately()
    {
        var h = new Harness(1, exactlyOnce: false);
        h.Barrier(0, 1).Record(0, "a").Barrier(0, 2).Drain();

        Assert.Equal(["trigger 1", "ch0:a", "trigger 2"], h.Log);
    }

    [Fact]
    public void Tracker_IgnoresIdsNotNewerThanTheLastTriggered()
    {
        var h = new Harness(2, exactlyOnce: false);
        h.Barrier(0, 3).Barrier(1, 3).Drain();
        Assert.Equal([3L], h.Target.Triggered.Select(b => b.CheckpointId));

        // Duplicates of 3 and older ids, delivered on every channel, never trigger.
        h.Barrier(0, 3).Barrier(1, 3).Barrier(0, 2).Barrier(1, 2).Barrier(0, 1).Barrier(1, 1).Drain();
        Assert.Equal([3L], h.Target.Triggered.Select(b => b.CheckpointId));

        h.Barrier(0, 4).Barrier(1, 4).Drain();
        Assert.Equal([3L, 4L], h.Target.Triggered.Select(b => b.CheckpointId));
    }

    [Fact]
    public void Tracker_CompletingACheckpointDropsTheCountsOfOlderOnes()
    {
        var h = new Harness(2, exactlyOnce: false);

        // Channel 0 delivers 1 and 2; channel 1 skips 1 and delivers 2: 2 completes and implicitly subsumes 1.
        h.Barrier(0, 1).Barrier(0, 2).Barrier(1, 2).Drain();
        Assert.Equal([2L], h.Target.Triggered.Select(b => b.CheckpointId));

        // 1 is gone: its missing barrier arriving late does not complete it.
        h.Barrier(1, 1).Drain();
        Assert.Equal([2L], h.Target.Triggered.Select(b => b.CheckpointId));
        Assert.Empty(h.Target.Aborted);

        // 3 needs every channel again (no stale count left over).
        h.Barrier(0, 3).Drain();
        Assert.Equal([2L], h.Target.Triggered.Select(b => b.CheckpointId));
        h.Barrier(1, 3).Drain();
        Assert.Equal([2L, 3L], h.Target.Triggered.Select(b => b.CheckpointId));
    }

    [Fact]
    public void Tracker_EndedChannelsAreNotWaitedFor()
    {
        var h = new Harness(3, exactlyOnce: false);
        h.End(1).Drain();
        h.Barrier(0, 1).Drain();
        Assert.Empty(h.Target.Triggered);

        h.Barrier(2, 1).Drain();
        Assert.Equal([1L], h.Target.Triggered.Select(b => b.CheckpointId));
    }

    [Fact]
    public void Tracker_AChannelEndingWhileACheckpointIsCountedCompletesIt()
    {
        // With checkpoints after tasks finish (the default), an ended channel counts as aligned (§3.9): the barriers
        // already counted on every other channel complete the checkpoint; otherwise it would wait for a barrier that
        // never comes and run into its timeout.
        var h = new Harness(3, exactlyOnce: false);
        h.Barrier(0, 1).Barrier(1, 1).Drain();
        Assert.Empty(h.Target.Triggered);

        h.End(2).Drain();

        Assert.Equal([1L], h.Target.Triggered.Select(b => b.CheckpointId));
        Assert.Equal(BarrierTimestamp, h.Target.Triggered[0].Timestamp);
    }

    [Fact]
    public void Tracker_CancellationMarkerAbortsTheCheckpointOnceAndItNeverTriggers()
    {
        var h = new Harness(2, exactlyOnce: false);
        h.Barrier(0, 1).Cancel(1, 1).Drain();

        Assert.Equal([1L], h.Target.Aborted.Select(a => a.Id));

        // The same marker broadcast on the other channel does not abort twice.
        h.Cancel(0, 1).Drain();
        Assert.Equal([1L], h.Target.Aborted.Select(a => a.Id));
        Assert.Empty(h.Target.Triggered);

        h.Barrier(0, 2).Barrier(1, 2).Drain();
        Assert.Equal([2L], h.Target.Triggered.Select(b => b.CheckpointId));
    }

    [Fact]
    public void Tracker_CancellationMarkerOfAnUnseenNewerCheckpointAbortsIt()
    {
        // Flink's CheckpointBarrierTracker: a cancellation marker for a checkpoint newer than any seen notifies the
        // abort at once (so the task declines instead of letting the checkpoint run into its timeout) and remembers it
        // as aborted, so its barriers arriving later on other channels never trigger it.
        var h = new Harness(2, exactlyOnce: false);
        h.Cancel(0, 1).Record(0, "a").Drain();

        Assert.Equal([1L], h.Target.Aborted.Select(a => a.Id));
        Assert.Equal(["ch0:a"], h.Records);

        h.Barrier(1, 1).Drain();
        Assert.Empty(h.Target.Triggered);
        Assert.Equal([1L], h.Target.Aborted.Select(a => a.Id));

        h.Barrier(0, 2).Barrier(1, 2).Drain();
        Assert.Equal([2L], h.Target.Triggered.Select(b => b.CheckpointId));
    }
}
