using FlinkSdk.State;
using FlinkSdk.Tests.State;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Sdk;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// A whole operator's annotated state, random per key, goes through the generated <see cref="IGeneratedStateful"/> and
/// <see cref="IGeneratedKeyedState"/> glue into the runtime's state backends, into checkpoint bytes, and back into a new
/// instance of the operator unchanged. See <see cref="PropertyChecks"/> for replaying a failure.
/// </summary>
public sealed class OperatorStatePropertyTests
{
    private static readonly Gen<EveryKindValues> EveryKind =
        from count in StateGenerators.Longs
        from name in StateGenerators.NullableText
        from order in StateGenerators.OrNull(StateGenerators.Orders)
        from customer in StateGenerators.Customers
        from lines in StateGenerators.ListOf(StateGenerators.Lines)
        from totals in StateGenerators.DictionaryOf(StateGenerators.Text, StateGenerators.Monies)
        from point in StateGenerators.Points
        from maybeMoney in StateGenerators.OrNone(StateGenerators.Monies)
        from history in StateGenerators.ListOf(StateGenerators.Text)
        from pair in Gen.Zip(StateGenerators.Ints, StateGenerators.NullableText)
        from total in StateGenerators.Decimals
        from seen in StateGenerators.DateTimeOffsets
        from tier in StateGenerators.Tiers
        from blob in StateGenerators.Bytes
        from ids in StateGenerators.ListOf(StateGenerators.Guids)
        select new EveryKindValues(count, name, order, customer, lines, totals, point, maybeMoney, [.. history], pair, total, seen, tier, blob, [.. ids]);

    /// <summary>Up to 8 keys (any text) with their values.</summary>
    private static readonly Gen<Dictionary<string, EveryKindValues>> PerKey = StateGenerators.DictionaryOf(StateGenerators.Text, EveryKind);

    private static readonly Gen<OrderBookValues> OrderBook =
        from sequence in StateGenerators.Longs
        from open in StateGenerators.OrNull(StateGenerators.Orders)
        from customers in StateGenerators.ListOf(StateGenerators.Customers)
        from times in StateGenerators.ListOf(StateGenerators.DateTimes)
        select new OrderBookValues(sequence, open, customers, new Queue<DateTime>(times));

    [Fact]
    public void Keyed_operator_state_is_restored_per_key_from_a_checkpoint() => PropertyChecks.Check(Prop.ForAll(PerKey.ToArbitrary(), perKey =>
    {
        var (before, context) = Initialized<EveryKindKeyedOperator>(new StateBackendsContext(StateSnapshots.NewKeyedBackend(), new OperatorStateStore()));
        foreach (var (key, values) in perKey)
        {
            context.Keyed.SetCurrentKey(key);
            ((IGeneratedKeyedState)before).LoadState();
            before.Values = values;
            ((IGeneratedKeyedState)before).StoreState();
        }

        byte[] checkpoint = StateSnapshots.Keyed(context.Keyed);

        var (after, restored) = Initialized<EveryKindKeyedOperator>(new StateBackendsContext(StateSnapshots.RestoreKeyed(checkpoint), new OperatorStateStore()));
        foreach (var (key, values) in perKey)
        {
            restored.Keyed.SetCurrentKey(key);
            ((IGeneratedKeyedState)after).LoadState();
            Expect(values, after.Values, $"key \"{key}\"");
        }

        // A key the checkpoint does not hold starts from the initial values.
        restored.Keyed.SetCurrentKey("\u0001never-stored");
        ((IGeneratedKeyedState)after).LoadState();
        Expect(new EveryKindKeyedOperator().Values, after.Values, "a new key");
    }));

    [Fact]
    public void Non_keyed_operator_state_is_restored_from_a_checkpoint() => PropertyChecks.Check(Prop.ForAll(OrderBook.ToArbitrary(), values =>
    {
        var (before, context) = Initialized<OrderBookOperator>(new StateBackendsContext(StateSnapshots.NewKeyedBackend(), new OperatorStateStore()));
        before.Values = values;
        ((IGeneratedStateful)before).BeforeSnapshot(1);
        var checkpoint = StateSnapshots.Operator(context.Lists);

        var (after, _) = Initialized<OrderBookOperator>(new StateBackendsContext(StateSnapshots.NewKeyedBackend(), StateSnapshots.RestoreOperator(checkpoint)));

        Expect(values, after.Values, "the operator");
    }));

    private static (T Operator, StateBackendsContext Context) Initialized<T>(StateBackendsContext context)
        where T : IGeneratedStateful, new()
    {
        var op = new T();
        op.InitializeState(context);
        return (op, context);
    }

    private static void Expect(object expected, object actual, string what)
    {
        if (Structural.Diff(expected, actual) is { } difference)
        {
            throw new XunitException($"{what}: {difference}");
        }
    }
}
