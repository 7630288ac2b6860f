namespace FlinkSdk.Runtime.Tasks;

/// <summary>
/// Wakes a task's mailbox loop: set when input arrives, a buffer is recycled to it, or a mail is posted.
/// A notification that arrives before the wait is never lost.
/// </summary>
internal sealed class TaskSignal
{
    private readonly object _lock = new();
    private bool _signaled;

    public void Notify()
    {
        lock (_lock)
        {
            if (!_signaled)
            {
                _signaled = true;
                Monitor.Pulse(_lock);
            }
        }
    }

    /// <summary>Waits until notified or <paramref name="timeout"/> passes; clears the notification.</summary>
    public void Wait(TimeSpan timeout)
    {
        lock (_lock)
        {
            if (!_signaled && timeout > TimeSpan.Zero)
            {
                Monitor.Wait(_lock, timeout);
            }

            _signaled = false;
        }
    }
}
