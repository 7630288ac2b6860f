using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FlinkSdk.Tests.EndToEnd;

/// <summary>A deterministic text corpus for the WordCount sample, with the word counts it must produce.</summary>
internal sealed class WordCorpus
{
    private WordCorpus(string directory, IReadOnlyDictionary<string, int> counts, long totalWords)
    {
        Directory = directory;
        Counts = counts;
        TotalWords = totalWords;
    }

    public string Directory { get; }

    /// <summary>How often each word occurs in the whole corpus.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; }

    public long TotalWords { get; }

    /// <summary>
    /// Writes <paramref name="wordsPerFile"/>.Count files of lines of words drawn (skewed towards the first
    /// ones) from a fixed vocabulary with a seeded <see cref="Random"/>, so every run writes the same bytes.
    /// </summary>
    public static WordCorpus Generate(string directory, int seed, int vocabularySize, IReadOnlyList<(string Name, long Words)> files)
    {
        var random = new Random(seed);
        var vocabulary = new List<string> { "café", "naïve", "straße", "日本語", "ümlaut" };
        var seen = new HashSet<string>(vocabulary, StringComparer.Ordinal);
        const string Letters = "abcdefghijklmnopqrstuvwxyz";
        while (vocabulary.Count < vocabularySize)
        {
            var word = new char[random.Next(2, 13)];
            for (int i = 0; i < word.Length; i++)
            {
                word[i] = Letters[random.Next(Letters.Length)];
            }

            string text = new(word);
            if (seen.Add(text))
            {
                vocabulary.Add(text);
            }
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        System.IO.Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        long total = 0;
        foreach (var (name, words) in files)
        {
            using var writer = new StreamWriter(Path.Combine(directory, name), append: false, utf8, 1 << 16) { NewLine = "\n" };
            long left = words;
            while (left > 0)
            {
                int inLine = (int)Math.Min(left, random.Next(1, 21));
                for (int i = 0; i < inLine; i++)
                {
                    // Squaring skews the choice: the first words occur tens of thousands of times, the last rarely.
                    double u = random.NextDouble();
                    string word = vocabulary[(int)(u * u * vocabulary.Count)];
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                    if (i > 0)
                    {
                        writer.Write(random.Next(20) == 0 ? "  " : " ");
                    }

                    writer.Write(word);
                }

                writer.WriteLine();
                left -= inLine;
                total += inLine;
            }
        }

        return new WordCorpus(directory, counts, total);
    }
}

/// <summary>
/// The committed output of a WordCount run as an exact multiset of lines: <c>word&lt;TAB&gt;count</c> lines are kept
/// as the list of counts per word (compact, 5 million lines fit easily), anything else verbatim.
/// </summary>
internal sealed class CommittedOutput
{
    private readonly Dictionary<string, List<long>> _countsByWord = new(StringComparer.Ordinal);
    private readonly List<string> _otherLines = [];

    private CommittedOutput()
    {
    }

    public long LineCount { get; private set; }

    /// <summary>Visible committed files (<c>part-*</c>).</summary>
    public List<string> VisibleFiles { get; } = [];

    /// <summary>Hidden files: in-progress or pending parts that were never committed or cleaned up.</summary>
    public List<string> HiddenFiles { get; } = [];

    /// <summary>Anything else that should not be there (other files, directories, unterminated last lines).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>What a correct run over <paramref name="counts"/> commits: word 1 .. word N for a word occurring N times.</summary>
    public static CommittedOutput Expected(IReadOnlyDictionary<string, int> counts)
    {
        var output = new CommittedOutput();
        foreach (var (word, n) in counts)
        {
            var list = new List<long>(n);
            for (long i = 1; i <= n; i++)
            {
                list.Add(i);
            }

            output._countsByWord.Add(word, list);
            output.LineCount += n;
        }

        return output;
    }

    /// <summary>Reads the visible <c>part-*</c> files of <paramref name="directory"/>; hidden files are listed, not read.</summary>
    public static CommittedOutput Read(string directory)
    {
        var output = new CommittedOutput();
        if (!Directory.Exists(directory))
        {
            output.Problems.Add($"output directory {directory} does not exist");
            return output;
        }

        foreach (var sub in Directory.EnumerateDirectories(directory))
        {
            output.Problems.Add($"unexpected directory {Path.GetFileName(sub)}");
        }

        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            if (name.StartsWith('.'))
            {
                output.HiddenFiles.Add(name);
            }
            else if (name.StartsWith("part-", StringComparison.Ordinal))
            {
                output.VisibleFiles.Add(name);
                output.ReadPart(file);
            }
            else
            {
                output.Problems.Add($"unexpected file {name}");
            }
        }

        return output;
    }

