namespace FlinkSdk.Tests.Checkpointing;

/// <summary>A map function that throws once, at the <c>after</c>-th record over all subtasks (shared by the copies).</summary>
internal sealed class FailOnce(long after)
{
    private long _seen;

    public int Failures { get; private set; }

    public long Map(long value)
    {
        if (Interlocked.Increment(ref _seen) == after)
        {
            Failures++;
            throw new InvalidOperationException($"Injected failure after {after} records");
        }

        return value;
    }
}
