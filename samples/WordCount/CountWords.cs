using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Samples.WordCount;

/// <summary>Splits lines into lower-case words.</summary>
public static class Tokenizer
{
    private static readonly char[] Separators = [' ', '\t', '.', ',', ';', ':', '!', '?', '"', '(', ')', '-'];

    /// <summary>Emits each word of <paramref name="line"/>.</summary>
    /// <param name="line">The line.</param>
    /// <param name="output">Where words go.</param>
    public static void Split(string line, ICollector<string> output)
    {
        foreach (var word in line.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            output.Collect(word.ToLowerInvariant());
        }
    }
}

/// <summary>
/// Counts each word in keyed state and emits its final count when the input ends: a timer at the end of event
/// time fires once the bounded input's final watermark arrives.
/// </summary>
public sealed class CountWords : KeyedProcessFunction<string, string, (string Word, long Count)>
{
    private IValueState<long> _count = null!;

    /// <inheritdoc/>
    public override void Open(IRuntimeContext context) => _count = context.GetState(new ValueStateDescriptor<long>("count"));

    /// <inheritdoc/>
    public override void ProcessElement(string word, Context context, ICollector<(string Word, long Count)> output)
    {
        _count.Value++;
        context.TimerService.RegisterEventTimeTimer(long.MaxValue);
    }

    /// <inheritdoc/>
    public override void OnTimer(long timestamp, OnTimerContext context, ICollector<(string Word, long Count)> output) =>
        output.Collect((context.CurrentKey, _count.Value));
}
