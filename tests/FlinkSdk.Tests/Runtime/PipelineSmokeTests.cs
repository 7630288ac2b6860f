using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.Runtime;

public class PipelineSmokeTests
{
    private sealed class CountPerKey : KeyedProcessFunction<long, long, (long Key, long Count)>
    {
        private IValueState<long> _count = null!;

        public override void Open(IRuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

        public override void ProcessElement(long value, Context context, ICollector<(long Key, long Count)> output)
        {
            long next = _count.Value + 1;
            _count.Value = next;
            output.Collect((value, next));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task KeyedCountMatchesSequentialReference(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<(long Key, long Count)>();
        env.FromSequence(0, 99_999)
            .FlatMap<long>((v, output) => output.Collect(v % 1000))
            .KeyBy(k => k)
            .Process(new CountPerKey())
            .SinkTo(sink);

        await env.ExecuteAsync("count");

        var finalCounts = sink.Results.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Max(r => r.Count));
        Assert.Equal(1000, finalCounts.Count);
        Assert.All(finalCounts.Values, c => Assert.Equal(100, c));
        Assert.Equal(100_000, sink.Results.Count);
    }
}
