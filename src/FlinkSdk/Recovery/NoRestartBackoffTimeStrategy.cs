namespace FlinkSdk.Recovery;

/// <summary>
/// Never restarts: the first failure fails the job (Flink's <c>NoRestartBackoffTimeStrategy</c>, restart strategy
/// <c>none</c>, <c>off</c> or <c>disable</c>; the default when checkpointing is off).
/// </summary>
public sealed class NoRestartBackoffTimeStrategy : IRestartBackoffTimeStrategy
{
    private NoRestartBackoffTimeStrategy()
    {
    }

    /// <summary>The single instance; the strategy has no state.</summary>
    public static NoRestartBackoffTimeStrategy Instance { get; } = new();

    /// <inheritdoc/>
    /// <returns>Always <see langword="true"/>.</returns>
    public bool NotifyFailure(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return true;
    }

    /// <inheritdoc/>
    /// <returns>Always <see langword="false"/>.</returns>
    public bool CanRestart() => false;

    /// <inheritdoc/>
    /// <returns>Always <see cref="TimeSpan.Zero"/>.</returns>
    public TimeSpan GetBackoffTime() => TimeSpan.Zero;

    /// <summary>Flink's text: <c>NoRestartBackoffTimeStrategy</c>.</summary>
    /// <returns>The strategy's name.</returns>
    public override string ToString() => "NoRestartBackoffTimeStrategy";
}
