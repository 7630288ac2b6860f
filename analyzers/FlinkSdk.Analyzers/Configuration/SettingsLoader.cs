using System.Collections.Generic;
using FlinkSdk.Configuration;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Configuration;

/// <summary>A key and its text as one source wrote them, with where each was written.</summary>
internal sealed class RawEntry
{
    public RawEntry(string key, string? value, Location keyLocation, Location valueLocation, string origin)
    {
        Key = key;
        Value = value;
        KeyLocation = keyLocation;
        ValueLocation = valueLocation;
        Origin = origin;
    }

    /// <summary>The key as the source spelled it, after the source's own key normalization.</summary>
    public string Key { get; }

    /// <summary>The value text; <see langword="null"/> when the source gave none.</summary>
    public string? Value { get; }

    public Location KeyLocation { get; }

    public Location ValueLocation { get; }

    /// <summary>Where it was written, as the runtime prints origins (<c>file config.yaml:3</c>).</summary>
    public string Origin { get; }
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
/// Resolves keys and parses values of one source exactly as the runtime's <c>FlinkConfiguration</c> applies a
/// source: unknown keys (only under FlinkSdk's prefixes, unless every key must be known), deprecated keys,
/// values that cannot be parsed, and the same option set twice (the current key beats a deprecated one; else
/// the later setting wins).
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
        var staged = new Dictionary<OptionDescriptor, (RawEntry Entry, object Value)>();
        var order = new List<OptionDescriptor>();
        foreach (var entry in entries)
        {
            var option = FlinkOptions.Find(entry.Key);
            if (option is null)
            {
                if (everyKeyMustBeKnown || FlinkOptions.IsOwnedKey(entry.Key))
                {
                    problems.Add(new LocatedProblem(LoadMessages.UnknownKey(entry.Key), entry.KeyLocation));
                }

                continue;
            }

            if (entry.Key != option.Key)
            {
                problems.Add(new LocatedProblem(LoadMessages.DeprecatedKey(entry.Key, option), entry.KeyLocation));
            }

            if (!OptionValueParser.TryParse(option, entry.Value, out object? value, out string? error))
            {
                problems.Add(new LocatedProblem(Rules.InvalidValue.Problem(error!, entry.Key, null), entry.ValueLocation));
                continue;
            }

            if (staged.TryGetValue(option, out var earlier))
            {
                bool keepEarlier = KeyRank(option, earlier.Entry.Key) < KeyRank(option, entry.Key);
                var kept = keepEarlier ? earlier.Entry : entry;
                var dropped = keepEarlier ? entry : earlier.Entry;
                problems.Add(new LocatedProblem(
                    LoadMessages.DuplicateKey(option, sourceName, dropped.Key, dropped.Origin, kept.Key, kept.Origin, entry.Key), entry.KeyLocation));
                if (keepEarlier)
                {
                    continue;
                }
            }
            else
            {
                order.Add(option);
            }

            staged[option] = (entry, value!);
        }

        var writes = new List<OptionWrite>(order.Count);
        foreach (var option in order)
        {
            var (entry, value) = staged[option];
            writes.Add(OptionWrite.Known(option, value, entry.ValueLocation, writeKind));
        }

        return writes;
    }

    /// <summary>0 for the current key, then 1, 2, … for the deprecated keys in declared order (Flink's precedence).</summary>
    private static int KeyRank(OptionDescriptor option, string key)
    {
        for (int i = 0; i < option.DeprecatedKeys.Count; i++)
        {
            if (option.DeprecatedKeys[i] == key)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
