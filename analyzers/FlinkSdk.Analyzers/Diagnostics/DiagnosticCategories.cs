namespace FlinkSdk.Analyzers.Diagnostics;

/// <summary>The categories of FlinkSdk's rules, as listed in AnalyzerReleases.*.md.</summary>
internal static class DiagnosticCategories
{
    public const string Configuration = "FlinkSdk.Configuration";
    public const string State = "FlinkSdk.State";
}
