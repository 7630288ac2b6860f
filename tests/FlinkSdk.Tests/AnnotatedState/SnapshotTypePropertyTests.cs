using FlinkSdk.Serialization;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Sdk;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// Random values of every kind of <c>[SnapshotType]</c> (record class, positional record, record struct, struct, and a
/// class holding all collection kinds, nested user types and itself) survive the generated serializers unchanged.
/// See <see cref="PropertyChecks"/> for replaying a failure.
/// </summary>
public sealed class SnapshotTypePropertyTests
{
    [Fact]
    public void Record_classes_round_trip() => CheckRoundTrip(StateGenerators.OrNull(StateGenerators.Customers), CustomerStateSerializer.Instance);

    [Fact]
    public void Positional_records_round_trip() => CheckRoundTrip(StateGenerators.OrNull(StateGenerators.Lines), LineStateSerializer.Instance);

    [Fact]
    public void Record_structs_round_trip() => CheckRoundTrip(StateGenerators.Monies, MoneyStateSerializer.Instance);

    [Fact]
    public void Structs_round_trip() => CheckRoundTrip(StateGenerators.Points, PointStateSerializer.Instance);

    [Fact]
    public void Classes_with_nested_user_types_and_collections_round_trip() => CheckRoundTrip(StateGenerators.OrNull(StateGenerators.Orders), OrderStateSerializer.Instance);

    [Fact]
    public void A_wrong_comparer_makes_the_property_fail_with_the_case_and_the_seed()
    {
        // Reference equality of the values read back: never true for a new object, so the property must fail.
        var property = RoundTripProperty(StateGenerators.OrNull(StateGenerators.Orders), OrderStateSerializer.Instance, (expected, actual) =>
            ReferenceEquals(expected, actual) ? null : "a new object was read back");

        var failure = Assert.ThrowsAny<Exception>(() => PropertyChecks.Check(property));

        Assert.Contains("Falsifiable", failure.Message, StringComparison.Ordinal);
        Assert.Contains("a new object was read back", failure.Message, StringComparison.Ordinal);
        Assert.Matches(@"\(\d+,\s*\d+\)", failure.Message);
    }

    [Fact]
    public void The_comparer_sees_a_change_anywhere_in_an_order()
    {
        var property = Prop.ForAll(StateGenerators.Orders.ToArbitrary(), order =>
        {
            var copy = StateBytes.Read(OrderStateSerializer.Instance, StateBytes.Write(OrderStateSerializer.Instance, order))!;
            copy.Total = copy.Total with { Currency = copy.Total.Currency + "!" };
            Assert.Equal("value.Total.Currency", Path(Structural.Diff(order, copy)));

            var deep = StateBytes.Read(OrderStateSerializer.Instance, StateBytes.Write(OrderStateSerializer.Instance, order))!;
            deep.Seven = deep.Seven with { Item7 = deep.Seven.Item7 + 1 };
            Assert.Equal("value.Seven.Item7", Path(Structural.Diff(order, deep)));
        });

        PropertyChecks.Check(property);
    }

    [Fact]
    public void A_replay_seed_in_an_unknown_format_is_reported_with_the_expected_format()
    {
        var error = Assert.Throws<ArgumentException>(() => PropertyChecks.Configuration("seed-42"));

        Assert.StartsWith("FLINKSDK_FSCHECK_REPLAY='seed-42' is not a replay seed: expected two unsigned integers 'seed,gamma'", error.Message, StringComparison.Ordinal);
        Assert.Equal(7UL, PropertyChecks.Configuration("(7, 9)").Replay.Value.Rnd.Seed);
    }

    private static string? Path(string? difference) => difference?[..difference.IndexOf(':', StringComparison.Ordinal)];

    private static void CheckRoundTrip<T>(Gen<T> values, IStateSerializer<T> serializer)
        => PropertyChecks.Check(RoundTripProperty(values, serializer, (expected, actual) => Structural.Diff(expected, actual)));

    /// <summary>Writing a value and reading it back gives an equal value; writing that again gives the same bytes.</summary>
    private static Property RoundTripProperty<T>(Gen<T> values, IStateSerializer<T> serializer, Func<T, T, string?> difference)
        => Prop.ForAll(values.ToArbitrary(), value =>
        {
            byte[] bytes = StateBytes.Write(serializer, value);
            T restored = StateBytes.Read(serializer, bytes);
            if (difference(value, restored) is { } found)
            {
                throw new XunitException($"{found}\nbytes: {Convert.ToHexString(bytes)}");
            }

            byte[] again = StateBytes.Write(serializer, restored);
            if (!again.AsSpan().SequenceEqual(bytes))
            {
                throw new XunitException($"writing the value read back gave other bytes:\n{Convert.ToHexString(bytes)}\n{Convert.ToHexString(again)}");
            }
        });
}
