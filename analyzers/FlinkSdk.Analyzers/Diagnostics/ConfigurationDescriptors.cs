using System.Collections.Generic;
using System.Collections.Immutable;
using FlinkSdk.Configuration;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Diagnostics;

/// <summary>
/// One descriptor per rule of the shared rule table (<c>Rules.All</c>): the same id, title and severity as the
/// runtime's <c>Validate()</c>; the message is the problem's own text, so it is the runtime's message too.
/// </summary>
internal static class ConfigurationDescriptors
{
    private static readonly Dictionary<string, DiagnosticDescriptor> ById = Create();

    /// <summary>Every configuration descriptor, in rule-table order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = BuildAll();

    public static DiagnosticDescriptor For(string ruleId) => ById[ruleId];

    public static DiagnosticDescriptor For(RuleDescriptor rule) => ById[rule.Id];

    /// <summary>Turns a problem of the shared validator into a diagnostic at <paramref name="location"/>.</summary>
    public static Diagnostic ToDiagnostic(
        ConfigurationProblem problem, Location location, IEnumerable<Location>? additionalLocations, ImmutableDictionary<string, string?>? properties)
        => Diagnostic.Create(ById[problem.RuleId], location, additionalLocations, properties, problem.Message);

    private static Dictionary<string, DiagnosticDescriptor> Create()
    {
        var descriptors = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var rule in Rules.All)
        {
            // The ids come from the shared rule table rather than literals here: the table is the one source of truth,
            // and a test checks AnalyzerReleases.Unshipped.md against it.
#pragma warning disable RS1017 // DiagnosticId for analyzers must be a non-null constant
            descriptors.Add(rule.Id, new DiagnosticDescriptor(
                rule.Id,
                rule.Title,
                "{0}",
                DiagnosticCategories.Configuration,
                rule.Severity == ProblemSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                isEnabledByDefault: true,
                description: null,
                helpLinkUri: HelpLinks.For(rule.Id)));
#pragma warning restore RS1017
        }

        return descriptors;
    }

    private static ImmutableArray<DiagnosticDescriptor> BuildAll()
    {
        var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>(Rules.All.Count);
        foreach (var rule in Rules.All)
        {
            builder.Add(ById[rule.Id]);
        }

        return builder.MoveToImmutable();
    }
}
