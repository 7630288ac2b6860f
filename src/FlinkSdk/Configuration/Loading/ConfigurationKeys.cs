namespace FlinkSdk.Configuration.Loading;

/// <summary>Maps .NET configuration paths and variable names onto Flink's dotted keys.</summary>
internal static class ConfigurationKeys
{
    /// <summary>
    /// <c>Execution:Checkpointing:Max_Concurrent_Checkpoints</c> and
    /// <c>execution.checkpointing.max-concurrent-checkpoints</c> name the same option: path separators become
    /// dots, underscores become hyphens (Flink keys never contain underscores, environment variables cannot
    /// contain hyphens), and case is ignored.
    /// </summary>
    public static string Normalize(string path) =>
        path.Trim().Replace(':', '.').Replace('_', '-').ToLowerInvariant();
}
