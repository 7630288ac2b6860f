namespace FlinkSdk.Analyzers.Tests.Infrastructure;

/// <summary>A source or additional file of a test compilation, written in <see cref="Markup"/>.</summary>
internal sealed record TestFile(string Path, string Markup)
{
    public static TestFile Code(string markup, string path = "/src/Job.cs") => new(path, markup);

    public static TestFile Yaml(string markup, string path = "/src/config.yaml") => new(path, markup);

    public static TestFile Json(string markup, string path = "/src/appsettings.json") => new(path, markup);
}
