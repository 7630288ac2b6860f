// Shared source: compiled by the runtime (public) and, as linked source, by the analyzer assembly
// (internal, FLINKSDK_ANALYZERS). Keep it netstandard2.0-compatible and dependency-free.
using System.Collections.Generic;

namespace FlinkSdk.Configuration
{
    /// <summary>How serious a configuration problem is.</summary>
#if FLINKSDK_ANALYZERS
    internal
#else
    public
#endif
    enum ProblemSeverity
    {
        /// <summary>The configuration works, but probably not as intended (Flink logs a warning or ignores the value).</summary>
        Warning = 1,

        /// <summary>The configuration is rejected; a job with it does not start.</summary>
        Error = 2,
    }

    /// <summary>One problem found in a configuration: a stable rule id, a severity and a message that names the bad value.</summary>
#if FLINKSDK_ANALYZERS
    internal
#else
    public
#endif
    sealed class ConfigurationProblem
    {
        /// <summary>Creates a problem.</summary>
        /// <param name="ruleId">The stable rule id, e.g. <c>FLK0020</c>.</param>
        /// <param name="severity">How serious the problem is.</param>
        /// <param name="message">What is wrong, with the bad value and what would be valid.</param>
        /// <param name="keys">The configuration keys involved, the one to fix first.</param>
        /// <param name="location">Where the offending value was written (file and line, environment, argument), if known.</param>
        public ConfigurationProblem(string ruleId, ProblemSeverity severity, string message, IReadOnlyList<string> keys, string? location = null)
        {
            RuleId = ruleId;
            Severity = severity;
            Message = message;
            Keys = keys;
            Location = location;
        }

        /// <summary>The stable rule id (<c>FLKnnnn</c>); see <c>docs/diagnostics</c>.</summary>
        public string RuleId { get; }

        /// <summary>How serious the problem is.</summary>
        public ProblemSeverity Severity { get; }

        /// <summary>What is wrong, naming the bad value and what would be valid.</summary>
        public string Message { get; }

        /// <summary>The configuration keys involved; the first is the one to change.</summary>
        public IReadOnlyList<string> Keys { get; }

        /// <summary>Where the offending value came from (for example <c>config.yaml:12</c>), or <see langword="null"/>.</summary>
        public string? Location { get; }

        /// <summary>Returns a copy located at <paramref name="location"/>.</summary>
        /// <param name="location">The new location.</param>
        /// <returns>The located problem.</returns>
        public ConfigurationProblem WithLocation(string? location) =>
            new ConfigurationProblem(RuleId, Severity, Message, Keys, location);

        /// <summary>Formats the problem as <c>error FLK0020: message (at location)</c>.</summary>
        /// <returns>The formatted problem.</returns>
        public override string ToString() =>
            (Severity == ProblemSeverity.Error ? "error " : "warning ") + RuleId + ": " + Message +
            (Location is null ? string.Empty : " (at " + Location + ")");
    }
}