    /// <summary>The differences between <paramref name="expected"/> and <paramref name="actual"/>, or <see langword="null"/> when they are equal multisets.</summary>
    public static string? Diff(CommittedOutput expected, CommittedOutput actual, int maxExamples = 20)
    {
        var missing = new List<string>();
        var extra = new List<string>();
        long missingCount = 0;
        long extraCount = 0;
        foreach (var word in expected._countsByWord.Keys.Union(actual._countsByWord.Keys).Order(StringComparer.Ordinal))
        {
            var want = Sorted(expected._countsByWord.GetValueOrDefault(word));
            var have = Sorted(actual._countsByWord.GetValueOrDefault(word));
            int i = 0;
            int j = 0;
            while (i < want.Count || j < have.Count)
            {
                if (j >= have.Count || (i < want.Count && want[i] < have[j]))
                {
                    missingCount++;
                    AddExample(missing, $"{word}\t{want[i++]}");
                }
                else if (i >= want.Count || have[j] < want[i])
                {
                    extraCount++;
                    AddExample(extra, $"{word}\t{have[j++]}");
                }
                else
                {
                    i++;
                    j++;
                }
            }
        }

        var wantOther = expected._otherLines.Order(StringComparer.Ordinal).ToList();
        var haveOther = actual._otherLines.Order(StringComparer.Ordinal).ToList();
        foreach (var line in wantOther.Except(haveOther, StringComparer.Ordinal))
        {
            missingCount++;
            AddExample(missing, line);
        }

        foreach (var line in haveOther.Except(wantOther, StringComparer.Ordinal))
        {
            extraCount++;
            AddExample(extra, line);
        }

        if (missingCount == 0 && extraCount == 0 && !wantOther.SequenceEqual(haveOther, StringComparer.Ordinal))
        {
            extraCount++;
            AddExample(extra, "(malformed lines occur a different number of times)");
        }

        if (missingCount == 0 && extraCount == 0 && actual.Problems.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"expected {expected.LineCount:N0} lines, committed {actual.LineCount:N0} in {actual.VisibleFiles.Count} part files; ");
        text.Append(CultureInfo.InvariantCulture, $"{missingCount:N0} expected lines missing (loss), {extraCount:N0} lines extra (duplicates or wrong counts).\n");
        if (missing.Count > 0)
        {
            text.Append("  missing: ").AppendJoin(" | ", missing.Select(Visible)).Append('\n');
        }

        if (extra.Count > 0)
        {
            text.Append("  extra:   ").AppendJoin(" | ", extra.Select(Visible)).Append('\n');
        }

        foreach (var problem in actual.Problems)
        {
            text.Append("  problem: ").Append(problem).Append('\n');
        }

        return text.ToString();

        void AddExample(List<string> list, string line)
        {
            if (list.Count < maxExamples)
            {
                list.Add(line);
            }
        }

        static List<long> Sorted(List<long>? counts)
        {
            var copy = counts is null ? [] : new List<long>(counts);
            copy.Sort();
            return copy;
        }

        static string Visible(string line) => line.Replace("\t", "\\t", StringComparison.Ordinal);
    }

    private void ReadPart(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (stream.Length > 0)
        {
            stream.Position = stream.Length - 1;
            if (stream.ReadByte() != '\n')
            {
                Problems.Add($"{Path.GetFileName(file)} does not end with a newline (torn write?)");
            }

            stream.Position = 0;
        }

        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        while (reader.ReadLine() is { } line)
        {
            LineCount++;
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0
                && long.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long count)
                && count.ToString(CultureInfo.InvariantCulture).AsSpan().SequenceEqual(line.AsSpan(tab + 1)))
            {
                string word = line[..tab];
                if (!_countsByWord.TryGetValue(word, out var counts))
                {
                    _countsByWord[word] = counts = [];
                }

                counts.Add(count);
            }
            else
            {
                _otherLines.Add(line);
            }
        }
    }
}

/// <summary>When to SIGKILL a WordCount attempt.</summary>
internal sealed record KillPlan(TimeSpan? AfterDelay, int? AfterCompletedCheckpoints)
{
    public static KillPlan None { get; } = new(null, null);

    public static KillPlan Delay(int milliseconds) => new(TimeSpan.FromMilliseconds(milliseconds), null);

    /// <summary>Right after the n-th "Completed checkpoint" line of the attempt: the sinks are committing then.</summary>
    public static KillPlan AfterCheckpoints(int n) => new(null, n);

    public override string ToString() =>
        AfterDelay is { } delay ? $"kill after {delay.TotalMilliseconds:0} ms"
        : AfterCompletedCheckpoints is { } n ? $"kill right after 'Completed checkpoint' line #{n}"
        : "no kill";
}

