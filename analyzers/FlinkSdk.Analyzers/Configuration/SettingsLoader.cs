using System.Collections.Generic;
using FlinkSdk.Configuration;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Configuration;

/// <summary>A key and its text as one source wrote them, with where each was written.</summary>
internal sealed class RawEntry : ISourceSetting
{
    public RawEntry(string key, string? value, Location keyLocation, Location valueLocation, string where)
    {
        Key = key;
        Value = value;
        KeyLocation = keyLocation;
        ValueLocation = valueLocation;
        Where = where;
    }

    /// <summary>The key as the source spelled it, after the source's own key normalization.</summary>
    public string Key { get; }

    /// <summary>The value text; <see langword="null"/> when the source gave none.</summary>
    public string? Value { get; }

    public Location KeyLocation { get; }

    public Location ValueLocation { get; }

    /// <summary>Where it was written, as the runtime prints origins (<c>file config.yaml:3</c>).</summary>
    public string Where { get; }
}

/// <summary>A problem and the place in source it belongs to.</summary>
internal readonly struct LocatedProblem
{
    public LocatedProblem(ConfigurationProblem problem, Location location)
    {
        Problem = problem;
        Location = location;
    }

    public ConfigurationProblem Problem { get; }

    public Location Location { get; }
}

/// <summary>
/// Loads one source exactly as the runtime's <c>FlinkConfiguration</c> applies a source (the shared
/// <see cref="SettingsResolver"/>), with each problem placed on the key or the value it is about.
/// </summary>
internal static class SettingsLoader
{
    /// <summary>Loads <paramref name="entries"/>; the writes come out in the order the runtime stores them.</summary>
    /// <param name="sourceName">The source's name, for duplicate-key messages.</param>
    /// <param name="entries">The settings in source order.</param>
    /// <param name="everyKeyMustBeKnown">Report unknown keys outside FlinkSdk's prefixes too (<c>FlinkConfiguration.Set</c> does).</param>
    /// <param name="writeKind">What the value locations point at.</param>
    /// <param name="problems">Receives the load problems.</param>
    public static List<OptionWrite> Load(string sourceName, IReadOnlyList<RawEntry> entries, bool everyKeyMustBeKnown, WriteKind writeKind, List<LocatedProblem> problems)
    {
        var resolved = SettingsResolver.Resolve(
            sourceName,
            entries,
            everyKeyMustBeKnown,
            (entry, problem, part) => problems.Add(new LocatedProblem(problem, part == SettingPart.Value ? entry.ValueLocation : entry.KeyLocation)));
        var writes = new List<OptionWrite>(resolved.Count);
        foreach (var setting in resolved)
        {
            writes.Add(OptionWrite.Known(setting.Option, setting.Value, setting.Setting.ValueLocation, writeKind));
        }

        return writes;
    }
}
