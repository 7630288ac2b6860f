using FlinkSdk.Serialization;

namespace FlinkSdk.Tests.Serialization;

/// <summary>
/// DESIGN.md's evolution rule: a state object is a map keyed by small integer field ids; unknown ids are skipped,
/// missing ids keep their defaults, a retired id is never reused. Here written by hand the way generated code does.
/// </summary>
public class StateEvolutionTests
{
    /// <summary>Version 1: [State(1)] Word, [State(2)] Count.</summary>
    internal sealed class WordCountV1 : IStateSerializable<WordCountV1>
    {
        public string Word { get; set; } = "<none>";

        public long Count { get; set; } = -1;

        public static void Serialize(ref MessagePackWriter writer, WordCountV1 value)
        {
            writer.WriteMapHeader(2);
            writer.Write(1);
            writer.Write(value.Word);
            writer.Write(2);
            writer.Write(value.Count);
        }

        public static WordCountV1 Deserialize(ref MessagePackReader reader)
        {
            var result = new WordCountV1();
            int fields = reader.ReadMapHeader();
            for (int i = 0; i < fields; i++)
            {
                switch (reader.ReadInt32())
                {
                    case 1:
                        result.Word = reader.ReadString()!;
                        break;
                    case 2:
                        result.Count = reader.ReadInt64();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return result;
        }
    }

    /// <summary>
    /// Version 2: keeps 1, retires 2 (Count moved to a wider field 5), adds 3 (a nested structure) and 4, 5.
    /// </summary>
    internal sealed class WordCountV2 : IStateSerializable<WordCountV2>
    {
        public string Word { get; set; } = "<none>";

        public Dictionary<int, List<string>> Seen { get; set; } = [];

        public DateTime? LastSeen { get; set; }

        public decimal Total { get; set; } = 42m;

        public static void Serialize(ref MessagePackWriter writer, WordCountV2 value)
        {
            writer.WriteMapHeader(4);
            writer.Write(1);
            writer.Write(value.Word);
            writer.Write(3);
            StateSerializers.For<Dictionary<int, List<string>>>().Serialize(ref writer, value.Seen);
            writer.Write(4);
            StateSerializers.For<DateTime?>().Serialize(ref writer, value.LastSeen);
            writer.Write(5);
            StateSerializers.For<decimal>().Serialize(ref writer, value.Total);
        }

        public static WordCountV2 Deserialize(ref MessagePackReader reader)
        {
            var result = new WordCountV2();
            int fields = reader.ReadMapHeader();
            for (int i = 0; i < fields; i++)
            {
                switch (reader.ReadInt32())
                {
                    case 1:
                        result.Word = reader.ReadString()!;
                        break;
                    case 3:
                        result.Seen = StateSerializers.For<Dictionary<int, List<string>>>().Deserialize(ref reader);
                        break;
                    case 4:
                        result.LastSeen = StateSerializers.For<DateTime?>().Deserialize(ref reader);
                        break;
                    case 5:
                        result.Total = StateSerializers.For<decimal>().Deserialize(ref reader);
                        break;
                    default: // 2 is retired: old checkpoints still hold it, and it is skipped like any unknown id
                        reader.Skip();
                        break;
                }
            }

            return result;
        }
    }

    [Fact]
    public void Old_reader_skips_fields_it_does_not_know_and_keeps_defaults_for_missing_ones()
    {
        var v2 = new WordCountV2
        {
            Word = "flink",
            Seen = new() { [1] = ["a", "b"], [70000] = [new string('x', 300)] },
            LastSeen = new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc).AddTicks(1),
            Total = -0.5m,
        };

        var v1 = StateSerializers.Deserialize<WordCountV1>(StateSerializers.Serialize(v2));

        Assert.Equal("flink", v1.Word); // known id 1 restored
        Assert.Equal(-1, v1.Count); // id 2 missing: default kept
    }

    [Fact]
    public void New_reader_restores_an_old_checkpoint_skipping_the_retired_id()
    {
        var v1 = new WordCountV1 { Word = "stream", Count = long.MaxValue };

        var v2 = StateSerializers.Deserialize<WordCountV2>(StateSerializers.Serialize(v1));

        Assert.Equal("stream", v2.Word);
        Assert.Empty(v2.Seen); // ids 3, 4, 5 missing: defaults kept
        Assert.Null(v2.LastSeen);
        Assert.Equal(42m, v2.Total);
    }

    [Fact]
    public void Unknown_ids_may_hold_any_value_and_appear_in_any_order()
    {
        // A future version wrote ids 9 (a nested map of arrays with an ext), 1, -3 (a timestamp), 2, 200 (bin 16).
        byte[] future = Msg.Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(5);
            w.Write(9);
            w.WriteMapHeader(2);
            w.Write("nested");
            w.WriteArrayHeader(3);
            w.Write(1.5);
            w.WriteNil();
            w.WriteExtension(12, new byte[20]);
            w.Write(7);
            w.WriteMapHeader(0);
            w.Write(1);
            w.Write("future");
            w.Write(-3);
            w.WriteTimestamp(new MessagePackTimestamp(-100, 5));
            w.Write(2);
            w.Write(12345);
            w.Write(200);
            w.WriteBinary(new byte[1000]);
        });

        var v1 = StateSerializers.Deserialize<WordCountV1>(future);

        Assert.Equal("future", v1.Word);
        Assert.Equal(12345, v1.Count);
    }

    [Fact]
    public void Keyed_state_of_many_keys_restores_through_the_old_reader()
    {
        var state = Enumerable.Range(0, 1000).ToDictionary(
            i => "key-" + i,
            i => new WordCountV2 { Word = "w" + i, Seen = new() { [i] = ["s"] } });

        var restored = StateSerializers.Deserialize<Dictionary<string, WordCountV1>>(StateSerializers.Serialize(state));

        Assert.Equal(1000, restored.Count);
        Assert.All(restored, pair =>
        {
            Assert.Equal("w" + pair.Key["key-".Length..], pair.Value.Word);
            Assert.Equal(-1, pair.Value.Count);
        });
    }
}
