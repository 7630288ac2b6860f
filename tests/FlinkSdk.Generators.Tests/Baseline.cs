namespace FlinkSdk.Generators.Tests;

/// <summary>
/// Golden files: generated sources compared with <c>Baselines/&lt;scenario&gt;/&lt;hint name&gt;.txt</c>. Set
/// <c>FLINKSDK_ACCEPT_BASELINES=1</c> to rewrite them from the current output instead.
/// </summary>
internal static class Baseline
{
    public static void Verify(string scenario, IReadOnlyList<(string HintName, string Text)> sources)
    {
        string folder = RepositoryPaths.Combine("tests", "FlinkSdk.Generators.Tests", "Baselines", scenario);
        if (Environment.GetEnvironmentVariable("FLINKSDK_ACCEPT_BASELINES") == "1")
        {
            Directory.CreateDirectory(folder);
            foreach (string stale in Directory.GetFiles(folder, "*.txt"))
            {
                File.Delete(stale);
            }

            foreach (var (hint, text) in sources)
            {
                File.WriteAllText(Path.Combine(folder, hint + ".txt"), text);
            }

            return;
        }

        Assert.True(Directory.Exists(folder), $"No baselines in {folder}; run with FLINKSDK_ACCEPT_BASELINES=1 to create them.");
        var expectedFiles = Directory.GetFiles(folder, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var actualFiles = sources.Select(s => s.HintName + ".txt").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedFiles, actualFiles);
        foreach (var (hint, text) in sources)
        {
            string expected = File.ReadAllText(Path.Combine(folder, hint + ".txt")).ReplaceLineEndings("\n");
            string actual = text.ReplaceLineEndings("\n");
            if (expected != actual)
            {
                Assert.Fail($"{scenario}/{hint} differs from its baseline ({FirstDifference(expected, actual)}). " +
                    "If the change is intended, re-run with FLINKSDK_ACCEPT_BASELINES=1 and review the diff.\n--- actual ---\n" + actual);
            }
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] want = expected.Split('\n');
        string[] got = actual.Split('\n');
        for (int i = 0; i < Math.Max(want.Length, got.Length); i++)
        {
            string w = i < want.Length ? want[i] : "<end of file>";
            string g = i < got.Length ? got[i] : "<end of file>";
            if (w != g)
            {
                return $"line {i + 1}: expected `{w}`, got `{g}`";
            }
        }

        return "no line differs";
    }
}
