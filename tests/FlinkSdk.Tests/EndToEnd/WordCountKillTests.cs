using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlinkSdk.Storage;
using Xunit.Abstractions;

namespace FlinkSdk.Tests.EndToEnd;

/// <summary>
/// Runs these process-heavy tests alone, after the parallel ones: they keep both cores busy, and the kill timings
/// mean more when nothing else competes for them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WordCountEndToEndGroup
{
    public const string Name = "WordCount end-to-end";
}

/// <summary>Builds the WordCount sample once, writes the corpus, and runs the failure-free reference on first use.</summary>
public sealed class WordCountFixture : IDisposable
{
    public const string JobName = "word-count";

    // About 2 s for a failure-free run at parallelism 1 or 2 on the 2-core machine (measured: 6M words in 1.7-2.4 s).
    private const long TotalWords = 6_000_000;
    private const int Files = 8;

    private readonly Lazy<(CommittedOutput Output, WordCountAttempt Run)> _reference;

    public WordCountFixture()
    {
        // A private artifacts path: this Release build never shares bin/obj with builds of other test assemblies.
        WorkDirectory = Directory.CreateTempSubdirectory("flinksdk-wordcount-").FullName;
        string artifacts = Path.Combine(WorkDirectory, "artifacts");
        var build = ProcessRunner.Run("dotnet", ["build", RepositoryPaths.Combine("samples", "WordCount"), "-c", "Release", "--artifacts-path", artifacts], RepositoryPaths.Root, timeoutSeconds: 300);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("Building samples/WordCount failed:\n" + build);
        }

        Dll = Path.Combine(artifacts, "bin", "WordCount", "release", "WordCount.dll");
        var timer = Stopwatch.StartNew();
        Corpus = WordCorpus.Generate(Path.Combine(WorkDirectory, "input"), seed: 20_240_611, vocabularySize: 3000,
            [.. Enumerable.Range(0, Files).Select(i => ($"text-{i:00}.txt", TotalWords / Files))]);
        CorpusTime = timer.Elapsed;
        _reference = new(RunReference);
    }

    public string Dll { get; }

    public string WorkDirectory { get; }

    internal WordCorpus Corpus { get; }

    public TimeSpan CorpusTime { get; }

    /// <summary>The committed output of one failure-free run (checked against the corpus' own word counts).</summary>
    internal CommittedOutput Reference => _reference.Value.Output;

    internal WordCountAttempt ReferenceRun => _reference.Value.Run;

    /// <summary>A new empty directory below the work directory.</summary>
    public string NewDirectory(string prefix) =>
        Directory.CreateDirectory(Path.Combine(WorkDirectory, $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}")).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the temp dir is cleaned eventually.
        }
    }

    private (CommittedOutput, WordCountAttempt) RunReference()
    {
        string output = Path.Combine(WorkDirectory, "reference-output");
        string checkpoints = Path.Combine(WorkDirectory, "reference-checkpoints");
        // Parallelism 1: the committed multiset (word 1 .. word N per word) does not depend on the parallelism,
        // and with a single source subtask the reference cannot hit the end-of-input hang that
        // SourceSubtasksEndingAtDifferentTimesStillFinish reproduces, which would fail every test of the class.
        var run = WordCountProcess.Run(Dll,
            ["--input", Corpus.Directory, "--output", output, "--checkpoint-dir", checkpoints, "--interval", "100ms", "--parallelism", "1", "--from-checkpoint", "none"],
            WorkDirectory, KillPlan.None, TimeSpan.FromSeconds(60));
        if (run.TimedOut || run.ExitCode != 0)
        {
            throw new InvalidOperationException($"The failure-free reference run did not finish:\n{run.Transcript}\n{WordCountProcess.DescribeDirectory(output)}{WordCountProcess.DescribeDirectory(checkpoints)}");
        }

        // The reference is itself checked against the corpus: word 1 .. word N for a word occurring N times.
        var reference = CommittedOutput.Read(output);
        string? diff = CommittedOutput.Diff(CommittedOutput.Expected(Corpus.Counts), reference);
        if (reference.HiddenFiles.Count > 0 || diff is not null)
        {
            throw new InvalidOperationException($"The failure-free reference run committed the wrong output: hidden files [{string.Join(", ", reference.HiddenFiles)}]; " +
                $"{diff}\n{run.Transcript}");
        }

        return (reference, run);
    }
}

/// <summary>
/// The WordCount sample killed with SIGKILL at random moments and restarted from its retained checkpoints must end
/// with exactly the committed output of a run that never failed: every <c>word&lt;TAB&gt;count</c> line once, none lost.
/// </summary>
[Collection(WordCountEndToEndGroup.Name)]
public sealed class WordCountKillTests : IClassFixture<WordCountFixture>
{
    private const int MaxAttempts = 15;
    private const int KilledAttempts = 7;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    private readonly WordCountFixture _fixture;
    private readonly ITestOutputHelper _log;

