namespace FlinkSdk.TestUtilities;

/// <summary>Finds the repository the tests run from (linked into every test project).</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding FlinkSdk.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlinkSdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FlinkSdk.sln not found above " + AppContext.BaseDirectory);
    }
}
