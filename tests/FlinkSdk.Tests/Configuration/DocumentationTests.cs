using FlinkSdk.Configuration;

namespace FlinkSdk.Tests.Configuration;

/// <summary>docs/configuration.md must not drift from the catalog and the rule table.</summary>
public class DocumentationTests
{
    private static readonly string Docs = File.ReadAllText(RepositoryPaths.Combine("docs", "configuration.md"));

    public static TheoryData<string> OptionKeys => [.. FlinkOptions.All.Select(o => o.Key)];

    public static TheoryData<string> RuleIds => [.. Rules.All.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(OptionKeys))]
    public void EveryOptionIsDocumentedWithItsDefaultAndDeprecatedKeys(string key)
    {
        var option = FlinkOptions.Find(key)!;
        string row = Docs.Split('\n').SingleOrDefault(line => line.StartsWith($"| `{key}` |", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"docs/configuration.md has no row for '{key}'");
        Assert.Contains(option.DefaultValue ?? "(none)", row.Replace("derived", option.DefaultValue ?? "(none)", StringComparison.Ordinal));
        Assert.All(option.DeprecatedKeys, deprecated => Assert.Contains($"`{deprecated}`", row));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRuleIsDocumented(string id)
    {
        var rule = Rules.All.Single(r => r.Id == id);
        Assert.Contains($"| `{id}` | {rule.Severity.ToString().ToLowerInvariant()} | {rule.Title} |", Docs);
    }
}