    public WordCountKillTests(WordCountFixture fixture, ITestOutputHelper log)
    {
        _fixture = fixture;
        _log = log;
    }

    [Fact]
    public void FailureFreeRunCommitsEveryRunningCountOnce()
    {
        var reference = _fixture.Reference;
        _log.WriteLine($"corpus: {_fixture.Corpus.TotalWords:N0} words, {_fixture.Corpus.Counts.Count} distinct, generated in {_fixture.CorpusTime.TotalMilliseconds:0} ms");
        _log.WriteLine($"reference: {_fixture.ReferenceRun.Summary}");
        Assert.Equal(_fixture.Corpus.TotalWords, reference.LineCount);
        Assert.Empty(reference.HiddenFiles);
        Assert.Contains($"{_fixture.Corpus.TotalWords.ToString("N0", CultureInfo.InvariantCulture)} committed lines", _fixture.ReferenceRun.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(2, 22)]
    public void KilledAndRestartedRunsCommitExactlyTheReferenceOutput(int parallelism, int seed)
    {
        var reference = _fixture.Reference;
        string output = _fixture.NewDirectory($"killed-p{parallelism}-output");
        string checkpoints = _fixture.NewDirectory($"killed-p{parallelism}-checkpoints");
        try
        {
            string[] args = ["--input", _fixture.Corpus.Directory, "--output", output, "--checkpoint-dir", checkpoints,
                "--interval", "100ms", "--parallelism", parallelism.ToString(CultureInfo.InvariantCulture), "--mode", "exactly-once"];
            var random = new Random(seed);
            var attempts = new List<WordCountAttempt>();

            // The failure message: every attempt's summary and stdout, and what is on disk now.
            void Require(bool condition, string problem)
            {
                if (!condition)
                {
                    Assert.Fail($"{problem}\n{Report(attempts, output, checkpoints)}");
                }
            }

            WordCountAttempt? finished = null;
            for (int i = 0; i < MaxAttempts && finished is null; i++)
            {
                // Random delays land before the first checkpoint, between checkpoints and while one is taken;
                // right after a "Completed checkpoint" line the sinks are renaming their pending files.
                var plan = i switch
                {
                    1 => KillPlan.AfterCheckpoints(1),
                    3 => KillPlan.AfterCheckpoints(3),
                    < KilledAttempts => KillPlan.Delay(random.Next(150, 1501)),
                    _ => KillPlan.None,
                };
                var attempt = WordCountProcess.Run(_fixture.Dll, args, _fixture.WorkDirectory, plan, AttemptTimeout, i);
                attempts.Add(attempt);
                _log.WriteLine(attempt.Summary);
                foreach (var note in attempt.Notes)
                {
                    _log.WriteLine("    " + note);
                }

                if (attempt.TimedOut)
                {
                    // A hang is a failure, reported at the end; killing it and resuming still checks the output.
                    Require(attempts.Count(a => a.TimedOut) < 2, $"Attempts hung twice (no exit within {AttemptTimeout.TotalSeconds:0} s).");
                    continue;
                }

                Require(attempt.WasKilled || attempt.ExitCode == 0, $"Attempt {i} failed with exit code {attempt.ExitCode}.");
                if (!attempt.WasKilled)
                {
                    finished = attempt; // exit 0 by itself (possibly just before a kill was sent)
                }
            }

            Require(finished is not null, $"No attempt finished by itself within {MaxAttempts} attempts.");
            Require(attempts.Count(a => a.WasKilled) >= 2, "Fewer than 2 attempts were killed while running.");
            Require(attempts.Skip(1).Any(a => a.Output.Contains("Resuming from retained checkpoint", StringComparison.Ordinal)), "No restart resumed from a retained checkpoint.");

            var committed = CommittedOutput.Read(output);
            string? diff = CommittedOutput.Diff(reference, committed);
            Require(diff is null, $"The committed output differs from the failure-free run: {diff}");
            Require(committed.HiddenFiles.Count == 0, $"In-progress files were left behind: {string.Join(", ", committed.HiddenFiles)}");
            Require(finished!.Output.Contains($"{_fixture.Corpus.TotalWords.ToString("N0", CultureInfo.InvariantCulture)} committed lines", StringComparison.Ordinal),
                "The finished run did not report every line committed.");
            var retained = RetainedCheckpoints(checkpoints);
            Require(retained.Length == 0, RetainedProblem(retained));
            Require(!attempts.Any(a => a.TimedOut), $"The output is right, but an attempt hung and had to be killed after {AttemptTimeout.TotalSeconds:0} s (a full run takes about 2 s).");
        }
        finally
        {
            DeleteQuietly(output);
            DeleteQuietly(checkpoints);
        }
    }

    [Fact]
    public void InjectedFailureRestartsInProcessAndCommitsExactlyTheReferenceOutput()
    {
        var reference = _fixture.Reference;
        string output = _fixture.NewDirectory("fail-after-output");
        string checkpoints = _fixture.NewDirectory("fail-after-checkpoints");
        try
        {
            long failAfter = _fixture.Corpus.TotalWords * 2 / 5;
            var run = WordCountProcess.Run(_fixture.Dll,
                ["--input", _fixture.Corpus.Directory, "--output", output, "--checkpoint-dir", checkpoints, "--interval", "100ms",
                    "--parallelism", "2", "--fail-after", failAfter.ToString(CultureInfo.InvariantCulture)],
                _fixture.WorkDirectory, KillPlan.None, AttemptTimeout);
            _log.WriteLine(run.Summary);
            string details = $"{run.Transcript}\n{WordCountProcess.DescribeDirectory(output)}{WordCountProcess.DescribeDirectory(checkpoints)}";
            Assert.False(run.TimedOut, $"The run did not finish within {AttemptTimeout.TotalSeconds:0} s (hung).\n{details}");
            Assert.True(run.ExitCode == 0, details);
            Assert.Contains($"Injected failure after {failAfter} words", run.Output, StringComparison.Ordinal);
            Assert.Contains("1 restart(s)", run.Output, StringComparison.Ordinal);

            var committed = CommittedOutput.Read(output);
            string? diff = CommittedOutput.Diff(reference, committed);
            Assert.True(diff is null, $"The committed output differs from the failure-free run: {diff}\n{details}");
            Assert.True(committed.HiddenFiles.Count == 0, $"In-progress files were left behind: {string.Join(", ", committed.HiddenFiles)}\n{details}");
            var retained = RetainedCheckpoints(checkpoints);
            Assert.True(retained.Length == 0, $"{RetainedProblem(retained)}\n{details}");
        }
        finally
        {
            DeleteQuietly(output);
            DeleteQuietly(checkpoints);
        }
    }

    /// <summary>
    /// A bounded job whose source subtasks reach the end of their input at different times must still finish:
    /// the subtask that ends first must not hold back the final checkpoint the other tasks wait for.
    /// </summary>
    [Fact]
    public void SourceSubtasksEndingAtDifferentTimesStillFinish()
    {
        string input = _fixture.NewDirectory("uneven-input");
        string output = _fixture.NewDirectory("uneven-output");
        string checkpoints = _fixture.NewDirectory("uneven-checkpoints");
        try
        {
            // One large file and a dozen tiny ones: the files are spread over the two readers by a hash of their
            // names, so one reader is done at once while the other reads for about half a second.
            var corpus = WordCorpus.Generate(input, seed: 7, vocabularySize: 500,
                [("big.txt", 1_500_000), .. Enumerable.Range(1, 12).Select(i => ($"small-{i:00}.txt", 10L))]);
            var run = WordCountProcess.Run(_fixture.Dll,
                ["--input", input, "--output", output, "--checkpoint-dir", checkpoints, "--interval", "100ms", "--parallelism", "2", "--from-checkpoint", "none"],
                _fixture.WorkDirectory, KillPlan.None, TimeSpan.FromSeconds(20));
            _log.WriteLine(run.Summary);
            string details = $"{run.Transcript}\n{WordCountProcess.DescribeDirectory(output)}{WordCountProcess.DescribeDirectory(checkpoints)}";
            Assert.False(run.TimedOut, $"The job did not finish within 20 s (a normal run takes under 1 s).\n{details}");
            Assert.True(run.ExitCode == 0, details);
            var committed = CommittedOutput.Read(output);
            string? diff = CommittedOutput.Diff(CommittedOutput.Expected(corpus.Counts), committed);
            Assert.True(diff is null, $"Wrong committed output: {diff}\n{details}");
            Assert.Empty(committed.HiddenFiles);
        }
        finally
        {
            DeleteQuietly(input);
            DeleteQuietly(output);
            DeleteQuietly(checkpoints);
        }
    }

    private static string[] RetainedCheckpoints(string checkpoints) =>
        Directory.Exists(checkpoints)
            ? [.. CheckpointStorages.FindRetained(checkpoints, WordCountFixture.JobName).Select(r => $"{r.ExternalPointer} ({r.LastWriteTimeUtc:HH:mm:ss.fff})")]
            : [];

    private static string RetainedProblem(string[] retained) =>
        $"A finished job retains no checkpoint, but found {string.Join(", ", retained)}: " +
        "running the job again with --from-checkpoint latest would resume from it and commit its output a second time.";

    private static string Report(List<WordCountAttempt> attempts, string output, string checkpoints)
    {
        var text = new StringBuilder("Attempts:\n");
        foreach (var attempt in attempts)
        {
            text.Append("  ").Append(attempt.Summary).Append('\n');
        }

        foreach (var attempt in attempts)
        {
            text.Append(attempt.Transcript).Append('\n');
        }

        text.Append(WordCountProcess.DescribeDirectory(output)).Append(WordCountProcess.DescribeDirectory(checkpoints));
        return text.ToString();
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
