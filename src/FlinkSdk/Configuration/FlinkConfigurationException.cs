namespace FlinkSdk.Configuration;

/// <summary>A configuration has errors; <see cref="Problems"/> lists every one of them.</summary>
public sealed class FlinkConfigurationException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>.</summary>
    /// <param name="problems">The errors found.</param>
    public FlinkConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(FormatMessage(problems)) => Problems = problems;

    /// <summary>The errors found, each with its rule id.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    private static string FormatMessage(IReadOnlyList<ConfigurationProblem> problems) =>
        problems.Count == 1
            ? $"Invalid FlinkSdk configuration: {problems[0]}"
            : $"Invalid FlinkSdk configuration ({problems.Count} problems):{Environment.NewLine}" +
              string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
