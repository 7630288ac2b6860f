using System.Collections.Concurrent;
using System.Diagnostics;
using FlinkSdk.Connectors;

namespace FlinkSdk.Tests.Runtime;

/// <summary>Collects records and lets a test wait, with a timeout, until a condition over them holds.</summary>
internal sealed class SignalSink<T> : ISink<T>
{
    private readonly ConcurrentQueue<T> _items = new();

    public IReadOnlyList<T> Items => [.. _items];

    public ISinkWriter<T> CreateWriter(SinkWriterContext context) => new Writer(_items);

    public async Task WaitUntilAsync(Func<IReadOnlyList<T>, bool> condition, Task job, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition(Items))
        {
            if (job.IsCompleted)
            {
                await job.WaitAsync(timeout); // surfaces the job's failure
                Assert.Fail($"The job ended before the expected records arrived; got {Items.Count}: {string.Join(", ", Items)}");
            }

            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout} waiting for records; got {Items.Count}: {string.Join(", ", Items)}");
            }

            await Task.Delay(10);
        }
    }

    private sealed class Writer(ConcurrentQueue<T> items) : ISinkWriter<T>
    {
        public void Write(T value, long? timestamp) => items.Enqueue(value);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
