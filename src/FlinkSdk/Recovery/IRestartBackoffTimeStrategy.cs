namespace FlinkSdk.Recovery;

/// <summary>
/// Decides whether a failed job may restart and how long to wait first (Flink's <c>RestartBackoffTimeStrategy</c>).
/// </summary>
/// <remarks>
/// <para>
/// The failure handler calls <see cref="NotifyFailure"/> first, then <see cref="CanRestart"/>. If a restart is allowed
/// it is scheduled after <see cref="GetBackoffTime"/>, and the job's restart count grows only when
/// <see cref="NotifyFailure"/> reported a new attempt. Otherwise the job fails with
/// <c>"Recovery is suppressed by " + strategy.ToString()</c>, so <see cref="object.ToString"/> prints the strategy as
/// Flink does, for example <c>FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3, backoffTimeMS=1000)</c>.
/// </para>
/// <para>Like Flink's, implementations are not thread-safe: one scheduler thread drives a strategy.</para>
/// </remarks>
public interface IRestartBackoffTimeStrategy
{
    /// <summary>Records a failure of the job.</summary>
    /// <param name="cause">The failure.</param>
    /// <returns>
    /// <see langword="true"/> if the failure starts a new restart attempt; <see langword="false"/> if it was merged into
    /// the attempt already scheduled (exponential-delay merges failures that arrive before its scheduled restart).
    /// </returns>
    bool NotifyFailure(Exception cause);

    /// <summary>Whether the job may restart after the failures notified so far.</summary>
    /// <returns><see langword="true"/> to restart; <see langword="false"/> if the last failure is terminal.</returns>
    bool CanRestart();

    /// <summary>How long to wait before the restart, in whole milliseconds as Flink counts it.</summary>
    /// <returns>The delay; never negative.</returns>
    TimeSpan GetBackoffTime();
}
