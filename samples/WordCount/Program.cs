using FlinkSdk.Connectors;
using FlinkSdk.DataStream;
using FlinkSdk.Samples.WordCount;

// WordCount: lines of text files -> words -> counted per word (keyed state) -> "word count" lines in part files.
// Usage: dotnet run --project samples/WordCount -- [--input PATH] [--output DIR] [-Dparallelism.default=2 ...]
string input = Argument(args, "--input") ?? Path.Combine(AppContext.BaseDirectory, "input");
string output = Argument(args, "--output") ?? Path.Combine(Path.GetTempPath(), "flinksdk-wordcount");

var env = StreamExecutionEnvironment.Create(args);
env.FromSource(FileSource.Lines(input), "lines").Name("Read lines")
    .FlatMap<string>(Tokenizer.Split).Name("Tokenize")
    .KeyBy(word => word)
    .Process(new CountWords()).Name("Count words").Uid("count-words")
    .Map(result => $"{result.Word} {result.Count}").Name("Format")
    .SinkTo(FileSink.Lines<string>(output), "Write counts");

var result = await env.ExecuteAsync("word-count");

var counts = Directory.GetFiles(output, "part-*")
    .SelectMany(File.ReadLines)
    .Select(line => line.Split(' '))
    .Select(parts => (Word: parts[0], Count: long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)))
    .OrderByDescending(c => c.Count).ThenBy(c => c.Word, StringComparer.Ordinal)
    .ToList();
Console.WriteLine($"Job '{result.JobName}' finished in {result.NetRuntime.TotalMilliseconds:0} ms: {counts.Sum(c => c.Count)} words, {counts.Count} distinct, written to {output}");
foreach (var (word, count) in counts.Take(10))
{
    Console.WriteLine($"  {word,-12} {count}");
}

static string? Argument(string[] args, string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
