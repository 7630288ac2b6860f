using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Samples.WordCount;

/// <summary>Splits lines into words: maximal runs of non-whitespace, compared ordinally.</summary>
public static class Tokenizer
{
    /// <summary>Emits each word of <paramref name="line"/>.</summary>
    /// <param name="line">The line.</param>
    /// <param name="output">Where words go.</param>
    public static void Split(string line, ICollector<string> output)
    {
        int start = -1;
        for (int i = 0; i <= line.Length; i++)
        {
            bool boundary = i == line.Length || char.IsWhiteSpace(line[i]);
            if (!boundary && start < 0)
            {
                start = i;
            }
            else if (boundary && start >= 0)
            {
                output.Collect(line[start..i]);
                start = -1;
            }
        }
    }
}

/// <summary>Counts each word in keyed state and emits <c>word&lt;TAB&gt;running-count</c> for every occurrence.</summary>
/// <remarks>
/// <c>_count</c> is annotated state: in a keyed operator it holds the current word's count while an element is
/// processed, and the source generator checkpoints and restores it (no state descriptor, no serializer).
/// </remarks>
[StatefulOperator]
public sealed partial class RunningCount : KeyedProcessFunction<string, string, string>
{
    [State(1)]
    private long _count;

    /// <inheritdoc/>
    public override void ProcessElement(string word, Context context, ICollector<string> output)
    {
        _count++;
        output.Collect($"{word}\t{_count}");
    }
}
