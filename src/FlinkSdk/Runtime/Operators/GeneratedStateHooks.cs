using FlinkSdk.DataStream;
using FlinkSdk.State;

namespace FlinkSdk.Runtime.Operators;

/// <summary>
/// The checkpoint-facing hooks of one user object (function, source reader or sink writer): the generated code of
/// a <see cref="StatefulOperatorAttribute"/> class and the user's <see cref="ICheckpointListener"/>. Every operator
/// calls them the same way, so their order is the same everywhere (generated code first, then the listener) and a
/// failure in them names the operator.
/// </summary>
internal sealed class GeneratedStateHooks
{
    private readonly OperatorSetup _setup;
    private readonly IGeneratedStateful? _generated;
    private readonly IGeneratedScopedState? _scoped;
    private readonly ICheckpointListener? _listener;

    /// <summary>Resolves the hooks of <paramref name="target"/> (or the user function an adapter wraps).</summary>
    /// <param name="setup">The operator, named when a hook fails.</param>
    /// <param name="target">The function, reader or writer.</param>
    /// <param name="keyed">Whether it runs on a keyed stream: then its annotated members are keyed state.</param>
    public GeneratedStateHooks(OperatorSetup setup, object target, bool keyed)
    {
        _setup = setup;
        object user = target is IFunctionAdapter adapter ? adapter.UserFunction : target;
        _generated = user as IGeneratedStateful;
        _listener = user as ICheckpointListener;
        if (keyed)
        {
            _scoped = user as IGeneratedScopedState;
            KeyedFields = user as IGeneratedKeyedState;
        }
    }

    /// <summary>The load/store hooks of keyed annotated members; <see langword="null"/> on non-keyed streams.</summary>
    public IGeneratedKeyedState? KeyedFields { get; }

    /// <summary>Declares and restores the annotated members: as keyed state when a stream-scoped class runs keyed.</summary>
    public void InitializeState(IRuntimeContext context)
    {
        if (_scoped is not null)
        {
            OperatorException.Run(_setup, () => _scoped.InitializeKeyedState(context));
        }
        else if (_generated is not null)
        {
            OperatorException.Run(_setup, () => _generated.InitializeState(context));
        }
    }

    public void BeforeSnapshot(long checkpointId)
    {
        if (_generated is not null)
        {
            OperatorException.Run(_setup, () => _generated.BeforeSnapshot(checkpointId));
        }
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
        if (_generated is not null || _listener is not null)
        {
            OperatorException.Run(_setup, () =>
            {
                _generated?.NotifyCheckpointComplete(checkpointId);
                _listener?.NotifyCheckpointComplete(checkpointId);
            });
        }
    }

    public void NotifyCheckpointAborted(long checkpointId)
    {
        if (_generated is not null || _listener is not null)
        {
            OperatorException.Run(_setup, () =>
            {
                _generated?.NotifyCheckpointAborted(checkpointId);
                _listener?.NotifyCheckpointAborted(checkpointId);
            });
        }
    }
}
