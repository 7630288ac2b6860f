namespace FlinkSdk.Time;

/// <summary>A timer: a key and a time.</summary>
internal readonly record struct Timer<TKey>(TKey Key, long Timestamp);

/// <summary>
/// Event-time and processing-time timers of one keyed operator instance, per key and deduplicated as in Flink
/// (registering the same key and time twice fires once). Event-time timers fire, in time order, when the
/// watermark reaches them; processing-time timers when the task's clock does. Timers are state: the
/// checkpointing layer snapshots <see cref="EventTimeTimers"/> and <see cref="ProcessingTimeTimers"/>.
/// </summary>
internal sealed class InternalTimerService<TKey>
    where TKey : notnull
{
    private readonly TimerQueue _eventTime = new();
    private readonly TimerQueue _processingTime = new();

    public long CurrentWatermark { get; private set; } = long.MinValue;

    public IEnumerable<Timer<TKey>> EventTimeTimers => _eventTime.Registered;

    public IEnumerable<Timer<TKey>> ProcessingTimeTimers => _processingTime.Registered;

    /// <summary>The earliest processing-time timer, if any.</summary>
    public long? NextProcessingTime => _processingTime.Peek();

    public bool RegisterEventTime(TKey key, long time) => _eventTime.Add(new Timer<TKey>(key, time));

    public bool RegisterProcessingTime(TKey key, long time) => _processingTime.Add(new Timer<TKey>(key, time));

    public void DeleteEventTime(TKey key, long time) => _eventTime.Remove(new Timer<TKey>(key, time));

    public void DeleteProcessingTime(TKey key, long time) => _processingTime.Remove(new Timer<TKey>(key, time));

    /// <summary>Advances the watermark and fires, in time order, every event-time timer at or before it.</summary>
    public void AdvanceWatermark(long watermark, Action<Timer<TKey>> fire)
    {
        CurrentWatermark = watermark;
        while (_eventTime.TryTakeDue(watermark, out var timer))
        {
            fire(timer);
        }
    }

    /// <summary>Fires, in time order, every processing-time timer at or before <paramref name="now"/>.</summary>
    public void AdvanceProcessingTime(long now, Action<Timer<TKey>> fire)
    {
        while (_processingTime.TryTakeDue(now, out var timer))
        {
            fire(timer);
        }
    }

    private sealed class TimerQueue
    {
        private readonly PriorityQueue<Timer<TKey>, long> _queue = new();
        private readonly HashSet<Timer<TKey>> _registered = [];

        public IEnumerable<Timer<TKey>> Registered => _registered;

        public bool Add(Timer<TKey> timer)
        {
            if (!_registered.Add(timer))
            {
                return false;
            }

            _queue.Enqueue(timer, timer.Timestamp);
            return true;
        }

        // Deleted timers stay queued and are skipped when they come up.
        public void Remove(Timer<TKey> timer) => _registered.Remove(timer);

        public long? Peek()
        {
            while (_queue.TryPeek(out var timer, out long time))
            {
                if (_registered.Contains(timer))
                {
                    return time;
                }

                _queue.Dequeue();
            }

            return null;
        }

        public bool TryTakeDue(long time, out Timer<TKey> timer)
        {
            while (_queue.TryPeek(out timer, out long due) && due <= time)
            {
                _queue.Dequeue();
                if (_registered.Remove(timer))
                {
                    return true;
                }
            }

            timer = default;
            return false;
        }
    }
}
