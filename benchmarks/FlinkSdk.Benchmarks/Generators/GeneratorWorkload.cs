using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlinkSdk.Benchmarks.Generators;

/// <summary>
/// The source of a user project with many stateful operators, one file each: keyed and non-keyed, four to nine
/// <c>[State]</c> members of varied types (primitives, string, decimal, DateTime, nullable, tuple, collections,
/// <c>[SnapshotType]</c> records), a record file per ten operators, and plain classes the generator ignores.
/// </summary>
internal sealed class GeneratorWorkload
{
    /// <summary>The state member declarations an operator draws from, in order; a [State] id is put in front.</summary>
    private static readonly string[] StateMembers =
    [
        "private long _count;",
        "private string _last = \"\";",
        "private List<string> _recent = new();",
        "private Dictionary<string, int> _bySource = new();",
        "private decimal _total;",
        "private DateTime _seen;",
        "private int? _limit;",
        "private (int Hits, string? Tag) _pair;",
    ];

    private GeneratorWorkload(IReadOnlyList<SyntaxTree> trees, SyntaxTree editable, int operators, int snapshotTypes)
    {
        Trees = trees;
        Editable = editable;
        Operators = operators;
        SnapshotTypes = snapshotTypes;
    }

    /// <summary>Parse options of every tree (and of the driver: they must match).</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>All files of the project.</summary>
    public IReadOnlyList<SyntaxTree> Trees { get; }

    /// <summary>A file no attribute of the generator touches: the one the "unrelated edit" replaces.</summary>
    public SyntaxTree Editable { get; }

    /// <summary>How many [StatefulOperator] classes the project holds.</summary>
    public int Operators { get; }

    /// <summary>How many [SnapshotType] records the project holds.</summary>
    public int SnapshotTypes { get; }

    /// <summary>Builds the project's files.</summary>
    /// <param name="operators">The number of operators; a [SnapshotType] record is added per ten of them.</param>
    /// <param name="plainClasses">The number of files without generator attributes.</param>
    public static GeneratorWorkload Create(int operators, int plainClasses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(operators, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plainClasses, 1);
        int records = (operators + 9) / 10;
        var trees = new List<SyntaxTree>(operators + records + plainClasses);
        trees.AddRange(Enumerable.Range(0, operators).Select(i => Parse(Operator(i), $"Operators/Operator{i}.cs")));
        trees.AddRange(Enumerable.Range(0, records).Select(i => Parse(Record(i), $"Records/Summary{i}.cs")));
        trees.AddRange(Enumerable.Range(0, plainClasses).Select(i => Parse(PlainClass(i, edited: false), $"Helpers/Helper{i}.cs")));
        return new GeneratorWorkload(trees, trees[^plainClasses], operators, records);
    }

    /// <summary>The editable file after an edit that changes nothing the generator reads.</summary>
    public SyntaxTree EditedFile() => Parse(PlainClass(0, edited: true), Editable.FilePath);

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    private static string Operator(int i)
    {
        bool keyed = i % 4 != 0;
        int memberCount = 3 + (i % 6);
        var members = StateMembers.Take(memberCount)
            .Select((member, id) => $"    [State({id})]\n    {member}\n")
            .Append($"    [State({memberCount})]\n    private Summary{i / 10}? _summary;\n");
        string baseType = keyed ? "KeyedProcessFunction<string, string, string>" : "ProcessFunction<string, string>";
        string callback = keyed ? string.Empty : "\n    [BeforeSnapshot]\n    private void Flush(long checkpointId) => _count += checkpointId % 2;\n";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            using System;
            using System.Collections.Generic;
            using FlinkSdk.DataStream;
            using FlinkSdk.State;
            using Workload.Records;

            namespace Workload.Operators.Group{{i / 50}};

            [StatefulOperator]
            public sealed partial class Operator{{i}} : {{baseType}}
            {
            {{string.Concat(members)}}
                public override void ProcessElement(string value, Context context, ICollector<string> output)
                {
                    _count++;
                    _summary = new Summary{{i / 10}}(_count, value);
                    output.Collect(value);
                }
            {{callback}}}
            """);
    }

    private static string Record(int i) => string.Create(CultureInfo.InvariantCulture, $$"""
        using System.Collections.Generic;
        using FlinkSdk.State;

        namespace Workload.Records;

        [SnapshotType]
        public sealed record Summary{{i}}([property: Key(0)] long Count, [property: Key(1)] string Name)
        {
            [Key(2)]
            public List<double> Values { get; init; } = [];
        }
        """);

    private static string PlainClass(int i, bool edited) => string.Create(CultureInfo.InvariantCulture, $$"""
        namespace Workload.Helpers;

        public static class Helper{{i}}
        {
            public static int Twice(int x) => x * 2 + {{i}};
        {{(edited ? "\n    public static int Thrice(int x) => x * 3;\n" : string.Empty)}}}
        """);
}
