namespace FlinkSdk.Generators.Tests.Packaging;

/// <summary>
/// The program of a project that uses the packed runtime the way a user would: annotated state, a job printing
/// its output, and a generated serializer called directly.
/// </summary>
internal static class ConsumerProject
{
    /// <summary>What <see cref="Program"/> prints: per-key running counts, then the record's generated MessagePack.</summary>
    public static readonly string[] ExpectedOutput =
    [
        "a 1",
        "b 1",
        "a 2",
        "c 1",
        "a 3",
        "b 2",
        // {0: "a", 1: 3}: fixmap of 2, key 0, fixstr "a", key 1, positive fixint 3.
        "last of a: WordTotal { Word = a, Count = 3 } = 8200A1610103",
    ];

    // Without the generator this does not compile: WordTotalStateSerializer exists only as generated code. It
    // also runs wrong without it: _count would be one field shared by all words instead of per-key state.
    public const string Program = """
        using System.Buffers;
        using FlinkSdk.DataStream;
        using FlinkSdk.Serialization;
        using FlinkSdk.State;

        var env = StreamExecutionEnvironment.Create().SetParallelism(1);
        env.FromCollection(["a", "b", "a", "c", "a", "b"])
            .KeyBy(word => word)
            .Process(new CountPerWord())
            .Print();
        await env.ExecuteAsync("consumer");

        var last = new WordTotal("a", 3);
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        WordTotalStateSerializer.Instance.Serialize(ref writer, last);
        writer.Flush();
        var reader = new MessagePackReader(buffer.WrittenSpan);
        var restored = WordTotalStateSerializer.Instance.Deserialize(ref reader);
        Console.WriteLine($"last of a: {restored} = {Convert.ToHexString(buffer.WrittenSpan)}");

        [SnapshotType]
        public sealed record WordTotal([property: Key(0)] string Word, [property: Key(1)] long Count);

        [StatefulOperator]
        public sealed partial class CountPerWord : KeyedProcessFunction<string, string, string>
        {
            [State(1)]
            private long _count;

            [State(2)]
            private WordTotal? _last;

            public override void ProcessElement(string word, Context context, ICollector<string> output)
            {
                _count++;
                _last = new WordTotal(word, _count);
                output.Collect($"{_last.Word} {_last.Count}");
            }
        }
        """;
}
