using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace FlinkSdk.Generators.Emitting;

/// <summary>
/// The code a deserializer uses to note which members of a map it read: one bit per member (by position in the
/// member list, not by id) in <c>ulong</c> locals, so "was everything read?" costs one comparison per 64 members and
/// nothing is allocated.
/// </summary>
internal sealed class SeenMask
{
    private const int BitsPerWord = 64;
    private readonly int _count;

    /// <param name="count">How many members are tracked (positions 0 to <paramref name="count"/> - 1).</param>
    public SeenMask(int count) => _count = count;

    /// <summary>Declares the locals, all bits clear.</summary>
    public void Declare(SourceWriter writer)
    {
        for (int word = 0; word < Words; word++)
        {
            writer.Line($"ulong {WordName(word)} = 0;");
        }
    }

    /// <summary>A statement recording that the member at <paramref name="position"/> was read.</summary>
    public string Mark(int position) => $"{WordOf(position)} |= {Bit(position)};";

    /// <summary>A condition true when the member at <paramref name="position"/> was not read.</summary>
    public string IsMissing(int position) => $"({WordOf(position)} & {Bit(position)}) == 0";

    /// <summary>A condition true when the member at <paramref name="position"/> was read.</summary>
    public string WasRead(int position) => $"({WordOf(position)} & {Bit(position)}) != 0";

    /// <summary>A condition true when any tracked member was not read.</summary>
    public string AnyMissing() => AnyMissing(Enumerable.Range(0, _count));

    /// <summary>A condition true when any member at <paramref name="positions"/> was not read.</summary>
    public string AnyMissing(IEnumerable<int> positions)
    {
        var conditions = new List<string>();
        foreach (var word in positions.GroupBy(p => p / BitsPerWord).OrderBy(g => g.Key))
        {
            ulong mask = word.Aggregate(0UL, (bits, position) => bits | (1UL << (position % BitsPerWord)));
            bool wholeWord = word.Count() == WordSize(word.Key);
            conditions.Add(
                wholeWord ? $"{WordName(word.Key)} != {Hex(mask)}"
                : word.Count() == 1 ? IsMissing(word.Single())
                : $"({WordName(word.Key)} & {Hex(mask)}) != {Hex(mask)}");
        }

        return conditions.Count == 0 ? "false" : string.Join(" || ", conditions);
    }

    private int Words => (_count + BitsPerWord - 1) / BitsPerWord;

    /// <summary>How many members the word holds: 64, except for the last.</summary>
    private int WordSize(int word) => word < Words - 1 ? BitsPerWord : _count - (word * BitsPerWord);

    private string WordName(int word) => Words == 1 ? "seen" : "seen" + EmitHelpers.Int(word);

    private string WordOf(int position) => WordName(position / BitsPerWord);

    private static string Bit(int position) => Hex(1UL << (position % BitsPerWord));

    private static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture) + "UL";
}
