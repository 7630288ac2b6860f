using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FlinkSdk.Benchmarks.Analyzers;

/// <summary>What one <c>dotnet build</c> printed and how long it took.</summary>
/// <param name="Wall">Wall-clock time of the whole command.</param>
/// <param name="Csc">The Csc task's time from MSBuild's performance summary, or <see langword="null"/> if it did not print one.</param>
/// <param name="Output">Everything it printed.</param>
internal sealed record BuildRun(TimeSpan Wall, TimeSpan? Csc, string Output);

/// <summary>One line of the compiler's <c>-p:ReportAnalyzer=true</c> report: an analyzer type's total time, or its assembly's.</summary>
/// <param name="Assembly">The assembly's display name (for an assembly line, its own).</param>
/// <param name="Name">The analyzer type with its rule ids, or the assembly.</param>
/// <param name="Seconds">Execution time summed over callbacks, which may run concurrently.</param>
internal sealed record AnalyzerReportLine(string Assembly, string Name, double Seconds)
{
    public bool IsAssembly => Assembly == Name;
}

/// <summary>Runs <c>dotnet build</c> on the workload project and reads the compiler's reports out of its output.</summary>
internal static partial class BuildRunner
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="directory"/>; throws with the output if it fails.</summary>
    public static BuildRun Dotnet(string directory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // `dotnet run` sets MSBuild variables for the program it runs; the nested build must not inherit them.
        foreach (string name in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = stopwatch.Elapsed;
        string output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed (exit {process.ExitCode}):\n{output}");
        }

        var csc = CscTask().Match(output);
        return new BuildRun(wall, csc.Success ? TimeSpan.FromMilliseconds(double.Parse(csc.Groups["ms"].Value, CultureInfo.InvariantCulture)) : null, output);
    }

    /// <summary>The analyzer lines of the compiler's <c>ReportAnalyzer</c> report (<c>&lt;0.001</c> counts as 0), and its total.</summary>
    public static (double TotalSeconds, IReadOnlyList<AnalyzerReportLine> Lines) AnalyzerReport(string output)
    {
        var lines = new List<AnalyzerReportLine>();
        double total = double.NaN;
        bool inAnalyzers = false;
        string assembly = string.Empty;
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            var header = TotalLine().Match(line);
            if (header.Success)
            {
                inAnalyzers = header.Groups["kind"].Value == "analyzer";
                total = inAnalyzers ? double.Parse(header.Groups["seconds"].Value, CultureInfo.InvariantCulture) : total;
                continue;
            }

            var match = ReportLine().Match(line);
            if (!inAnalyzers || !match.Success)
            {
                continue;
            }

            string name = match.Groups["name"].Value.Trim();
            string seconds = match.Groups["seconds"].Value;
            assembly = name.Contains(", Version=", StringComparison.Ordinal) ? name : assembly;
            lines.Add(new AnalyzerReportLine(assembly, name, seconds.StartsWith('<') ? 0 : double.Parse(seconds, CultureInfo.InvariantCulture)));
        }

        return (total, lines);
    }

    [GeneratedRegex(@"Total (?<kind>analyzer|generator) execution time: (?<seconds>\d+(\.\d+)?) seconds", RegexOptions.CultureInvariant)]
    private static partial Regex TotalLine();

    // "      0.012    3   FlinkSdk.Analyzers, Version=0.1.0.0, …" and, indented further, one line per analyzer type.
    [GeneratedRegex(@"^\s*(?<seconds><?\d+(\.\d+)?)\s+(?<percent><?\d+)\s+(?<name>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportLine();

    // MSBuild's task performance summary: "     8123 ms  Csc                                        1 calls".
    [GeneratedRegex(@"^\s*(?<ms>\d+) ms\s+Csc\s+\d+ calls", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex CscTask();
}
