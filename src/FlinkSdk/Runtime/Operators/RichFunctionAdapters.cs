using FlinkSdk.DataStream;

namespace FlinkSdk.Runtime.Operators;

/// <summary>A function the runtime wraps around the user's: state, callbacks and listeners belong to <see cref="UserFunction"/>.</summary>
internal interface IFunctionAdapter
{
    RichFunction UserFunction { get; }
}

/// <summary>
/// Runs a rich map, flatMap or filter function on a non-keyed stream as a <see cref="ProcessFunction{TIn,TOut}"/>, so
/// the process operator's chaining, operator state, snapshots and callbacks serve it unchanged.
/// </summary>
internal sealed class RichProcessAdapter<TIn, TOut>(RichFunction user, Action<TIn, ICollector<TOut>> body)
    : ProcessFunction<TIn, TOut>, IFunctionAdapter
{
    public RichFunction UserFunction => user;

    public override void Open(IRuntimeContext context) => user.Open(context);

    public override void Close() => user.Close();

    public override void ProcessElement(TIn value, Context context, ICollector<TOut> output) => body(value, output);
}

/// <summary>
/// Runs a rich map, flatMap or filter function on a keyed stream as a <see cref="KeyedProcessFunction{TKey,TIn,TOut}"/>:
/// the keyed operator sets the current key for every record, so the function's state is the key's.
/// </summary>
internal sealed class RichKeyedProcessAdapter<TKey, TIn, TOut>(RichFunction user, Action<TIn, ICollector<TOut>> body)
    : KeyedProcessFunction<TKey, TIn, TOut>, IFunctionAdapter
{
    public RichFunction UserFunction => user;

    public override void Open(IRuntimeContext context) => user.Open(context);

    public override void Close() => user.Close();

    public override void ProcessElement(TIn value, Context context, ICollector<TOut> output) => body(value, output);
}
