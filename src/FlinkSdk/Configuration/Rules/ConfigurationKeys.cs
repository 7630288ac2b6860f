// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
namespace FlinkSdk.Configuration
{
    /// <summary>Where Flink keys live in .NET configuration, and how its paths and variable names map onto them.</summary>
    internal static class ConfigurationKeys
    {
        /// <summary>The <c>IConfiguration</c> section that holds Flink keys (<c>appsettings.json</c>'s <c>"Flink"</c>).</summary>
        public const string DefaultSectionName = "Flink";

        /// <summary>
        /// <c>Execution:Checkpointing:Max_Concurrent_Checkpoints</c> and
        /// <c>execution.checkpointing.max-concurrent-checkpoints</c> name the same option: path separators become
        /// dots, underscores become hyphens (Flink keys never contain underscores, environment variables cannot
        /// contain hyphens), and case is ignored.
        /// </summary>
        public static string Normalize(string path) =>
            path.Trim().Replace(':', '.').Replace('_', '-').ToLowerInvariant();
    }
}
