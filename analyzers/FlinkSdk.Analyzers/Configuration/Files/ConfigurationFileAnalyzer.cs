using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using FlinkSdk.Analyzers.Diagnostics;
using FlinkSdk.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Configuration.Files;

/// <summary>
/// Checks Flink settings in configuration files passed as <c>AdditionalFiles</c> (<c>appsettings*.json</c>,
/// <c>config.yaml</c>): the runtime's load rules (unknown, deprecated, duplicate keys; values that cannot be
/// parsed) and every rule of the shared table, each reported on the offending line of the file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigurationFileAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ConfigurationDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            // Only projects using FlinkSdk: an unrelated config.yaml elsewhere is none of our business.
            if (start.Compilation.GetTypeByMetadataName(KnownTypes.FlinkConfiguration) is null)
            {
                return;
            }

            start.RegisterAdditionalFileAction(file => Analyze(file.AdditionalFile, file.ReportDiagnostic, file.CancellationToken));
        });
    }

    private static void Analyze(AdditionalText file, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        var kind = ConfigurationFiles.Classify(file.Path);
        if (kind == ConfigurationFileKind.None || file.GetText(cancellationToken) is not { } text)
        {
            return;
        }

        string content = text.ToString();
        var problems = new List<LocatedProblem>();
        List<RawEntry>? entries = kind == ConfigurationFileKind.AppSettingsJson
            ? ReadJson(file.Path, content, text, problems)
            : ReadYaml(file.Path, content, text, problems);
        if (entries is not null)
        {
            var writes = SettingsLoader.Load(file.Path, entries, everyKeyMustBeKnown: false, WriteKind.File, problems);
            foreach (var diagnostic in ConfigurationEvaluator.Evaluate(writes, isComplete: true, JobShape.None, At(file.Path, text, new TextSpan(0, 0))))
            {
                report(diagnostic);
            }
        }

        foreach (var problem in problems)
        {
            report(ConfigurationDescriptors.ToDiagnostic(problem.Problem, problem.Location, null, null));
        }
    }

    private static List<RawEntry>? ReadJson(string path, string content, SourceText text, List<LocatedProblem> problems)
    {
        var root = JsonConfigReader.Read(content, out var error);
        if (root is null)
        {
            problems.Add(SyntaxProblem(path, text, error!, LoadProblems.UnreadableFile(path, error!.Reason + " " + LineColumn(text, error.Span), null)));
            return null;
        }

        // As Microsoft.Extensions.Configuration: keys are case-insensitive paths, and a path given twice is an error.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = new List<RawEntry>();
        string prefix = ConfigurationKeys.DefaultSectionName + ":";
        foreach (var setting in KeyFlattener.Flatten(root, FlattenStyle.DotNetConfiguration))
        {
            if (!seen.Add(setting.Key))
            {
                var duplicate = new ConfigSyntaxError("A duplicate key '" + setting.Key + "' was found.", setting.KeySpan);
                problems.Add(SyntaxProblem(path, text, duplicate, LoadProblems.UnreadableFile(path, duplicate.Reason + " " + LineColumn(text, duplicate.Span), null)));
                return null;
            }

            if (setting.Key.Length > prefix.Length && setting.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                entries.Add(new RawEntry(
                    ConfigurationKeys.Normalize(setting.Key.Substring(prefix.Length)),
                    setting.Value,
                    At(path, text, setting.KeySpan),
                    At(path, text, setting.ValueSpan),
                    "file " + path));
            }
        }

        // The runtime reads a provider's keys in key order; duplicates of one option are resolved in that order.
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }

    private static List<RawEntry>? ReadYaml(string path, string content, SourceText text, List<LocatedProblem> problems)
    {
        var root = YamlConfigReader.Read(content, out var error);
        if (root is null)
        {
            var position = text.Lines.GetLinePosition(error!.Span.Start);
            problems.Add(SyntaxProblem(path, text, error, LoadProblems.UnparsableYaml(path, position.Line + 1, position.Character + 1, error.Reason, null)));
            return null;
        }

        var entries = new List<RawEntry>();
        foreach (var setting in KeyFlattener.Flatten(root, FlattenStyle.FlinkYaml))
        {
            int line = text.Lines.GetLinePosition(setting.KeySpan.Start).Line + 1;
            entries.Add(new RawEntry(
                setting.Key,
                setting.Value,
                At(path, text, setting.KeySpan),
                At(path, text, setting.ValueSpan),
                "file " + path + ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return entries;
    }

    private static LocatedProblem SyntaxProblem(string path, SourceText text, ConfigSyntaxError error, ConfigurationProblem problem) =>
        new(problem, At(path, text, error.Span));

    private static string LineColumn(SourceText text, TextSpan span)
    {
        var position = text.Lines.GetLinePosition(span.Start);
        return "(line " + (position.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ", column " +
            (position.Character + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }

    private static Location At(string path, SourceText text, TextSpan span) =>
        Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
}
