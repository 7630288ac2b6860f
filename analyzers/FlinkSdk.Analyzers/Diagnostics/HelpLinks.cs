namespace FlinkSdk.Analyzers.Diagnostics;

/// <summary>Where each rule's documentation page lives: <c>docs/diagnostics/FLKnnnn.md</c> in the repository.</summary>
internal static class HelpLinks
{
    /// <summary>The folder of the rule pages; one page per id.</summary>
    public const string BaseUri = "https://github.com/flinksdk/flinksdk/blob/main/docs/diagnostics/";

    public static string For(string id) => BaseUri + id + ".md";
}
