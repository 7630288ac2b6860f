using System.Text.Encodings.Web;
using System.Text.Json;
using FlinkSdk.Configuration;

namespace FlinkSdk.Cli.Commands;

/// <summary>The result of <c>flinksdk config check</c>, printable as a table or as JSON.</summary>
internal sealed class ConfigCheckReport(FlinkConfiguration configuration, IReadOnlyList<ConfigurationProblem> problems)
{
    public int ErrorCount { get; } = problems.Count(p => p.Severity == ProblemSeverity.Error);

    public int WarningCount => problems.Count - ErrorCount;

    public void WriteText(TextWriter output)
    {
        output.WriteLine("Sources (later ones win):");
        foreach (var (name, count) in configuration.Sources)
        {
            output.WriteLine($"  {name}: {count} setting{(count == 1 ? string.Empty : "s")}");
        }

        var options = configuration.GetEffectiveOptions();
        int keyWidth = options.Max(o => o.Key.Length);
        int valueWidth = Math.Max(5, options.Max(o => o.Value.Length));
        output.WriteLine();
        output.WriteLine($"{"KEY".PadRight(keyWidth)}  {"VALUE".PadRight(valueWidth)}  ORIGIN");
        foreach (var option in options)
        {
            output.WriteLine($"{option.Key.PadRight(keyWidth)}  {option.Value.PadRight(valueWidth)}  {option.Origin}");
        }

        if (configuration.IgnoredKeys.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Ignored (not used by FlinkSdk): {string.Join(", ", configuration.IgnoredKeys)}");
        }

        output.WriteLine();
        if (problems.Count == 0)
        {
            output.WriteLine("No problems found.");
            return;
        }

        output.WriteLine("Problems:");
        foreach (var problem in problems)
        {
            string severity = problem.Severity == ProblemSeverity.Error ? "error  " : "warning";
            output.WriteLine($"  {severity} {problem.RuleId} {(problem.Location is null ? string.Empty : $"[{problem.Location}] ")}{problem.Message.Replace("\n", " ", StringComparison.Ordinal)}");
        }

        output.WriteLine();
        output.WriteLine($"{ErrorCount} error{(ErrorCount == 1 ? string.Empty : "s")}, {WarningCount} warning{(WarningCount == 1 ? string.Empty : "s")}");
    }

    public void WriteJson(TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("sources");
            foreach (var (name, count) in configuration.Sources)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteNumber("settings", count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("options");
            foreach (var option in configuration.GetEffectiveOptions())
            {
                json.WriteStartObject();
                json.WriteString("key", option.Key);
                json.WriteString("value", option.Value);
                json.WriteString("origin", option.Origin.Kind.ToString().ToLowerInvariant());
                json.WriteString("location", option.Origin.Location);
                json.WriteString("description", option.Description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("ignoredKeys");
            foreach (var key in configuration.IgnoredKeys)
            {
                json.WriteStringValue(key);
            }

            json.WriteEndArray();
            json.WriteStartArray("problems");
            foreach (var problem in problems)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", problem.RuleId);
                json.WriteString("severity", problem.Severity == ProblemSeverity.Error ? "error" : "warning");
                json.WriteString("message", problem.Message);
                json.WriteStartArray("keys");
                foreach (var key in problem.Keys)
                {
                    json.WriteStringValue(key);
                }

                json.WriteEndArray();
                json.WriteString("location", problem.Location);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("errors", ErrorCount);
            json.WriteNumber("warnings", WarningCount);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
