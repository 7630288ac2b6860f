using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Tests.State;

/// <summary>
/// The runtime's own state backends behind <see cref="IRuntimeContext"/>, without a running job: keyed value state
/// in a <see cref="HeapKeyedStateBackend{TKey}"/> of 128 key groups, operator lists in an <see cref="OperatorStateStore"/>.
/// </summary>
internal sealed class StateBackendsContext(HeapKeyedStateBackend<string> keyed, OperatorStateStore lists) : IRuntimeContext
{
    public string OperatorName => "under-test";

    public int SubtaskIndex => 0;

    public int Parallelism => 1;

    public int MaxParallelism => keyed.MaxParallelism;

    public HeapKeyedStateBackend<string> Keyed => keyed;

    public OperatorStateStore Lists => lists;

    public IValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor) => keyed.GetValueState(descriptor);

    public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor) => lists.GetListState(descriptor);
}