/// <summary>One run of the WordCount process.</summary>
internal sealed record WordCountAttempt(int Index, KillPlan Plan, bool KillSent, TimeSpan? KillSentAt, int ExitCode, bool TimedOut, TimeSpan Elapsed, string Output, string Error)
{
    /// <summary>On Linux .NET reports a process ended by a signal as 128 + the signal number.</summary>
    public const int SigKillExitCode = 128 + 9;

    /// <summary>The kill really ended the process (it did not exit by itself just before).</summary>
    public bool WasKilled => KillSent && ExitCode == SigKillExitCode;

    public bool FinishedByItself => !KillSent && !TimedOut;

    public string Summary =>
        $"attempt {Index}: {Plan}; " +
        (TimedOut ? "TIMED OUT" : WasKilled ? $"killed at {KillSentAt!.Value.TotalMilliseconds:0} ms" : $"exit {ExitCode}") +
        $" after {Elapsed.TotalMilliseconds:0} ms; " +
        $"{Count("Completed checkpoint")} checkpoints completed" +
        (Output.Contains("Resuming from retained checkpoint", StringComparison.Ordinal) ? "; resumed" : "; fresh start");

    /// <summary>What the job said besides progress and completed checkpoints: resumption, skipped checkpoints, restarts.</summary>
    public IEnumerable<string> Notes => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(line => !line.Contains("progress:", StringComparison.Ordinal) && !line.Contains("Completed checkpoint", StringComparison.Ordinal)
            && !line.StartsWith("WordCount:", StringComparison.Ordinal) && !line.StartsWith("  #", StringComparison.Ordinal));

    public string Transcript => $"{Summary}\n--- stdout ---\n{Output}--- stderr ---\n{Error}";

    private int Count(string text)
    {
        int count = 0;
        for (int at = Output.IndexOf(text, StringComparison.Ordinal); at >= 0; at = Output.IndexOf(text, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

/// <summary>Runs the built WordCount sample with <c>dotnet WordCount.dll</c> and kills it as planned.</summary>
internal static class WordCountProcess
{
    public static WordCountAttempt Run(string dll, IReadOnlyList<string> args, string workingDirectory, KillPlan plan, TimeSpan timeout, int index = 0)
    {
        var info = ProcessRunner.StartInfo("dotnet", [dll, .. args], workingDirectory);

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        var error = new StringBuilder();
        var clock = new Stopwatch();
        int completedCheckpoints = 0;
        long killSentAtTicks = -1;

        void Kill()
        {
            try
            {
                process.Kill(); // SIGKILL on Linux
                Interlocked.CompareExchange(ref killSentAtTicks, clock.Elapsed.Ticks, -1);
            }
            catch (InvalidOperationException)
            {
                // It had exited already.
            }
        }

        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Append(e.Data).Append('\n');
            }

            if (plan.AfterCompletedCheckpoints is { } n
                && e.Data.Contains("Completed checkpoint", StringComparison.Ordinal)
                && Interlocked.Increment(ref completedCheckpoints) == n)
            {
                Kill();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (error)
                {
                    error.Append(e.Data).Append('\n');
                }
            }
        };

        clock.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (plan.AfterDelay is { } delay && !process.WaitForExit(delay))
        {
            Kill();
        }

        bool timedOut = !process.WaitForExit(timeout);
        if (timedOut)
        {
            try
            {
                process.Kill(); // not a planned kill: the attempt counts as hung, not as killed
            }
            catch (InvalidOperationException)
            {
            }
        }

        process.WaitForExit(); // also drains the redirected output
        clock.Stop();
        long killTicks = Interlocked.Read(ref killSentAtTicks);
        lock (output)
        {
            lock (error)
            {
                return new WordCountAttempt(index, plan, killTicks >= 0, killTicks >= 0 ? TimeSpan.FromTicks(killTicks) : null,
                    process.ExitCode, timedOut, clock.Elapsed, output.ToString(), error.ToString());
            }
        }
    }

    /// <summary>Every file below <paramref name="directory"/> with its size, for failure messages.</summary>
    public static string DescribeDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return $"{directory}: does not exist\n";
        }

        var text = new StringBuilder().Append(directory).Append(":\n");
        var entries = Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var entry in entries.Take(200))
        {
            string relative = Path.GetRelativePath(directory, entry);
            text.Append("  ").Append(relative);
            text.Append(File.Exists(entry) ? string.Create(CultureInfo.InvariantCulture, $" ({new FileInfo(entry).Length} bytes, {File.GetLastWriteTimeUtc(entry):HH:mm:ss.fff})") : "/");
            text.Append('\n');
        }

        if (entries.Count > 200)
        {
            text.Append(CultureInfo.InvariantCulture, $"  ... {entries.Count - 200} more\n");
        }

        return text.ToString();
    }
}
