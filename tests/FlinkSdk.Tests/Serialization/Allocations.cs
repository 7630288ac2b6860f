namespace FlinkSdk.Tests.Serialization;

/// <summary>Measures what a piece of code allocates on the calling thread, robustly enough for a loaded CI machine.</summary>
internal static class Allocations
{
    /// <summary>
    /// The fewest bytes <paramref name="action"/> allocated on this thread in several runs after a warm-up. One run
    /// alone can be charged for the runtime's own work (a method recompiled at a higher tier or on stack replacement
    /// mid-loop, type loading) on a loaded machine; an allocation of the code under test shows up in every run.
    /// </summary>
    public static long Least(Action action)
    {
        action(); // warm up: JIT, static initializers
        long least = long.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
