using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using FlinkSdk.Analyzers.Diagnostics;
using FlinkSdk.Configuration;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Configuration;

/// <summary>
/// Runs the shared <see cref="ConfigurationValidator"/> over the writes of one configuration (a C# configuration
/// object or a configuration file) and places each problem on the write of the option to change first.
/// </summary>
internal static class ConfigurationEvaluator
{
    /// <summary>Property: the key whose value a fix changes first (the problem's first key).</summary>
    public const string FixKeyProperty = "FixKey";

    /// <summary>Property: whether <see cref="FixKeyProperty"/> is written in the source ("true"/"false"); when not, a fix adds it.</summary>
    public const string FixKeyWrittenProperty = "FixKeyWritten";

    /// <summary>Property: the key written at the diagnostic's location, if any.</summary>
    public const string LocationKeyProperty = "LocationKey";

    /// <summary>Property: what the diagnostic's location is (<see cref="WriteKind"/>), or "Job" / "Source".</summary>
    public const string LocationKindProperty = "LocationKind";

    /// <summary>Property: every key of the problem, comma separated, in the problem's order.</summary>
    public const string KeysProperty = "Keys";

    /// <summary>Property (C# only): an expression for the configuration's <c>CheckpointConfig</c>, where a fix can add a missing setting.</summary>
    public const string CheckpointConfigProperty = "CheckpointConfig";

    // An interval assumed for configurations that may get theirs from elsewhere: rules that only matter with
    // checkpointing on then still see what the source itself sets.
    private static readonly TimeSpan AssumedInterval = TimeSpan.FromMinutes(1);

    /// <summary>Evaluates <paramref name="writes"/> (in source order) and returns one diagnostic per problem.</summary>
    /// <param name="writes">The writes, in the order they take effect.</param>
    /// <param name="isComplete">
    /// Whether the writes are the whole configuration (options not written hold Flink's defaults). When not, other
    /// sources may set any option, so a problem is reported only when every option it names is written here.
    /// </param>
    /// <param name="shape">What is known about the job graph.</param>
    /// <param name="fallback">Where to report a problem none of whose options is written.</param>
    /// <param name="checkpointConfig">For C#: an expression for the configuration's <c>CheckpointConfig</c>, if one is known.</param>
    public static List<Diagnostic> Evaluate(IReadOnlyList<OptionWrite> writes, bool isComplete, JobShape shape, Location fallback, string? checkpointConfig = null)
    {
        var last = new Dictionary<OptionDescriptor, OptionWrite>();
        foreach (var write in writes)
        {
            last[write.Option] = write;
        }

        var values = new OptionValues();
        foreach (var write in last.Values)
        {
            if (write.IsKnown && write.Value is not null)
            {
                values.Set(write.Option, write.Value);
            }
        }

        var problems = ConfigurationValidator.Validate(values, shape.Iteration is not null, shape.CustomPartitioner is not null);
        if (!isComplete && !last.ContainsKey(FlinkOptions.CheckpointingInterval))
        {
            values.Set(FlinkOptions.CheckpointingInterval, AssumedInterval);
            problems.AddRange(ConfigurationValidator.Validate(values, shape.Iteration is not null, shape.CustomPartitioner is not null));
        }

        var diagnostics = new List<Diagnostic>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var problem in problems)
        {
            if (IsDecidable(problem, last, isComplete) && seen.Add(problem.RuleId + "\n" + problem.Message))
            {
                diagnostics.Add(ToDiagnostic(problem, last, shape, fallback, checkpointConfig));
            }
        }

        return diagnostics;
    }

    /// <summary>A problem is reported only when none of its options has an unknown value, and, for a partial configuration, all are written.</summary>
    private static bool IsDecidable(ConfigurationProblem problem, Dictionary<OptionDescriptor, OptionWrite> last, bool isComplete)
    {
        foreach (string key in problem.Keys)
        {
            var option = FlinkOptions.Find(key);
            if (option is null)
            {
                return false;
            }

            if (last.TryGetValue(option, out var write) ? !write.IsKnown : !isComplete)
            {
                return false;
            }
        }

        return true;
    }

    private static Diagnostic ToDiagnostic(ConfigurationProblem problem, Dictionary<OptionDescriptor, OptionWrite> last, JobShape shape, Location fallback, string? checkpointConfig)
    {
        OptionWrite? primary = null;
        var additional = new List<Location>();
        foreach (string key in problem.Keys)
        {
            if (FlinkOptions.Find(key) is { } option && last.TryGetValue(option, out var write))
            {
                if (primary is null)
                {
                    primary = write;
                }
                else if (!write.Location.Equals(primary.Location))
                {
                    additional.Add(write.Location);
                }
            }
        }

        Location location;
        string locationKind;
        if (primary is not null)
        {
            location = primary.Location;
            locationKind = primary.Kind.ToString();
        }
        else if (JobLocation(problem, shape) is { } job)
        {
            location = job;
            locationKind = "Job";
        }
        else
        {
            location = fallback;
            locationKind = "Source";
        }

        string fixKey = problem.Keys.Count > 0 ? problem.Keys[0] : string.Empty;
        bool fixKeyWritten = FlinkOptions.Find(fixKey) is { } fixOption && last.ContainsKey(fixOption);
        var properties = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        properties[FixKeyProperty] = fixKey;
        properties[FixKeyWrittenProperty] = fixKeyWritten ? "true" : "false";
        properties[LocationKeyProperty] = primary?.Option.Key;
        properties[LocationKindProperty] = locationKind;
        properties[KeysProperty] = string.Join(",", problem.Keys);
        if (checkpointConfig is not null)
        {
            properties[CheckpointConfigProperty] = checkpointConfig;
        }

        return ConfigurationDescriptors.ToDiagnostic(problem, location, additional, properties.ToImmutable());
    }

    private static Location? JobLocation(ConfigurationProblem problem, JobShape shape)
    {
        if (problem.RuleId == Rules.UnalignedCustomPartitionerNotForced.Id)
        {
            return shape.CustomPartitioner;
        }

        return problem.RuleId == Rules.IterationsWithoutForce.Id || problem.RuleId == Rules.UnalignedIterationsNotForced.Id
            ? shape.Iteration
            : null;
    }
}
