using System.Text.RegularExpressions;
using FlinkSdk.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Tests.RealBuild;

/// <summary>A diagnostic as <c>dotnet build</c> prints it: <c>file(line,col): error FLK0020: …</c>.</summary>
internal sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id)
{
    public override string ToString() => $"{File}({Line},{Column}): {Severity} {Id}";
}

/// <summary>Reads FlinkSdk's diagnostics out of build output, and computes the ones markup in source files expects.</summary>
internal static partial class BuildDiagnostics
{
    /// <summary>Every distinct FLK diagnostic in <paramref name="output"/> (MSBuild repeats them in its summary), with paths relative to <paramref name="projectDirectory"/>.</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string output, string projectDirectory) =>
        [.. output.Split('\n')
            .Select(line => DiagnosticLine().Match(line))
            .Where(match => match.Success)
            .Select(match => new BuildDiagnostic(
                Path.GetRelativePath(projectDirectory, match.Groups["path"].Value),
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["severity"].Value,
                match.Groups["id"].Value))
            .Distinct()
            .Order(Comparer<BuildDiagnostic>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())))];

    /// <summary>Any mention of a FlinkSdk rule id, whatever the line looks like.</summary>
    public static bool MentionsAnyRule(string output) => AnyRuleId().IsMatch(output);

    /// <summary>
    /// Strips the <see cref="Markup"/> of every file (relative path → markup) into <paramref name="write"/> and returns
    /// the diagnostics it marks, each at the one-based line and column where its marked text starts.
    /// </summary>
    public static IReadOnlyList<BuildDiagnostic> WriteAndExpect(IReadOnlyDictionary<string, string> files, Action<string, string> write)
    {
        var expected = new List<BuildDiagnostic>();
        foreach (var (path, markup) in files)
        {
            var (text, spans) = Markup.Parse(markup);
            write(path, text);
            var lines = SourceText.From(text).Lines;
            foreach (var span in spans)
            {
                var start = lines.GetLinePosition(span.Span.Start);
                expected.Add(new BuildDiagnostic(path, start.Line + 1, start.Character + 1, "error", span.Id));
            }
        }

        return [.. expected.Order(Comparer<BuildDiagnostic>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())))];
    }

    [GeneratedRegex(@"^\s*(?<path>.+?)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): (?<severity>error|warning) (?<id>FLK\d{4}):", RegexOptions.CultureInvariant)]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"\bFLK\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AnyRuleId();
}
