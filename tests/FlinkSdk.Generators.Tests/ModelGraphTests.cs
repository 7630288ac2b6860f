using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Generators.Tests;

/// <summary>No step output holds Roslyn objects (symbols, syntax, locations, compilations…): they defeat caching and leak memory.</summary>
public sealed class ModelGraphTests
{
    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData)];

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_locations_or_compilations()
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile([.. Scenarios.All.Values]));
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        int models = 0;
        foreach (string step in IncrementalTests.StepNames)
        {
            foreach (var (value, _) in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                models++;
                Walk(value, $"{step}", visited);
            }
        }

        // 4 operators and 4 snapshot types, each before and after the null filter.
        Assert.Equal(16, models);
        Assert.Contains(visited, o => o.GetType().Name == "OperatorModel");
        Assert.Contains(visited, o => o.GetType().Name == "SnapshotTypeModel");
        Assert.Contains(visited, o => o.GetType().Name == "TypeModel");
    }

    [Fact]
    public void The_walk_detects_a_symbol()
    {
        var compilation = GeneratorHarness.Compile("class C { }");
        var holder = new Tuple<object>(compilation.GetTypeByMetadataName("C")!);
        Assert.ThrowsAny<Exception>(() => Walk(holder, "holder", new HashSet<object>(ReferenceEqualityComparer.Instance)));
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is decimal)
        {
            return;
        }

        var type = value.GetType();
        var bad = Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
        Assert.True(bad is null, $"{path} holds a {type.FullName} ({bad?.Name}).");
        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }
}
