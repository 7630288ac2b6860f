namespace FlinkSdk.State;

/// <summary>
/// Marks a <see langword="partial"/> class whose <see cref="StateAttribute"/> members the source generator
/// checkpoints: a <see cref="DataStream.KeyedProcessFunction{TKey, TIn, TOut}"/>, a
/// <see cref="DataStream.ProcessFunction{TIn, TOut}"/>, a rich map, flatMap or filter function, or a class
/// implementing <see cref="Connectors.ISourceReader{T}"/> or <see cref="Connectors.ISinkWriter{T}"/>. In a keyed
/// operator (a keyed process function, or a rich function applied to a keyed stream) the members hold the current
/// key's values; elsewhere they are operator state of the parallel instance.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatefulOperatorAttribute : Attribute;

/// <summary>Marks an instance field or auto-property of a <see cref="StatefulOperatorAttribute"/> class as checkpointed state.</summary>
/// <param name="id">The member's id in the snapshot: non-negative, unique in the class, and never reused for another member.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class StateAttribute(int id) : Attribute
{
    /// <summary>The member's id in the snapshot.</summary>
    public int Id { get; } = id;
}

/// <summary>
/// Makes a user type (class, struct, record or record struct) serializable in state and in flight: the source
/// generator writes a MessagePack serializer for its <see cref="KeyAttribute"/> members.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class SnapshotTypeAttribute : Attribute;

/// <summary>Gives a member of a <see cref="SnapshotTypeAttribute"/> type its id in the serialized map.</summary>
/// <param name="id">The member's id: non-negative, unique in the type, and never reused for another member.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class KeyAttribute(int id) : Attribute
{
    /// <summary>The member's id.</summary>
    public int Id { get; } = id;
}

/// <summary>
/// Marks a method (<c>void M()</c> or <c>void M(long checkpointId)</c>) of a <see cref="StatefulOperatorAttribute"/>
/// class to call on the task thread just before its state is captured for a checkpoint (Flink's
/// <c>prepareSnapshotPreBarrier</c>): flush buffers into state here.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class BeforeSnapshotAttribute : Attribute;

/// <summary>Marks a method <c>void M(long checkpointId)</c> to call when a checkpoint completed (Flink's <c>notifyCheckpointComplete</c>).</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnCheckpointCompleteAttribute : Attribute;

/// <summary>Marks a method <c>void M(long checkpointId)</c> to call when a checkpoint was aborted (Flink's <c>notifyCheckpointAborted</c>).</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnCheckpointAbortedAttribute : Attribute;
