using FlinkSdk.Checkpointing;
using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Runtime.Operators;

/// <summary>An operator with a life cycle: opened before the first record, closed after the last (or on failure).</summary>
internal interface ILifecycleOperator
{
    void Open();

    void Close();
}

/// <summary>An operator with processing-time timers, fired by its task's mailbox loop.</summary>
internal interface IProcessingTimeOperator
{
    /// <summary>The earliest processing-time timer, in Unix milliseconds, if any.</summary>
    long? NextProcessingTime { get; }

    void FireProcessingTimers(long now);
}

/// <summary>The <see cref="IRuntimeContext"/> handed to user functions.</summary>
internal sealed class OperatorRuntimeContext(OperatorSetup setup, Func<StateDescriptor, object>? keyedState) : IRuntimeContext
{
    public OperatorStateStore OperatorState { get; } = new();

    public string OperatorName => setup.Name;

    public int SubtaskIndex => setup.SubtaskIndex;

    public int Parallelism => setup.Parallelism;

    public int MaxParallelism => setup.MaxParallelism;

    public IValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor) =>
        keyedState is null
            ? throw new InvalidOperationException($"Keyed state can only be used on a 'keyed stream', i.e., after a 'KeyBy()' operation ('{descriptor.Name}' in {setup.Describe()}).")
            : (IValueState<T>)keyedState(descriptor);

    public IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor) => OperatorState.GetListState(descriptor);

    /// <summary>Restores the operator lists: the subtask's own with unchanged parallelism, else all old subtasks' split round-robin.</summary>
    public void RestoreOperatorState(RestoredOperatorState restored)
    {
        var blobs = OperatorSnapshot.Field(restored, SnapshotFields.OperatorLists);
        bool same = restored.OldParallelism == setup.Parallelism;
        OperatorState.RestoreSchemas(OperatorSnapshot.Field(restored, SnapshotFields.OperatorListSchemas).Select(b => b.Data));
        OperatorState.Restore([.. blobs.Where(b => !same || b.Subtask == setup.SubtaskIndex).Select(b => b.Data)], same, setup.SubtaskIndex, setup.Parallelism);
    }

    /// <summary>Synchronous phase: copies the operator lists into <paramref name="snapshot"/> (with their schemas).</summary>
    public OperatorSnapshot SnapshotOperatorState(OperatorSnapshot snapshot)
    {
        var lists = OperatorState.TakeSnapshot();
        snapshot.Add(SnapshotFields.OperatorLists, (ref Serialization.MessagePackWriter w) => lists.Write(ref w));
        return lists.HasSchemas ? snapshot.Add(SnapshotFields.OperatorListSchemas, (ref Serialization.MessagePackWriter w) => lists.WriteSchemas(ref w)) : snapshot;
    }
}
