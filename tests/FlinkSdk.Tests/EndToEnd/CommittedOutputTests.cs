namespace FlinkSdk.Tests.EndToEnd;

/// <summary>The comparison the WordCount kill tests rely on must see loss, duplicates and leftovers.</summary>
public sealed class CommittedOutputTests : IDisposable
{
    private static readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal) { ["a"] = 3, ["b"] = 1, ["straße"] = 2 };
    private readonly string _dir = Directory.CreateTempSubdirectory("flinksdk-committed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheSameLinesInOtherFilesAndOrderAreEqual()
    {
        Write("part-0-0", "b\t1\na\t2\n");
        Write("part-1-0", "straße\t1\na\t1\n");
        Write("part-1-1", "straße\t2\na\t3\n");

        var output = CommittedOutput.Read(_dir);

        Assert.Null(CommittedOutput.Diff(CommittedOutput.Expected(Counts), output));
        Assert.Equal(6, output.LineCount);
        Assert.Empty(output.HiddenFiles);
    }

    [Fact]
    public void ADuplicatedLineAndALostLineAreBothReported()
    {
        Write("part-0-0", "b\t1\na\t1\na\t2\na\t2\n");
        Write("part-1-0", "straße\t1\nstraße\t2\n");

        string? diff = CommittedOutput.Diff(CommittedOutput.Expected(Counts), CommittedOutput.Read(_dir));

        Assert.NotNull(diff);
        Assert.Contains("1 expected lines missing", diff);
        Assert.Contains("a\\t3", diff);
        Assert.Contains("1 lines extra", diff);
        Assert.Contains("a\\t2", diff);
    }

    [Fact]
    public void HiddenFilesAreNotCommittedOutputAndTornLinesAreProblems()
    {
        Write("part-0-0", "b\t1\na\t1\na\t2\na\t3\nstraße\t1\nstraße\t2");
        Write(".part-0-1.inprogress", "a\t4\n");

        var output = CommittedOutput.Read(_dir);

        Assert.Equal([".part-0-1.inprogress"], output.HiddenFiles);
        Assert.Contains("does not end with a newline", CommittedOutput.Diff(CommittedOutput.Expected(Counts), output));
    }

    [Fact]
    public void MalformedLinesAreCompared()
    {
        Write("part-0-0", "b\t1\na\t1\na\t2\na\t03\nstraße\t1\nstraße\t2\n");

        string? diff = CommittedOutput.Diff(CommittedOutput.Expected(Counts), CommittedOutput.Read(_dir));

        Assert.NotNull(diff);
        Assert.Contains("a\\t03", diff);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);
}
