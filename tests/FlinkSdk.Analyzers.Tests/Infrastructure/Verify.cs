using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Tests.Infrastructure;

/// <summary>Runs the analyzers and requires exactly the diagnostics the markup marks: same ids, files and spans.</summary>
internal static class Verify
{
    public static Task<AnalysisRun> DiagnosticsAsync(params TestFile[] files) => DiagnosticsAsync(files, allowCompilerErrors: false);

    public static async Task<AnalysisRun> DiagnosticsAsync(IEnumerable<TestFile> files, bool allowCompilerErrors)
    {
        var run = await AnalyzerHarness.RunAsync(files);
        if (!allowCompilerErrors)
        {
            var errors = run.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "The test source does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        var expected = run.Expected.Select(e => $"{e.Span.Id} {e.Path} [{e.Span.Span.Start}..{e.Span.Span.End})").Order(StringComparer.Ordinal).ToList();
        var actual = run.Flk.Select(d => $"{d.Id} {d.Location.GetLineSpan().Path} [{d.Location.SourceSpan.Start}..{d.Location.SourceSpan.End})").Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(actual))
        {
            Assert.Fail(
                "Expected diagnostics:" + Environment.NewLine + Lines(expected) + Environment.NewLine +
                "Actual diagnostics:" + Environment.NewLine + Lines(actual) + Environment.NewLine +
                "Actual, in detail:" + Environment.NewLine + Lines(run.Flk.Select(Describe)));
        }

        return run;
    }

    /// <summary>Formats a diagnostic with its file, 1-based line and column, the text it covers and its message.</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{diagnostic.Id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static string Lines(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        return list.Count == 0 ? "  (none)" : string.Join(Environment.NewLine, list.Select(l => "  " + l));
    }
}
