using System.Reflection;
using FlinkSdk.Analyzers.Tests.Infrastructure;
using FlinkSdk.Configuration;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Tests.Hygiene;

/// <summary>
/// The rules as shipped: the same ids, titles and severities as the runtime's rule table, tracked in
/// AnalyzerReleases.Unshipped.md (the check RS2002 cannot make for ids built from the table), and documented.
/// </summary>
public class RuleCatalogTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors =
        [.. AnalyzerHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id).OrderBy(d => d.Id, StringComparer.Ordinal)];

    public static TheoryData<string> Ids => [.. Descriptors.Select(d => d.Id)];

    [Fact]
    public void Configuration_rules_are_the_runtime_rule_table()
    {
        var runtime = RuntimeRules();
        var analyzers = Descriptors.Where(d => d.Category == "FlinkSdk.Configuration")
            .Select(d => (d.Id, d.Title.ToString(), d.DefaultSeverity == DiagnosticSeverity.Error ? ProblemSeverity.Error : ProblemSeverity.Warning));
        Assert.Equal(runtime, analyzers);
        Assert.All(Descriptors.Where(d => d.Category == "FlinkSdk.Configuration"), d => Assert.Equal("{0}", d.MessageFormat.ToString()));
    }

    [Fact]
    public void Release_tracking_lists_exactly_the_supported_rules()
    {
        string folder = RepositoryPaths.Combine("analyzers", "FlinkSdk.Analyzers");
        var unshipped = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md"))
            .Where(line => line.StartsWith("FLK", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Select(cells => $"{cells[0]} {cells[1]} {cells[2]}");
        var supported = Descriptors.Select(d => $"{d.Id} {d.Category} {d.DefaultSeverity}");
        Assert.Equal(supported, unshipped.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md")), line => line.StartsWith("FLK", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_has_a_page_linked_as_its_help_link_and_a_row_in_the_index(string id)
    {
        var descriptor = Descriptors.Single(d => d.Id == id);
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(descriptor.HelpLinkUri, UriKind.Absolute), descriptor.HelpLinkUri);

        string page = File.ReadAllText(RepositoryPaths.Combine("docs", "diagnostics", id + ".md"));
        Assert.StartsWith($"# {id}: {descriptor.Title}\n", page, StringComparison.Ordinal);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity.ToString().ToLowerInvariant()} |", page, StringComparison.Ordinal);
        foreach (string section in new[] { "## What it reports", "## Why", "## How to fix", "## Flink's equivalent" })
        {
            Assert.Contains(section, page, StringComparison.Ordinal);
        }

        string index = File.ReadAllText(RepositoryPaths.Combine("docs", "diagnostics", "README.md"));
        Assert.Contains($"| [{id}]({id}.md) | {descriptor.DefaultSeverity.ToString().ToLowerInvariant()} | {descriptor.Title} |", index, StringComparison.Ordinal);
    }

    [Fact]
    public void No_page_documents_a_rule_that_does_not_exist()
    {
        var pages = Directory.GetFiles(RepositoryPaths.Combine("docs", "diagnostics"), "FLK*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(Descriptors.Select(d => d.Id), pages.Order(StringComparer.Ordinal));
    }

    /// <summary>The runtime's own table (internal there), read by reflection from the runtime assembly.</summary>
    private static List<(string Id, string Title, ProblemSeverity Severity)> RuntimeRules()
    {
        var rules = typeof(FlinkConfiguration).Assembly.GetType("FlinkSdk.Configuration.Rules", throwOnError: true)!;
        var all = (IEnumerable<object>)rules.GetField("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return [.. all.Select(rule => (
            (string)rule.GetType().GetProperty("Id")!.GetValue(rule)!,
            (string)rule.GetType().GetProperty("Title")!.GetValue(rule)!,
            (ProblemSeverity)rule.GetType().GetProperty("Severity")!.GetValue(rule)!))
            .OrderBy(r => r.Item1, StringComparer.Ordinal)];
    }
}
