using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>A small keyed operator whose annotated state the interop tests encode and decode with another implementation.</summary>
[StatefulOperator]
internal sealed partial class WordTally : KeyedProcessFunction<string, string, string>
{
    [State(1)]
    private long _count;

    [State(2)]
    private List<string> _words = [];

    [State(4)]
    private Money _spent = new(0.00m, "EUR");

    [State(7)]
    private string? _label = "new";

    public (long Count, List<string> Words, Money Spent, string? Label) Values => (_count, _words, _spent, _label);

    public void Add(string word, decimal price)
    {
        _count++;
        _words.Add(word);
        _spent = _spent with { Amount = _spent.Amount + price };
        _label = "seen";
    }

    public override void ProcessElement(string value, Context context, ICollector<string> output) => Add(value, 0m);
}
