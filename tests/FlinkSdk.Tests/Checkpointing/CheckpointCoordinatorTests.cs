using System.Buffers;
using System.Collections.Concurrent;
using FlinkSdk.Checkpointing;
using FlinkSdk.Configuration;
using FlinkSdk.Serialization;
using FlinkSdk.Storage;

namespace FlinkSdk.Tests.Checkpointing;

/// <summary>
/// <see cref="CheckpointCoordinator"/> driven directly (reference §4.1–4.5, §4.10): fake tasks record the calls they
/// get, the test acknowledges for them, and a manual clock drives timeouts and the periodic scheduler.
/// </summary>
public sealed class CheckpointCoordinatorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly List<CheckpointCoordinator> _coordinators = [];
    private readonly ConcurrentQueue<Exception> _jobFailures = new();
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("flinksdk-coord-");

    /// <summary>
    /// A <see cref="TimeProvider"/> whose time only moves when the test advances it; timers (including the ones behind
    /// <c>Task.Delay(…, TimeProvider)</c>) fire synchronously on the advancing thread, in due order.
    /// </summary>
    private sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
    {
        private readonly object _lock = new();
        private readonly List<ManualTimer> _timers = [];
        private DateTimeOffset _now = start;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public long NowMillis => GetUtcNow().ToUnixTimeMilliseconds();

        public override DateTimeOffset GetUtcNow()
        {
            lock (_lock)
            {
                return _now;
            }
        }

        public override long GetTimestamp() => GetUtcNow().UtcTicks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            timer.Change(dueTime, period);
            lock (_lock)
            {
                _timers.Add(timer);
            }

            return timer;
        }

        /// <summary>Timers that will fire, with the delay they were (re)armed with.</summary>
        public IReadOnlyList<(DateTimeOffset Due, TimeSpan Delay)> PendingTimers
        {
            get
            {
                lock (_lock)
                {
                    return [.. _timers.Where(t => t.Due is not null).Select(t => (t.Due!.Value, t.Delay))];
                }
            }
        }

        public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

        public void AdvanceTo(DateTimeOffset target)
        {
            while (true)
            {
                ManualTimer? next;
                lock (_lock)
                {
                    next = _timers.Where(t => t.Due is { } due && due <= target).MinBy(t => t.Due!.Value);
                    if (next is null)
                    {
                        if (target > _now)
                        {
                            _now = target;
                        }

                        return;
                    }

                    if (next.Due!.Value > _now)
                    {
                        _now = next.Due!.Value;
                    }

                    next.Due = next.Period is { } period && period > TimeSpan.Zero ? _now + period : null;
                }

                next.Fire();
            }
        }

        /// <summary>Waits (in real time) until a pending timer armed with a delay matching <paramref name="delay"/> exists; returns its due time.</summary>
        public async Task<DateTimeOffset> WaitForTimerAsync(Func<TimeSpan, bool> delay, TimeSpan? timeout = null)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
            while (true)
            {
                var match = PendingTimers.Where(t => delay(t.Delay)).Select(t => (DateTimeOffset?)t.Due).Min();
                if (match is { } due)
                {
                    return due;
                }

                Assert.True(DateTime.UtcNow < deadline, "No matching timer was created in time.");
                await Task.Delay(2);
            }
        }

        private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset? Due { get; set; }

            public TimeSpan Delay { get; private set; }

            public TimeSpan? Period { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (owner._lock)
                {
                    Delay = dueTime;
                    Period = period == Timeout.InfiniteTimeSpan ? null : period;
                    Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                }

                return true;
            }

            public void Fire() => callback(state);

            public void Dispose()
            {
                lock (owner._lock)
                {
                    Due = null;
                    owner._timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    public void Dispose()
    {
        foreach (var coordinator in _coordinators)
        {
            coordinator.Dispose();
        }

        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A task as the coordinator sees it; records every call, in one log shared by all fake tasks.</summary>
    private sealed class FakeTask(string name, bool isSource, ConcurrentQueue<string>? sharedLog = null) : ICheckpointParticipant
    {
        private readonly object _lock = new();
        private readonly List<(long Id, long Timestamp)> _triggers = [];
        private readonly List<long> _completed = [];
        private readonly List<long> _aborted = [];

        public string Name => name;

        public bool IsSource => isSource;

        public IReadOnlyList<(long Id, long Timestamp)> Triggers
        {
            get
            {
                lock (_lock)
                {
                    return [.. _triggers];
                }
            }
        }

        public IReadOnlyList<long> Completed
        {
            get
            {
                lock (_lock)
                {
                    return [.. _completed];
                }
            }
        }

        public IReadOnlyList<long> Aborted
        {
            get
            {
                lock (_lock)
                {
                    return [.. _aborted];
                }
            }
        }

        public string Describe() => name;

        public void TriggerCheckpoint(long checkpointId, long timestamp)
        {
            lock (_lock)
            {
                _triggers.Add((checkpointId, timestamp));
            }

            sharedLog?.Enqueue($"{name} trigger {checkpointId}");
        }

        public void NotifyCheckpointComplete(long checkpointId)
        {
            lock (_lock)
            {
                _completed.Add(checkpointId);
            }

            sharedLog?.Enqueue($"{name} complete {checkpointId}");
        }

        public void NotifyCheckpointAborted(long checkpointId)
        {
            lock (_lock)
            {
                _aborted.Add(checkpointId);
            }

            sharedLog?.Enqueue($"{name} aborted {checkpointId}");
        }
    }

    private static CheckpointConfig Config(Action<CheckpointConfig>? configure = null)
    {
        var config = new FlinkConfiguration().Checkpointing;
        configure?.Invoke(config);
        return config;
    }

    private CheckpointCoordinator Coordinator(CheckpointConfig config, IReadOnlyList<ICheckpointParticipant> tasks, ICheckpointStorage? storage = null, long nextCheckpointId = 1)
    {
        var coordinator = new CheckpointCoordinator(
            config,
            storage ?? new JobManagerCheckpointStorage(),
            "coordinator-test",
            _clock,
            e => _jobFailures.Enqueue(e),
            new CompletedCheckpointStore(config.MaxRetainedCheckpoints),
            nextCheckpointId);
        _coordinators.Add(coordinator);
        coordinator.SetTasks(tasks);
        return coordinator;
    }

    private static long Trigger(CheckpointCoordinator coordinator, bool force = false) =>
        coordinator.TriggerCheckpoint(force) ?? throw new Xunit.Sdk.XunitException("Expected a checkpoint to be triggered.");

    /// <summary>Acknowledges for <paramref name="task"/> the way a task's asynchronous phase does.</summary>
    private static void Ack(CheckpointCoordinator coordinator, FakeTask task, long id, int bytes = 16, TimeSpan alignment = default, long startDelay = 0)
    {
        var writer = coordinator.WriterFor(id) ?? throw new Xunit.Sdk.XunitException($"Checkpoint {id} is not pending.");
        var handle = writer.WriteState(Enumerable.Range(0, bytes).Select(i => (byte)(i + id)).ToArray());
        coordinator.Acknowledge(task, id, [new OperatorSubtaskState("op-" + task.Name, 0, 1, handle)], alignment, startDelay);
    }

    private static void AckAll(CheckpointCoordinator coordinator, IEnumerable<FakeTask> tasks, long id, int bytes = 16)
    {
        foreach (var task in tasks)
        {
            Ack(coordinator, task, id, bytes);
        }
    }

    private static CheckpointStatistics Stats(CheckpointCoordinator coordinator, long id) =>
        Assert.Single(coordinator.Statistics.Snapshot().History, s => s.Id == id);

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for: " + what);
            await Task.Delay(2);
        }
    }

    // ---------------------------------------------------------------- ids (§4.10)

    [Fact]
    public void IdsStartAtOneAndAreNeverReusedAfterAbortsExpiryAndCompletion()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c =>
        {
            c.TolerableCheckpointFailureNumber = int.MaxValue;
            c.CheckpointTimeout = TimeSpan.FromSeconds(30);
        }), [source]);

        long first = Trigger(coordinator);
        coordinator.Decline(source, first, CheckpointFailureReason.CheckpointDeclined, "declined for the test");
        long second = Trigger(coordinator);
        _clock.Advance(TimeSpan.FromSeconds(31)); // expires
        long third = Trigger(coordinator);
        Ack(coordinator, source, third);
        long fourth = Trigger(coordinator);
        coordinator.SetTasks([source]); // failover aborts the pending one
        long fifth = Trigger(coordinator);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], (long[])[first, second, third, fourth, fifth]);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], source.Triggers.Select(t => t.Id));
        Assert.Equal(3L, coordinator.Store.Latest?.CheckpointId);
    }

    [Fact]
    public void IdsContinueFromTheRestoredCheckpoint()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c => c.TolerableCheckpointFailureNumber = 10), [source], nextCheckpointId: 42 + 1);

        long first = Trigger(coordinator);
        coordinator.Decline(source, first, CheckpointFailureReason.CheckpointDeclined, "declined");
        long second = Trigger(coordinator);

        Assert.Equal(43, first);
        Assert.Equal(44, second);
    }

    [Fact]
    public void RejectedTriggerDoesNotConsumeAnId()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(), [source]);

        Assert.Equal(1, Trigger(coordinator));
        Assert.Null(coordinator.TriggerCheckpoint());
        Assert.Null(coordinator.TriggerCheckpoint());
        Ack(coordinator, source, 1);

        Assert.Equal(2, Trigger(coordinator));
        Assert.Equal([1L, 2L], source.Triggers.Select(t => t.Id));
    }

    // ---------------------------------------------------------------- triggering (§4.2, §4.3)

    [Fact]
    public void TriggerCheckpointOnlyTriggersSourceTasksWithTheTriggerTimestamp()
    {
        var sourceA = new FakeTask("source-a", isSource: true);
        var sourceB = new FakeTask("source-b", isSource: true);
        var map = new FakeTask("map", isSource: false);
        var sink = new FakeTask("sink", isSource: false);
        var coordinator = Coordinator(Config(), [sourceA, map, sourceB, sink]);
        _clock.Advance(TimeSpan.FromMilliseconds(1234));

        long id = Trigger(coordinator);

        Assert.Equal([(id, _clock.NowMillis)], sourceA.Triggers);
        Assert.Equal([(id, _clock.NowMillis)], sourceB.Triggers);
        Assert.Empty(map.Triggers);
        Assert.Empty(sink.Triggers);
        Assert.Equal(_clock.NowMillis, Stats(coordinator, id).TriggerTimestamp);
        Assert.Equal(4, Stats(coordinator, id).NumSubtasks);
    }

    [Fact]
    public void NoTasksNoTrigger()
    {
        var coordinator = Coordinator(Config(), []);
        Assert.Null(coordinator.TriggerCheckpoint());
        Assert.Null(coordinator.TriggerCheckpoint(force: true));
    }

    [Fact]
    public void MaxConcurrentBlocksASecondTriggerUntilOneCompletesAndForceBypassesIt()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c => c.MaxConcurrentCheckpoints = 1), [source]);

        Assert.Equal(1, Trigger(coordinator));
        Assert.Null(coordinator.TriggerCheckpoint());
        Assert.Equal([1L], source.Triggers.Select(t => t.Id));

        Assert.Equal(2, Trigger(coordinator, force: true));
        Assert.Equal([1L, 2L], source.Triggers.Select(t => t.Id));
        Assert.Null(coordinator.TriggerCheckpoint());

        Ack(coordinator, source, 1);
        Assert.Null(coordinator.TriggerCheckpoint()); // 2 is still pending
        Ack(coordinator, source, 2);

        Assert.Equal(3, Trigger(coordinator));
    }

    [Fact]
    public void MaxConcurrentTwoAllowsTwoPendingCheckpoints()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c => c.MaxConcurrentCheckpoints = 2), [source]);

        Assert.Equal(1, Trigger(coordinator));
        Assert.Equal(2, Trigger(coordinator));
        Assert.Null(coordinator.TriggerCheckpoint());

        Ack(coordinator, source, 1);
        Assert.Equal(3, Trigger(coordinator));
    }

    // ---------------------------------------------------------------- completion (§4.5)

    [Fact]
    public void CompletionRequiresEveryTasksAcknowledgementAndNotifiesAllTasks()
    {
        var source = new FakeTask("source", isSource: true);
        var map = new FakeTask("map", isSource: false);
        var sink = new FakeTask("sink", isSource: false);
        FakeTask[] tasks = [source, map, sink];
        var coordinator = Coordinator(Config(), tasks);

        long id = Trigger(coordinator);
        Ack(coordinator, source, id);
        Ack(coordinator, map, id);
        coordinator.Acknowledge(map, id, [], TimeSpan.Zero, 0); // a duplicate does not stand in for the sink

        Assert.Null(coordinator.Store.Latest);
        Assert.All(tasks, t => Assert.Empty(t.Completed));
        Assert.NotNull(coordinator.WriterFor(id));
        Assert.Equal(CheckpointStatus.InProgress, Stats(coordinator, id).Status);
        Assert.Equal(2, Stats(coordinator, id).NumAcknowledgedSubtasks);

        Ack(coordinator, sink, id);

        var completed = coordinator.Store.Latest;
        Assert.NotNull(completed);
        Assert.Equal(id, completed.CheckpointId);
        Assert.Equal(3, completed.States.Count);
        Assert.Equal(["op-map", "op-sink", "op-source"], completed.States.Select(s => s.Uid).Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal([id], t.Completed));
        Assert.All(tasks, t => Assert.Empty(t.Aborted));
        Assert.Null(coordinator.WriterFor(id));
        Assert.Equal(CheckpointStatus.Completed, Stats(coordinator, id).Status);

        // The completed checkpoint is loadable and its metadata lists every task's state.
        var data = coordinator.Storage.Load(id);
        var metadata = CheckpointMetadataSerializer.Deserialize(data.Metadata);
        Assert.Equal(id, metadata.CheckpointId);
        Assert.Equal("coordinator-test", metadata.JobName);
        Assert.Equal(3, metadata.States.Count);
        Assert.All(metadata.States, s => Assert.Equal(16, data.ReadState(s.Handle).Length));
    }

    [Fact]
    public void CompletionsAreNotifiedInIncreasingIdOrder()
    {
        var log = new ConcurrentQueue<string>();
        var a = new FakeTask("a", isSource: true, log);
        var b = new FakeTask("b", isSource: false, log);
        var coordinator = Coordinator(Config(c => c.MaxConcurrentCheckpoints = 3), [a, b]);

        long one = Trigger(coordinator);
        long two = Trigger(coordinator);
        long three = Trigger(coordinator);

        // Acks arrive interleaved; each checkpoint completes when its last ack arrives.
        Ack(coordinator, b, two);
        Ack(coordinator, a, one);
        Ack(coordinator, b, one);
        Ack(coordinator, a, two);
        Ack(coordinator, a, three);
        Ack(coordinator, b, three);

        Assert.Equal([one, two, three], a.Completed);
        Assert.Equal([one, two, three], b.Completed);
        Assert.Equal([three], coordinator.Store.All.Select(c => c.CheckpointId));
        Assert.Empty(a.Aborted);
        Assert.Equal(three, coordinator.Store.Latest?.CheckpointId);
    }

    [Fact]
    public async Task ACheckpointWhoseFinalizationEndsAfterANewerOneCompletedIsNeverNotifiedAfterIt()
    {
        // Reference §3.10: "No checkpoint with lower ID will ever be committed after a checkpoint with a higher ID".
        // Checkpoint 1 is fully acknowledged, but writing its metadata is slow; meanwhile checkpoint 2 completes.
        var storage = new SlowCommitStorage(new JobManagerCheckpointStorage(), slowCheckpointId: 1);
        var a = new FakeTask("a", isSource: true);
        var b = new FakeTask("b", isSource: false);
        var coordinator = Coordinator(Config(c => c.MaxConcurrentCheckpoints = 2), [a, b], storage);

        long one = Trigger(coordinator);
        long two = Trigger(coordinator);
        Ack(coordinator, a, one);
        Ack(coordinator, a, two);

        var completeOne = Task.Run(() => Ack(coordinator, b, one));
        Assert.True(await storage.CommitStarted.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        var completeTwo = Task.Run(() => Ack(coordinator, b, two));
        await Task.WhenAny(completeTwo, Task.Delay(500));
        storage.ReleaseCommit();
        await Task.WhenAll(completeOne, completeTwo).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(two, coordinator.Store.Latest?.CheckpointId);
        Assert.Equal(coordinator.Store.All.Select(c => c.CheckpointId).Order(), coordinator.Store.All.Select(c => c.CheckpointId));
        foreach (var task in new[] { a, b })
        {
            Assert.Contains(two, task.Completed);
            Assert.Equal(task.Completed.Order(), task.Completed);
        }
    }

    [Fact]
    public async Task ACheckpointOfAFailedAttemptDoesNotCompleteAfterTheFailover()
    {
        // LocalExecutor calls SetTasks on failover and then restores from Store.Latest. A checkpoint of the old attempt
        // that is still being finalized must either be complete before the failover takes effect (and so be restored
        // from) or be aborted; it must not join the store afterwards, or the next restart restores a checkpoint whose
        // side effects (e.g. pending sink files) the attempt in between already discarded.
        var storage = new SlowCommitStorage(new JobManagerCheckpointStorage(), slowCheckpointId: 1);
        var source = new FakeTask("source", isSource: true);
        var sink = new FakeTask("sink", isSource: false);
        var coordinator = Coordinator(Config(), [source, sink], storage);

        long id = Trigger(coordinator);
        Ack(coordinator, source, id);
        var complete = Task.Run(() => Ack(coordinator, sink, id));
        Assert.True(await storage.CommitStarted.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        var newSource = new FakeTask("source-2", isSource: true);
        var failover = Task.Run(() =>
        {
            coordinator.SetTasks([newSource]);
            return coordinator.Store.Latest?.CheckpointId;
        });
        await Task.WhenAny(failover, Task.Delay(500));
        storage.ReleaseCommit();
        await Task.WhenAll(complete, failover).WaitAsync(TimeSpan.FromSeconds(10));

        long? latestWhenRestoring = await failover;
        Assert.Equal(latestWhenRestoring, coordinator.Store.Latest?.CheckpointId);
    }

    [Fact]
    public void CompletingACheckpointSubsumesOlderPendingOnes()
    {
        var a = new FakeTask("a", isSource: true);
        var b = new FakeTask("b", isSource: false);
        var coordinator = Coordinator(Config(c => c.MaxConcurrentCheckpoints = 3), [a, b]);

        long one = Trigger(coordinator);
        long two = Trigger(coordinator);
        long three = Trigger(coordinator);
        Ack(coordinator, a, one);

        AckAll(coordinator, [a, b], three);

        foreach (var task in new[] { a, b })
        {
            Assert.Equal([one, two], task.Aborted.Order());
            Assert.Equal([three], task.Completed);
        }

        Assert.Null(coordinator.WriterFor(one));
        Assert.Null(coordinator.WriterFor(two));
        Assert.Equal(CheckpointStatus.Failed, Stats(coordinator, one).Status);
        Assert.Equal(CheckpointStatus.Failed, Stats(coordinator, two).Status);
        Assert.Equal([three], coordinator.Store.All.Select(c => c.CheckpointId));

        // A late ack of a subsumed checkpoint is ignored.
        coordinator.Acknowledge(b, one, [], TimeSpan.Zero, 0);
        Assert.Equal([three], a.Completed);
        Assert.Equal(three, coordinator.Store.Latest?.CheckpointId);

        // Subsumption is not a counted failure (tolerable is 0 here).
        Assert.Empty(_jobFailures);
    }

    // ---------------------------------------------------------------- timeout (§4.3, §4.4)

    [Fact]
    public void TimeoutExpiresThePendingCheckpointAndItsLateAckIsIgnored()
    {
        var a = new FakeTask("a", isSource: true);
        var b = new FakeTask("b", isSource: false);
        var coordinator = Coordinator(Config(c =>
        {
            c.CheckpointTimeout = TimeSpan.FromMinutes(1);
            c.TolerableCheckpointFailureNumber = 5;
        }), [a, b]);

        long id = Trigger(coordinator);
        Ack(coordinator, a, id);
        _clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(coordinator.WriterFor(id));
        Assert.Empty(a.Aborted);

        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(coordinator.WriterFor(id));
        Assert.Equal([id], a.Aborted);
        Assert.Equal([id], b.Aborted);
        var stats = Stats(coordinator, id);
        Assert.Equal(CheckpointStatus.Failed, stats.Status);
        Assert.Contains("expired", stats.FailureMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(60_000, stats.EndToEndDuration);

        // The late acknowledgement of the expired checkpoint changes nothing.
        coordinator.Acknowledge(b, id, [], TimeSpan.Zero, 0);
        Assert.Null(coordinator.Store.Latest);
        Assert.Empty(a.Completed);
        Assert.Empty(b.Completed);
        Assert.Equal(CheckpointStatus.Failed, Stats(coordinator, id).Status);
        Assert.Equal(0, coordinator.Statistics.Snapshot().NumberOfCompletedCheckpoints);
        Assert.Equal(1, coordinator.Statistics.Snapshot().NumberOfFailedCheckpoints);
    }

    [Fact]
    public void ExpiryIsACountedFailureThatFailsTheJobWithTheDefaultTolerance()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c => c.CheckpointTimeout = TimeSpan.FromSeconds(10)), [source]);

        Trigger(coordinator);
        Assert.Empty(_jobFailures);
        _clock.Advance(TimeSpan.FromSeconds(10));

        var failure = Assert.IsType<CheckpointException>(Assert.Single(_jobFailures));
        Assert.Equal(CheckpointFailureReason.CheckpointExpired, failure.Reason);
        Assert.StartsWith("Exceeded checkpoint tolerable failure threshold.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACompletedCheckpointDoesNotExpireLater()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c => c.CheckpointTimeout = TimeSpan.FromSeconds(10)), [source]);

        long id = Trigger(coordinator);
        Ack(coordinator, source, id);
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(source.Aborted);
        Assert.Empty(_jobFailures);
        Assert.Equal(CheckpointStatus.Completed, Stats(coordinator, id).Status);
        Assert.Equal(1, coordinator.Statistics.Snapshot().NumberOfCompletedCheckpoints);
        Assert.Equal(0, coordinator.Statistics.Snapshot().NumberOfFailedCheckpoints);
    }

    // ---------------------------------------------------------------- tolerable failures (§4.4)

    [Theory]
    [InlineData(0, nameof(CheckpointFailureReason.CheckpointDeclined))]
    [InlineData(1, nameof(CheckpointFailureReason.CheckpointAsyncException))]
    [InlineData(3, nameof(CheckpointFailureReason.CheckpointDeclined))]
    [InlineData(3, nameof(CheckpointFailureReason.FinalizeCheckpointFailure))]
    public void JobFailsOnTheFailureAfterTheTolerableNumberAndNotBefore(int tolerable, string reasonName)
    {
        var reason = Enum.Parse<CheckpointFailureReason>(reasonName);
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c => c.TolerableCheckpointFailureNumber = tolerable), [source]);

        for (int i = 0; i < tolerable; i++)
        {
            long id = Trigger(coordinator);
            coordinator.Decline(source, id, reason, "failure " + i);
            Assert.Empty(_jobFailures);
        }

        long last = Trigger(coordinator);
        coordinator.Decline(source, last, reason, "the last straw");

        var failure = Assert.IsType<CheckpointException>(Assert.Single(_jobFailures));
        Assert.Equal(reason, failure.Reason);
        Assert.Contains("Exceeded checkpoint tolerable failure threshold.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("the last straw", failure.Message, StringComparison.Ordinal);
        Assert.Equal(tolerable + 1, source.Aborted.Count);
    }

    [Fact]
    public void ASuccessResetsTheConsecutiveFailureCount()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c => c.TolerableCheckpointFailureNumber = 1), [source]);

        coordinator.Decline(source, Trigger(coordinator), CheckpointFailureReason.CheckpointDeclined, "1st");
        Ack(coordinator, source, Trigger(coordinator));
        coordinator.Decline(source, Trigger(coordinator), CheckpointFailureReason.CheckpointDeclined, "2nd");
        Assert.Empty(_jobFailures);

        coordinator.Decline(source, Trigger(coordinator), CheckpointFailureReason.CheckpointDeclined, "3rd");
        Assert.Single(_jobFailures);
    }

    [Fact]
    public void EachCheckpointIsCountedAtMostOnce()
    {
        var a = new FakeTask("a", isSource: true);
        var b = new FakeTask("b", isSource: false);
        var coordinator = Coordinator(Config(c => c.TolerableCheckpointFailureNumber = 1), [a, b]);

        long id = Trigger(coordinator);
        coordinator.Decline(a, id, CheckpointFailureReason.CheckpointDeclined, "a declines");
        coordinator.Decline(b, id, CheckpointFailureReason.CheckpointDeclined, "b declines too");

        Assert.Empty(_jobFailures);
        Assert.Equal([id], a.Aborted);
    }

    [Fact]
    public void SubsumptionCancellationBarrierDeclinesAndFailoverAreNotCounted()
    {
        var a = new FakeTask("a", isSource: true);
        var b = new FakeTask("b", isSource: false);
        var coordinator = Coordinator(Config(c => c.MaxConcurrentCheckpoints = 2), [a, b]);

        // Declined because a newer barrier or a cancellation marker arrived: not counted.
        for (int i = 0; i < 3; i++)
        {
            long id = Trigger(coordinator);
            coordinator.Decline(b, id, CheckpointFailureReason.CheckpointDeclinedOnCancellationBarrier, "cancellation barrier");
            Assert.Equal([id], b.Aborted.TakeLast(1));
        }

        // Subsumed: not counted.
        long older = Trigger(coordinator);
        long newer = Trigger(coordinator);
        AckAll(coordinator, [a, b], newer);
        Assert.Contains(older, a.Aborted);

        // Aborted by a failover (new tasks): not counted.
        Trigger(coordinator);
        coordinator.SetTasks([a, b]);

        Assert.Empty(_jobFailures);

        // A counted failure still fails the job with the default tolerance of 0.
        coordinator.Decline(a, Trigger(coordinator), CheckpointFailureReason.CheckpointDeclined, "counted");
        Assert.Single(_jobFailures);
    }

    // ---------------------------------------------------------------- retained checkpoints (§4.5)

    [Fact]
    public void OnlyTheNewestNumRetainedCheckpointsStayAndOlderOnesAreDiscardedFromStorage()
    {
        var storage = new FileSystemCheckpointStorage(_dir.FullName, jobId: null, createCheckpointSubdirectory: true, dataInlineThreshold: 0, jobName: "coordinator-test");
        var a = new FakeTask("a", isSource: true);
        var b = new FakeTask("b", isSource: false);
        var coordinator = Coordinator(Config(c => c.MaxRetainedCheckpoints = 2), [a, b], storage);

        for (int i = 0; i < 4; i++)
        {
            AckAll(coordinator, [a, b], Trigger(coordinator), bytes: 100);
        }

        Assert.Equal([3L, 4L], coordinator.Store.All.Select(c => c.CheckpointId));
        Assert.Equal([3L, 4L], storage.ListCompletedCheckpoints());
        Assert.False(Directory.Exists(storage.GetCheckpointDirectory(1)));
        Assert.False(Directory.Exists(storage.GetCheckpointDirectory(2)));
        foreach (long id in new long[] { 3, 4 })
        {
            string directory = storage.GetCheckpointDirectory(id);
            Assert.True(File.Exists(Path.Combine(directory, "_metadata")));
            Assert.Equal(2, Directory.GetFiles(directory).Count(f => Path.GetFileName(f) != "_metadata"));
        }

        var latest = coordinator.Store.Latest!;
        Assert.Equal(storage.GetCheckpointDirectory(4), latest.ExternalPointer);
        var data = storage.Load(4);
        var metadata = CheckpointMetadataSerializer.Deserialize(data.Metadata);
        Assert.Equal(4, metadata.CheckpointId);
        Assert.All(metadata.States, s => Assert.Equal(100, data.ReadState(s.Handle).Length));
    }

    [Fact]
    public void NumRetainedOfOneKeepsOnlyTheLatest()
    {
        var storage = new FileSystemCheckpointStorage(_dir.FullName, dataInlineThreshold: 0);
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(), [source], storage);

        for (int i = 0; i < 3; i++)
        {
            Ack(coordinator, source, Trigger(coordinator), bytes: 10);
        }

        Assert.Equal([3L], coordinator.Store.All.Select(c => c.CheckpointId));
        Assert.Equal([3L], storage.ListCompletedCheckpoints());
        Assert.Equal(["chk-3"], Directory.GetDirectories(storage.CheckpointsDirectory, "chk-*").Select(Path.GetFileName));
    }

    // ---------------------------------------------------------------- statistics (§8)

    [Fact]
    public void StatisticsCountAndDescribeEveryCheckpoint()
    {
        var a = new FakeTask("a", isSource: true);
        var b = new FakeTask("b", isSource: false);
        var coordinator = Coordinator(Config(c => c.TolerableCheckpointFailureNumber = 10), [a, b]);
        long t0 = _clock.NowMillis;

        long completed = Trigger(coordinator);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Ack(coordinator, a, completed, bytes: 10, alignment: TimeSpan.FromMilliseconds(5), startDelay: 3);
        var inProgress = Stats(coordinator, completed);
        Assert.Equal(CheckpointStatus.InProgress, inProgress.Status);
        Assert.Equal(1, inProgress.NumAcknowledgedSubtasks);
        Assert.Equal(t0 + 100, inProgress.LatestAckTimestamp);
        Assert.Equal(1, coordinator.Statistics.Snapshot().NumberOfInProgressCheckpoints);

        _clock.Advance(TimeSpan.FromMilliseconds(150));
        Ack(coordinator, b, completed, bytes: 30, alignment: TimeSpan.FromMilliseconds(20), startDelay: 1);

        var stats = Stats(coordinator, completed);
        Assert.Equal(CheckpointStatus.Completed, stats.Status);
        Assert.Equal(t0, stats.TriggerTimestamp);
        Assert.Equal(t0 + 250, stats.LatestAckTimestamp);
        Assert.Equal(250, stats.EndToEndDuration);
        Assert.Equal(40, stats.StateSize);
        Assert.Equal(TimeSpan.FromMilliseconds(20), stats.AlignmentDuration);
        Assert.Equal(3, stats.StartDelay);
        Assert.Equal(2, stats.NumSubtasks);
        Assert.Equal(2, stats.NumAcknowledgedSubtasks);
        Assert.Equal(coordinator.Storage.ExternalPointer(completed), stats.ExternalPath);
        Assert.Null(stats.FailureMessage);

        long failed = Trigger(coordinator);
        _clock.Advance(TimeSpan.FromMilliseconds(40));
        coordinator.Decline(b, failed, CheckpointFailureReason.CheckpointAsyncException, "disk full");
        var failedStats = Stats(coordinator, failed);
        Assert.Equal(CheckpointStatus.Failed, failedStats.Status);
        Assert.Equal(t0 + 250, failedStats.TriggerTimestamp);
        Assert.Equal(40, failedStats.EndToEndDuration);
        Assert.Contains("disk full", failedStats.FailureMessage, StringComparison.Ordinal);
        Assert.Null(failedStats.ExternalPath);

        long pending = Trigger(coordinator);
        coordinator.Statistics.ReportRestored();

        var snapshot = coordinator.Statistics.Snapshot();
        Assert.Equal(1, snapshot.NumberOfCompletedCheckpoints);
        Assert.Equal(1, snapshot.NumberOfFailedCheckpoints);
        Assert.Equal(1, snapshot.NumberOfInProgressCheckpoints);
        Assert.Equal(1, snapshot.NumberOfRestoredCheckpoints);
        Assert.Equal(3, snapshot.TotalNumberOfCheckpoints);
        Assert.Equal([completed, failed, pending], snapshot.History.Select(s => s.Id));
        Assert.Equal(CheckpointStatus.InProgress, snapshot.History[^1].Status);
    }

    [Fact]
    public void StatisticsHistoryKeepsTheConfiguredNumberButCountsEverything()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c => c.CheckpointHistorySize = 2), [source]);

        for (int i = 0; i < 4; i++)
        {
            Ack(coordinator, source, Trigger(coordinator));
        }

        var snapshot = coordinator.Statistics.Snapshot();
        Assert.Equal(4, snapshot.NumberOfCompletedCheckpoints);
        Assert.Equal(0, snapshot.NumberOfInProgressCheckpoints);
        Assert.Equal([3L, 4L], snapshot.History.Select(s => s.Id));
    }

    // ---------------------------------------------------------------- end of data (§3.9)

    [Fact]
    public async Task EndOfDataFromAllTasksTriggersACheckpointImmediately()
    {
        var source = new FakeTask("source", isSource: true);
        var sink = new FakeTask("sink", isSource: false);
        var coordinator = Coordinator(Config(), [source, sink]);

        coordinator.ReportEndOfData(source);
        coordinator.ReportEndOfData(source); // the same task twice is still one
        await Task.Delay(100);
        Assert.Empty(source.Triggers);

        coordinator.ReportEndOfData(sink);
        await Eventually(() => source.Triggers.Count > 0, "the final checkpoint");

        // Triggered at once: the manual clock never moved.
        Assert.Equal([(1L, Start.ToUnixTimeMilliseconds())], source.Triggers);
        AckAll(coordinator, [source, sink], 1);
        Assert.Equal([1L], sink.Completed);

        // Only one final checkpoint per attempt.
        coordinator.ReportEndOfData(sink);
        await Task.Delay(50);
        Assert.Single(source.Triggers);
    }

    [Fact]
    public async Task NoCheckpointIsTriggeredOnceTheFinalOneCompleted()
    {
        // The finishing tasks would take it but leave before its notification: it could never commit anything.
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(), [source]);
        coordinator.ReportEndOfData(source);
        await Eventually(() => source.Triggers.Count > 0, "the final checkpoint");
        AckAll(coordinator, [source], 1);
        Assert.Equal([1L], source.Completed);

        Assert.Null(coordinator.TriggerCheckpoint());
        Assert.Single(source.Triggers);

        // A restarted attempt checkpoints again.
        coordinator.SetTasks([source]);
        Assert.Equal(2L, coordinator.TriggerCheckpoint());
    }

    [Fact]
    public async Task EndOfDataWaitsForMaxConcurrentAndThenTriggers()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(), [source]);

        long pending = Trigger(coordinator);
        coordinator.ReportEndOfData(source);
        await Task.Delay(50);
        Assert.Equal([pending], source.Triggers.Select(t => t.Id));

        Ack(coordinator, source, pending);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (source.Triggers.Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The final checkpoint was not triggered.");
            _clock.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(2);
        }

        Assert.Equal([pending, pending + 1], source.Triggers.Select(t => t.Id));
    }

    // ---------------------------------------------------------------- periodic scheduling (§4.1, §4.2)

    [Fact]
    public async Task PeriodicCheckpointsStartAfterMinPauseWhenItExceedsTheInterval()
    {
        // baseInterval = max(interval, minPause) = minPause, so the random initial delay in [minPause, baseInterval] is exactly minPause.
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c =>
        {
            c.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            c.MinPauseBetweenCheckpoints = TimeSpan.FromSeconds(1);
        }), [source]);
        coordinator.Start();

        var firstDue = await _clock.WaitForTimerAsync(d => d <= TimeSpan.FromSeconds(1));
        Assert.Equal(Start + TimeSpan.FromSeconds(1), firstDue);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(source.Triggers);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually(() => source.Triggers.Count == 1, "the first periodic checkpoint");
        Assert.Equal(Start.ToUnixTimeMilliseconds() + 1000, source.Triggers[0].Timestamp);
    }

    [Fact]
    public async Task PeriodicSchedulerRespectsMinPauseMeasuredFromTheLastCompletion()
    {
        var interval = TimeSpan.FromSeconds(1);
        var minPause = TimeSpan.FromMilliseconds(600);
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c =>
        {
            c.CheckpointInterval = interval;
            c.MinPauseBetweenCheckpoints = minPause;
        }), [source]);
        coordinator.Start();

        // The scheduler's timers are the short ones (the checkpoint timeout is 10 minutes).
        static bool SchedulerTimer(TimeSpan delay) => delay <= TimeSpan.FromSeconds(1);

        // 1st trigger after a random initial delay within [minPause, interval].
        var due = await _clock.WaitForTimerAsync(SchedulerTimer);
        Assert.InRange(due - Start, minPause, interval);
        _clock.AdvanceTo(due);
        await Eventually(() => source.Triggers.Count == 1, "checkpoint 1");
        long t1 = source.Triggers[0].Timestamp;
        Assert.Equal(due.ToUnixTimeMilliseconds(), t1);

        // Checkpoint 1 completes late, 700 ms after its trigger: at the next tick (t1 + 1 s) only 300 ms have passed.
        var next = await _clock.WaitForTimerAsync(SchedulerTimer);
        Assert.Equal(due + interval, next);
        _clock.Advance(TimeSpan.FromMilliseconds(700));
        Ack(coordinator, source, 1);
        long completion1 = _clock.NowMillis;
        _clock.AdvanceTo(next);

        // The scheduler decides not to trigger and re-arms; no checkpoint before completion + min pause.
        var retry = await _clock.WaitForTimerAsync(SchedulerTimer);
        Assert.Single(source.Triggers);
        Assert.True(retry.ToUnixTimeMilliseconds() >= completion1 + (long)minPause.TotalMilliseconds, $"re-armed for {retry.ToUnixTimeMilliseconds() - completion1} ms after the completion");
        _clock.AdvanceTo(retry);
        await Eventually(() => source.Triggers.Count == 2, "checkpoint 2");
        long t2 = source.Triggers[1].Timestamp;
        Assert.True(t2 - completion1 >= minPause.TotalMilliseconds, $"checkpoint 2 triggered {t2 - completion1} ms after checkpoint 1 completed");
        Assert.True(t2 - completion1 < interval.TotalMilliseconds, "min pause, not a whole interval, delays the next checkpoint");

        // Checkpoint 2 completes quickly: the next one follows at the interval.
        Ack(coordinator, source, 2);
        long completion2 = _clock.NowMillis;
        var third = await _clock.WaitForTimerAsync(SchedulerTimer);
        _clock.AdvanceTo(third);
        await Eventually(() => source.Triggers.Count == 3, "checkpoint 3");
        long t3 = source.Triggers[2].Timestamp;
        Assert.True(t3 - completion2 >= minPause.TotalMilliseconds);
        Assert.True(t3 - t2 <= interval.TotalMilliseconds, $"checkpoint 3 came {t3 - t2} ms after checkpoint 2");
    }

    [Fact]
    public async Task PeriodicSchedulerSkipsTicksWhileMaxConcurrentIsReachedAndStopsOnDispose()
    {
        var source = new FakeTask("source", isSource: true);
        var coordinator = Coordinator(Config(c => c.CheckpointInterval = TimeSpan.FromMilliseconds(100)), [source]);
        coordinator.Start();

        static bool SchedulerTimer(TimeSpan delay) => delay <= TimeSpan.FromMilliseconds(100);
        for (int tick = 0; tick < 4; tick++)
        {
            _clock.AdvanceTo(await _clock.WaitForTimerAsync(SchedulerTimer));
            await _clock.WaitForTimerAsync(SchedulerTimer);
        }

        // Checkpoint 1 was never acknowledged: max-concurrent 1 held every later tick back.
        Assert.Equal([1L], source.Triggers.Select(t => t.Id));

        Ack(coordinator, source, 1);
        _clock.AdvanceTo(await _clock.WaitForTimerAsync(SchedulerTimer));
        await Eventually(() => source.Triggers.Count == 2, "checkpoint 2");

        coordinator.Dispose();
        await Eventually(() => !_clock.PendingTimers.Any(t => SchedulerTimer(t.Delay)), "the scheduler to stop");
        _clock.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.Equal(2, source.Triggers.Count);
    }

    // ---------------------------------------------------------------- metadata (§6.6)

    [Fact]
    public void MetadataRoundTripsThroughTheSerializer()
    {
        var inline = new StateHandle([1, 2, 3, 4], null, 4, 0xDEADBEEF);
        var file = new StateHandle(null, "0f1e2d3c-file", 123_456_789_012, 42);
        var metadata = new CheckpointMetadata("round-trip job", 17, 1_714_560_000_123,
        [
            new OperatorSubtaskState("source", 0, 2, inline),
            new OperatorSubtaskState("sink", 1, 2, file),
            new OperatorSubtaskState("ünïcödé-uid", 0, 1, new StateHandle([], null, 0, 0)),
        ]);

        var read = CheckpointMetadataSerializer.Deserialize(CheckpointMetadataSerializer.Serialize(metadata));

        Assert.Equal("round-trip job", read.JobName);
        Assert.Equal(17, read.CheckpointId);
        Assert.Equal(1_714_560_000_123, read.Timestamp);
        Assert.Equal(3, read.States.Count);
        for (int i = 0; i < 3; i++)
        {
            var expected = metadata.States[i];
            var actual = read.States[i];
            Assert.Equal(expected.Uid, actual.Uid);
            Assert.Equal(expected.SubtaskIndex, actual.SubtaskIndex);
            Assert.Equal(expected.Parallelism, actual.Parallelism);
            Assert.Equal(expected.Handle.InlineData, actual.Handle.InlineData);
            Assert.Equal(expected.Handle.RelativePath, actual.Handle.RelativePath);
            Assert.Equal(expected.Handle.Size, actual.Handle.Size);
            Assert.Equal(expected.Handle.Checksum, actual.Handle.Checksum);
            Assert.Equal(expected.Handle.IsInline, actual.Handle.IsInline);
        }
    }

    [Fact]
    public void MetadataDeserializerSkipsUnknownFieldsAtEveryLevel()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(7);
        writer.Write(99); // unknown, before everything, with a nested value
        writer.WriteMapHeader(2);
        writer.Write("x");
        writer.WriteArrayHeader(2);
        writer.Write(1);
        writer.Write("two");
        writer.Write("y");
        writer.WriteNil();
        writer.Write(1);
        writer.Write(CheckpointMetadata.Version);
        writer.Write(3);
        writer.Write(5L);
        writer.Write(2);
        writer.Write("job");
        writer.Write(42); // unknown scalar
        writer.Write(3.5);
        writer.Write(5);
        writer.WriteArrayHeader(1);
        writer.WriteMapHeader(6);
        writer.Write(7); // unknown in a state
        writer.WriteBinary([9, 9, 9]);
        writer.Write(1);
        writer.Write("uid-a");
        writer.Write(2);
        writer.Write(3);
        writer.Write(3);
        writer.Write(4);
        writer.Write(4);
        writer.WriteMapHeader(5);
        writer.Write(1);
        writer.WriteBinary([5, 6]);
        writer.Write(2);
        writer.WriteNil();
        writer.Write(3);
        writer.Write(2L);
        writer.Write(8); // unknown in a handle
        writer.WriteArrayHeader(3);
        writer.Write(true);
        writer.Write(false);
        writer.WriteNil();
        writer.Write(4);
        writer.Write(77u);
        writer.Write(123); // unknown after the handle
        writer.Write("later field");
        writer.Write(4);
        writer.Write(1000L);
        writer.Flush();

        var read = CheckpointMetadataSerializer.Deserialize(buffer.WrittenSpan);

        Assert.Equal("job", read.JobName);
        Assert.Equal(5, read.CheckpointId);
        Assert.Equal(1000, read.Timestamp);
        var state = Assert.Single(read.States);
        Assert.Equal("uid-a", state.Uid);
        Assert.Equal(3, state.SubtaskIndex);
        Assert.Equal(4, state.Parallelism);
        Assert.Equal(new byte[] { 5, 6 }, state.Handle.InlineData);
        Assert.Null(state.Handle.RelativePath);
        Assert.Equal(2, state.Handle.Size);
        Assert.Equal(77u, state.Handle.Checksum);
    }

    [Fact]
    public void MetadataOfANewerVersionIsRejected()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(1);
        writer.Write(1);
        writer.Write(CheckpointMetadata.Version + 1);
        writer.Flush();

        var error = Assert.Throws<InvalidDataException>(() => CheckpointMetadataSerializer.Deserialize(buffer.WrittenSpan));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Delegates to a storage, but the commit of one checkpoint blocks until released.</summary>
    private sealed class SlowCommitStorage(ICheckpointStorage inner, long slowCheckpointId) : ICheckpointStorage
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long SlowCheckpointId => slowCheckpointId;

        public TaskCompletionSource<bool> CommitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => inner.Name;

        public string JobId => inner.JobId;

        public void ReleaseCommit() => _release.TrySetResult();

        public ICheckpointWriter BeginCheckpoint(long checkpointId) => new Writer(this, inner.BeginCheckpoint(checkpointId));

        public IReadOnlyList<long> ListCompletedCheckpoints() => inner.ListCompletedCheckpoints();

        public CompletedCheckpointData Load(long checkpointId) => inner.Load(checkpointId);

        public void Discard(long checkpointId) => inner.Discard(checkpointId);

        public string ExternalPointer(long checkpointId) => inner.ExternalPointer(checkpointId);

        public void Shutdown(bool retain) => inner.Shutdown(retain);

        private sealed class Writer(SlowCommitStorage owner, ICheckpointWriter writer) : ICheckpointWriter
        {
            public long CheckpointId => writer.CheckpointId;

            public StateHandle WriteState(ReadOnlySpan<byte> data) => writer.WriteState(data);

            public string Commit(ReadOnlySpan<byte> metadata)
            {
                if (CheckpointId == owner.SlowCheckpointId)
                {
                    owner.CommitStarted.TrySetResult(true);
                    owner._release.Task.Wait(TimeSpan.FromSeconds(20));
                }

                return writer.Commit(metadata);
            }

            public void Abort() => writer.Abort();

            public void Dispose() => writer.Dispose();
        }
    }
}
