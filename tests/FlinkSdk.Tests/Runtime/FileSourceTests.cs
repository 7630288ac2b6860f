using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using FlinkSdk.Connectors;
using FlinkSdk.DataStream;

namespace FlinkSdk.Tests.Runtime;

/// <summary>
/// <see cref="FileSource.Lines"/>: bounded reading of a file or a directory (name order, hidden files skipped,
/// CRLF, UTF-8, unterminated last line), exact byte positions and seeking, and continuous monitoring.
/// </summary>
public sealed class FileSourceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>CRLF and LF endings, empty lines, multi-byte UTF-8 (2, 3 and 4 bytes), and a final line without newline.</summary>
    private const string MixedContent = "alpha\r\nbeta\n\nγάμμα ✓ 😀\r\n\r\n  spaced\ttab  \nü\nlast line ω";

    private static readonly string[] MixedLines = ["alpha", "beta", string.Empty, "γάμμα ✓ 😀", string.Empty, "  spaced\ttab  ", "ü", "last line ω"];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("flinksdk-filesource-");

    public void Dispose() => _root.Delete(recursive: true);

    // ---------------------------------------------------------------------------------------------------------
    // Bounded jobs
    // ---------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task BoundedJobReadsEveryLineOfASingleFile(int parallelism)
    {
        string file = Write("input.txt", MixedContent);

        var lines = await RunBoundedAsync(FileSource.Lines(file), parallelism);

        if (parallelism == 1)
        {
            Assert.Equal(MixedLines, lines);
        }
        else
        {
            Assert.Equal(Sorted(MixedLines), Sorted(lines));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task BoundedJobReadsEveryFileOfADirectoryInNameOrderAndSkipsHiddenFiles(int parallelism)
    {
        var reference = WriteNameOrderDirectory();

        var lines = await RunBoundedAsync(FileSource.Lines(_root.FullName), parallelism);

        if (parallelism == 1)
        {
            Assert.Equal(reference, lines);
        }
        else
        {
            Assert.Equal(Sorted(reference), Sorted(lines));
        }

        Assert.DoesNotContain("hidden", lines);
        Assert.DoesNotContain("underscore", lines);
    }

    [Fact]
    public void SourcesAreBoundedExactlyWithoutMonitorInterval()
    {
        Assert.True(FileSource.Lines(_root.FullName).IsBounded);
        Assert.False(FileSource.Lines(_root.FullName, TimeSpan.FromMilliseconds(20)).IsBounded);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Readers: content, order, assignment
    // ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void ReaderReadsFilesInOrdinalNameOrderSkippingHiddenAndUnderscoreFiles()
    {
        var reference = WriteNameOrderDirectory();

        var read = ReadToEnd(CreateReader(_root.FullName));

        Assert.Equal(reference, read.Select(r => r.Line).ToList());
        Assert.Equal(
            ["B.txt", "a.txt", "a.txt", "b.txt", "b.txt", "c10.txt", "c2.txt"],
            read.Select(r => r.After.Split).ToList());
    }

    [Fact]
    public void ReaderOfAnEmptyDirectoryOrEmptyFileEndsWithoutLines()
    {
        Assert.Empty(ReadToEnd(CreateReader(_root.FullName)));

        string empty = Write("empty.txt", string.Empty);
        Assert.Empty(ReadToEnd(CreateReader(empty)));
        Assert.Empty(ReadToEnd(CreateReader(_root.FullName)));
    }

    [Fact]
    public void ParallelReadersSplitFilesByJavaStringHashOfTheNameAndTogetherReadEverything()
    {
        const int parallelism = 3;
        var files = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        for (int i = 0; i < 10; i++)
        {
            string name = $"f{i}";
            string[] content = [$"{name}-1", $"{name}-2 ü", $"{name}-3"];
            files[name] = content;
            Write(name, string.Join("\n", content) + "\n");
        }

        var perReader = Enumerable.Range(0, parallelism)
            .Select(s => ReadToEnd(FileSource.Lines(_root.FullName).CreateReader(new SourceReaderContext(s, parallelism))).Select(r => r.Line).ToList())
            .ToList();

        for (int s = 0; s < parallelism; s++)
        {
            // Short names have non-negative hashes, so every reading of "hash mod parallelism" agrees.
            var expected = files.Where(f => JavaHash(f.Key) % parallelism == s).SelectMany(f => f.Value).ToList();
            Assert.Equal(expected, perReader[s]);
        }

        Assert.Equal(Sorted(files.Values.SelectMany(v => v)), Sorted(perReader.SelectMany(r => r)));
    }

    [Fact]
    public void ASingleFileIsReadOnlyByTheFirstReader()
    {
        string file = Write("only.txt", "x\ny\n");

        Assert.Equal(["x", "y"], ReadToEnd(FileSource.Lines(file).CreateReader(new SourceReaderContext(0, 3))).Select(r => r.Line).ToList());
        Assert.Empty(ReadToEnd(FileSource.Lines(file).CreateReader(new SourceReaderContext(1, 3))));
        Assert.Empty(ReadToEnd(FileSource.Lines(file).CreateReader(new SourceReaderContext(2, 3))));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Readers: positions and seeking
    // ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void PositionAfterEachLineIsTheExactByteOffsetOfTheNextLine()
    {
        string file = Write("mixed.txt", MixedContent);
        var expected = ExpectedLines(MixedContent);

        var read = ReadToEnd(CreateReader(file));

        Assert.Equal(expected.Select(e => e.Line).ToList(), read.Select(r => r.Line).ToList());
        Assert.Equal(expected.Select(e => new SourcePosition("mixed.txt", e.EndOffset)).ToList(), read.Select(r => r.After).ToList());
        Assert.Equal(Utf8.GetByteCount(MixedContent), read[^1].After.Offset);
    }

    [Fact]
    public void PositionBetweenPollsCoversExactlyTheLinesEmittedSoFar()
    {
        // Enough lines for several polls and several 64 KiB chunks, with multi-byte characters and CRLF mixed in.
        var content = new StringBuilder();
        for (int i = 0; i < 8000; i++)
        {
            content.Append("line ").Append(i).Append(" — ü€😀 ").Append('x', i % 37).Append(i % 3 == 0 ? "\r\n" : "\n");
        }

        string text = content.ToString();
        string file = Write("big.txt", text);
        var expected = ExpectedLines(text);
        Assert.True(Utf8.GetByteCount(text) > 3 * 64 * 1024);

        var reader = CreateReader(file);
        var collector = new LineCollector(reader);
        int polls = 0;
        while (reader.PollNext(collector) != InputStatus.EndOfInput)
        {
            Assert.True(++polls < 100_000, "the reader never ended");
            int emitted = collector.Lines.Count;
            long expectedOffset = emitted == 0 ? 0 : expected[emitted - 1].EndOffset;
            Assert.Equal(expectedOffset, reader.Position.Offset);
        }

        Assert.True(polls > 1, "expected the file to take several polls");
        Assert.Equal(expected.Select(e => e.Line).ToList(), collector.Lines.Select(l => l.Line).ToList());
        Assert.Equal(expected.Select(e => e.EndOffset).ToList(), collector.Lines.Select(l => l.After.Offset).ToList());
    }

    [Fact]
    public void SeekToAnySavedPositionReplaysExactlyTheFollowingLines()
    {
        Write("1-first.txt", "a1\r\na2 ü\n");
        Write("2-second.txt", "b1 😀\nb2\r\n\nb4");
        Write("3-third.txt", "c1\n");
        var full = ReadToEnd(CreateReader(_root.FullName));
        var allLines = full.Select(r => r.Line).ToList();
        Assert.Equal(["a1", "a2 ü", "b1 😀", "b2", string.Empty, "b4", "c1"], allLines);

        for (int k = 0; k < full.Count; k++)
        {
            var fresh = CreateReader(_root.FullName);
            fresh.Seek(full[k].After);
            Assert.Equal(allLines.Skip(k + 1).ToList(), ReadToEnd(fresh).Select(r => r.Line).ToList());
        }

        // Rewinding the same reader, after it reached the end, replays as well.
        var reader = CreateReader(_root.FullName);
        var initial = reader.Position;
        Assert.Equal(allLines, ReadToEnd(reader).Select(r => r.Line).ToList());
        reader.Seek(full[1].After);
        Assert.Equal(allLines.Skip(2).ToList(), ReadToEnd(reader).Select(r => r.Line).ToList());
        reader.Seek(initial);
        Assert.Equal(allLines, ReadToEnd(reader).Select(r => r.Line).ToList());
    }

    [Fact]
    public void SeekIntoTheSecondFileOfADirectoryResumesThereAndSkipsEarlierFiles()
    {
        Write("1-first.txt", "a1\na2\n");
        Write("2-second.txt", "béta-1\r\nbéta-2\nbéta-3\n");
        Write("3-third.txt", "c1\nc2");

        var reader = CreateReader(_root.FullName);
        reader.Seek(new SourcePosition("2-second.txt", Utf8.GetByteCount("béta-1\r\n")));
        var read = ReadToEnd(reader);

        Assert.Equal(["béta-2", "béta-3", "c1", "c2"], read.Select(r => r.Line).ToList());
        Assert.Equal(
            [
                new SourcePosition("2-second.txt", Utf8.GetByteCount("béta-1\r\nbéta-2\n")),
                new SourcePosition("2-second.txt", Utf8.GetByteCount("béta-1\r\nbéta-2\nbéta-3\n")),
                new SourcePosition("3-third.txt", 3),
                new SourcePosition("3-third.txt", 5),
            ],
            read.Select(r => r.After).ToList());
    }

    [Fact]
    public void SeekToTheEndOfAFileContinuesWithTheNextFile()
    {
        Write("1-first.txt", "a1\na2\n");
        Write("2-second.txt", "b1\n");

        var reader = CreateReader(_root.FullName);
        reader.Seek(new SourcePosition("1-first.txt", 6));

        Assert.Equal(["b1"], ReadToEnd(reader).Select(r => r.Line).ToList());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Continuous mode
    // ---------------------------------------------------------------------------------------------------------

    [Fact]
    public void ContinuousReaderHoldsBackAnUnterminatedLineUntilItsNewlineArrives()
    {
        string file = Write("app.log", "one\ntw");
        var reader = FileSource.Lines(file, TimeSpan.FromMilliseconds(20)).CreateReader(new SourceReaderContext(0, 1));
        var collector = new LineCollector(reader);

        PollUntilIdle(reader, collector);
        Assert.Equal(["one"], collector.Lines.Select(l => l.Line).ToList());
        Assert.Equal(new SourcePosition("app.log", 4), reader.Position);

        // Still nothing while the line is incomplete, and the source never ends.
        Assert.Equal(InputStatus.NothingAvailable, reader.PollNext(collector));
        Append(file, "o");
        PollUntilIdle(reader, collector);
        Assert.Single(collector.Lines);

        Append(file, "\r\nthree ü\n");
        PollUntilIdle(reader, collector);
        Assert.Equal(["one", "two", "three ü"], collector.Lines.Select(l => l.Line).ToList());
        Assert.Equal(
            [4L, 4L + 5, 4L + 5 + Utf8.GetByteCount("three ü\n")],
            collector.Lines.Select(l => l.After.Offset).ToList());

        // A reader restored at the held-back line's start reads it once complete.
        var restored = FileSource.Lines(file, TimeSpan.FromMilliseconds(20)).CreateReader(new SourceReaderContext(0, 1));
        restored.Seek(new SourcePosition("app.log", 4));
        var restoredCollector = new LineCollector(restored);
        PollUntilIdle(restored, restoredCollector);
        Assert.Equal(["two", "three ü"], restoredCollector.Lines.Select(l => l.Line).ToList());
    }

    [Fact]
    public async Task ContinuousReaderPicksUpAppendedLinesAndNewFilesThatSortLater()
    {
        string first = Write("2024-01.log", "1\n");
        var reader = FileSource.Lines(_root.FullName, TimeSpan.FromMilliseconds(20)).CreateReader(new SourceReaderContext(0, 1));
        var collector = new LineCollector(reader);

        await PollUntilAsync(reader, collector, 1);
        Append(first, "2\n3\n");
        await PollUntilAsync(reader, collector, 3);
        Write("2024-02.log", "4\n5");
        await PollUntilAsync(reader, collector, 4);
        Append(Path.Combine(_root.FullName, "2024-02.log"), "\n");
        await PollUntilAsync(reader, collector, 5);

        Assert.Equal(["1", "2", "3", "4", "5"], collector.Lines.Select(l => l.Line).ToList());
        Assert.Equal(new SourcePosition("2024-02.log", 4), reader.Position);
        Assert.Equal(InputStatus.NothingAvailable, reader.PollNext(collector));
    }

    [Fact]
    public async Task ContinuousJobPicksUpAppendedLinesAndNewFilesUntilCancelled()
    {
        string first = Write("a.log", "1\n2 ü\n");
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(1);
        var sink = new SignalSink<string>();
        env.FromSource(FileSource.Lines(_root.FullName, TimeSpan.FromMilliseconds(20)), "files").SinkTo(sink);

        using var cts = new CancellationTokenSource();
        var job = env.ExecuteAsync("continuous", cts.Token);
        try
        {
            await sink.WaitUntilAsync(items => items.Count >= 2, job, Timeout);
            Append(first, "3\r\n4\n");
            await sink.WaitUntilAsync(items => items.Count >= 4, job, Timeout);
            string second = Write("b.log", "5\n");
            await sink.WaitUntilAsync(items => items.Count >= 5, job, Timeout);

            // An incomplete line is held back; the final assertion sees it only as a whole.
            Append(second, "par");
            await Task.Delay(200);
            Append(second, "tial\n6\n");
            await sink.WaitUntilAsync(items => items.Count >= 7, job, Timeout);
        }
        finally
        {
            cts.Cancel();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(Timeout));
        Assert.Equal(["1", "2 ü", "3", "4", "5", "partial", "6"], sink.Items);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Writes files whose ordinal order differs from culture order and from numeric order; returns the expected lines.</summary>
    private List<string> WriteNameOrderDirectory()
    {
        Write("b.txt", "b1\nb2\n");
        Write("a.txt", "a1\r\na2"); // last line without newline, then the next file
        Write("B.txt", "B1\r\n"); // 'B' < 'a' ordinally
        Write("c2.txt", "c2\n");
        Write("c10.txt", "c10\n"); // "c10" < "c2" ordinally
        Write("empty.txt", string.Empty);
        Write(".hidden", "hidden\n");
        Write("_underscore", "underscore\n");
        return ["B1", "a1", "a2", "b1", "b2", "c10", "c2"];
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_root.FullName, name);
        File.WriteAllBytes(path, Utf8.GetBytes(content));
        return path;
    }

    private static void Append(string path, string content)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Utf8.GetBytes(content));
    }

    private static ISourceReader<string> CreateReader(string path) => FileSource.Lines(path).CreateReader(new SourceReaderContext(0, 1));

    private static List<string> Sorted(IEnumerable<string> lines) => [.. lines.Order(StringComparer.Ordinal)];

    private static int JavaHash(string value)
    {
        int h = 0;
        foreach (char c in value)
        {
            h = unchecked((31 * h) + c);
        }

        Assert.True(h >= 0, $"test precondition: hash of '{value}' is negative");
        return h;
    }

    /// <summary>The lines of <paramref name="content"/> and the byte offset just past each (its terminator included).</summary>
    private static List<(string Line, long EndOffset)> ExpectedLines(string content)
    {
        var result = new List<(string, long)>();
        long offset = 0;
        int start = 0;
        while (start < content.Length)
        {
            int newline = content.IndexOf('\n', start);
            string segment = newline < 0 ? content[start..] : content[start..(newline + 1)];
            offset += Utf8.GetByteCount(segment);
            string line = segment.EndsWith('\n') ? segment[..^1] : segment;
            line = line.EndsWith('\r') ? line[..^1] : line;
            result.Add((line, offset));
            start += segment.Length;
        }

        return result;
    }

    private static async Task<List<string>> RunBoundedAsync(ISource<string> source, int parallelism)
    {
        var env = StreamExecutionEnvironment.Create([]).SetParallelism(parallelism);
        var sink = new CollectSink<string>();
        env.FromSource(source, "files").SinkTo(sink);
        using var cts = new CancellationTokenSource();
        try
        {
            await env.ExecuteAsync("bounded files", cts.Token).WaitAsync(Timeout);
        }
        finally
        {
            cts.Cancel();
        }

        return [.. sink.Results];
    }

    private static List<(string Line, SourcePosition After)> ReadToEnd(ISourceReader<string> reader)
    {
        var collector = new LineCollector(reader);
        for (int i = 0; i < 100_000; i++)
        {
            if (reader.PollNext(collector) == InputStatus.EndOfInput)
            {
                return collector.Lines;
            }
        }

        Assert.Fail("The bounded reader never reached the end of its input.");
        return collector.Lines;
    }

    private static void PollUntilIdle(ISourceReader<string> reader, LineCollector collector)
    {
        for (int i = 0; i < 10_000; i++)
        {
            var status = reader.PollNext(collector);
            Assert.NotEqual(InputStatus.EndOfInput, status);
            if (status == InputStatus.NothingAvailable)
            {
                return;
            }
        }

        Assert.Fail("The reader never became idle.");
    }

    /// <summary>Polls (a continuous reader scans for new files once per monitor interval) until <paramref name="count"/> lines arrived.</summary>
    private static async Task PollUntilAsync(ISourceReader<string> reader, LineCollector collector, int count)
    {
        var watch = Stopwatch.StartNew();
        while (collector.Lines.Count < count)
        {
            Assert.NotEqual(InputStatus.EndOfInput, reader.PollNext(collector));
            if (watch.Elapsed > Timeout)
            {
                Assert.Fail($"Timed out waiting for {count} lines; got {string.Join(", ", collector.Lines.Select(l => l.Line))}");
            }

            await Task.Delay(5);
        }
    }

    [Fact]
    public void LinesLongerThanTheReadBufferAreReadWholeWithExactOffsets()
    {
        string longLine = new('x', 200_000);
        string path = Path.Combine(_root.FullName, "long.txt");
        File.WriteAllText(path, "short\n" + longLine + "\nafter\n", Utf8);
        using var reader = FileSource.Lines(path).CreateReader(new SourceReaderContext(0, 1));
        var collector = new LineCollector(reader);

        while (reader.PollNext(collector) != InputStatus.EndOfInput)
        {
        }

        Assert.Equal(["short", longLine, "after"], collector.Lines.Select(l => l.Line));
        Assert.Equal(6 + 200_001, collector.Lines[1].After.Offset);
    }

    /// <summary>Collects lines with the reader's position right after each.</summary>
    private sealed class LineCollector(ISourceReader<string> reader) : ISourceOutput<string>
    {
        public List<(string Line, SourcePosition After)> Lines { get; } = [];

        public void Collect(string value) => Lines.Add((value, reader.Position));

        public void Collect(string value, long timestamp) => Collect(value);
    }
}
