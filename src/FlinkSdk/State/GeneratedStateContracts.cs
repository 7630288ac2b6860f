using System.ComponentModel;
using FlinkSdk.DataStream;

namespace FlinkSdk.State;

/// <summary>Implemented by the source generator for <see cref="StatefulOperatorAttribute"/> classes; not for user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGeneratedStateful
{
    /// <summary>Declares the state of the annotated members and restores them; called before the function's <c>Open</c>.</summary>
    /// <param name="context">The runtime context.</param>
    void InitializeState(IRuntimeContext context);

    /// <summary>Called on the task thread before the operator's state is captured for checkpoint <paramref name="checkpointId"/>.</summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    void BeforeSnapshot(long checkpointId);

    /// <summary>Checkpoint <paramref name="checkpointId"/> completed.</summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    void NotifyCheckpointComplete(long checkpointId);

    /// <summary>Checkpoint <paramref name="checkpointId"/> was aborted.</summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    void NotifyCheckpointAborted(long checkpointId);
}

/// <summary>Implemented by the source generator for keyed <see cref="StatefulOperatorAttribute"/> classes; not for user code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGeneratedKeyedState
{
    /// <summary>Copies the current key's state into the annotated members (before an element or timer).</summary>
    void LoadState();

    /// <summary>Copies the annotated members into the current key's state (after an element or timer).</summary>
    void StoreState();
}

/// <summary>
/// Implemented by the source generator for <see cref="StatefulOperatorAttribute"/> classes whose state the stream
/// decides (rich map, flatMap and filter functions); not for user code. On a keyed stream the runtime calls
/// <see cref="InitializeKeyedState"/> instead of <see cref="IGeneratedStateful.InitializeState"/> and loads and stores
/// the members around every record; on any other stream it uses them as operator state, as for a process function.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGeneratedScopedState : IGeneratedKeyedState
{
    /// <summary>Declares the annotated members as keyed state and restores them; called before the function's <c>Open</c>.</summary>
    /// <param name="context">The runtime context of a keyed operator.</param>
    void InitializeKeyedState(IRuntimeContext context);
}
