using System.Globalization;
using FlinkSdk.Analyzers.Tests.Infrastructure;

namespace FlinkSdk.Analyzers.Tests.State;

/// <summary>FLK1010: keyed state and timers used where there is no key.</summary>
public class KeyedApiTests
{
    [Fact]
    public async Task Keyed_state_and_timers_in_a_non_keyed_operator_are_reported()
    {
        var run = await Verify.DiagnosticsAsync(TestFile.Code("""
            public class Enricher : ProcessFunction<string, string>
            {
                private IValueState<long>? _count;
                private IListState<string>? _buffer;
                private ITimerService? _timers;

                public override void Open(IRuntimeContext context)
                {
                    _count = context.{|FLK1010:GetState(new ValueStateDescriptor<long>("count"))|};
                    _buffer = context.GetListState(new ListStateDescriptor<string>("buffer"));
                }

                public override void ProcessElement(string value, Context context, ICollector<string> output)
                {
                    Action later = () => _timers!.{|FLK1010:RegisterEventTimeTimer(10)|};
                    _ = _timers!.CurrentWatermark;
                }
            }
            """));
        Assert.Equal(
            "'IRuntimeContext.GetState' is only available in keyed operators, but 'Enricher' derives from 'ProcessFunction<TIn, TOut>', which runs on a non-keyed stream; key the stream with KeyBy and derive from KeyedProcessFunction, or use operator state (GetListState or [State] members)",
            run.Flk[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Keyed_state_in_a_sink_writer_is_reported()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public sealed class Writer(IRuntimeContext context) : ISinkWriter<string>
            {
                private readonly IValueState<long> _written = context.{|FLK1010:GetState(new ValueStateDescriptor<long>("written"))|};

                public void Write(string value, long? timestamp) => _written.Value++;

                public void Flush()
                {
                }

                public void Dispose()
                {
                }
            }
            """));
    }

    [Fact]
    public async Task Keyed_operators_and_helper_classes_are_not_reported()
    {
        await Verify.DiagnosticsAsync(TestFile.Code("""
            public class Counter : KeyedProcessFunction<string, string, long>
            {
                private IValueState<long>? _count;

                public override void Open(IRuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

                public override void ProcessElement(string value, Context context, ICollector<long> output)
                {
                    context.TimerService.RegisterProcessingTimeTimer(context.TimerService.CurrentProcessingTime + 1000);
                    context.TimerService.DeleteProcessingTimeTimer(0);
                }
            }

            public static class Helpers
            {
                // Whether the context is keyed depends on the caller.
                public static IValueState<long> Count(IRuntimeContext context) => context.GetState(new ValueStateDescriptor<long>("count"));
            }
            """));
    }
}
