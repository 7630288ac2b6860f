using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace FlinkSdk.Configuration.Loading;

/// <summary>
/// Reads Flink settings from .NET configuration: a section of an <see cref="IConfiguration"/> (appsettings.json,
/// environment variables, command line, in flat <c>"execution.checkpointing.interval"</c> or nested form),
/// environment variables named <c>FLINK__execution__checkpointing__interval</c>, and Flink's
/// <c>-Dkey=value</c> arguments.
/// </summary>
internal static class ConfigurationSettingsReader
{
    /// <summary>
    /// Reads the section, one source per configuration provider in provider order, so that a later provider
    /// overrides an earlier one however each spells the key (flat <c>execution.checkpointing.interval</c> or
    /// nested <c>execution:checkpointing:interval</c>).
    /// </summary>
    public static IReadOnlyList<SourceReadResult> Read(IConfiguration configuration, string sectionName)
    {
        var root = configuration as IConfigurationRoot;
        var byProvider = new SortedDictionary<int, (string Name, List<RawSetting> Settings)>();
        foreach (var pair in configuration.GetSection(sectionName).AsEnumerable(makePathsRelative: true))
        {
            if (pair.Value is null)
            {
                continue;
            }

            var (index, name, origin) = ProviderOf(root, ConfigurationPath.Combine(sectionName, pair.Key));
            if (!byProvider.TryGetValue(index, out var group))
            {
                group = byProvider[index] = (name, []);
            }

            group.Settings.Add(new RawSetting(ConfigurationKeys.Normalize(pair.Key), pair.Value, origin));
        }

        return byProvider.Values.Select(group =>
        {
            // AsEnumerable yields children in key order; keep that stable order for messages.
            group.Settings.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return new SourceReadResult(group.Name, group.Settings);
        }).ToList();
    }

    public static SourceReadResult ReadEnvironment(IDictionary variables, string prefix)
    {
        var settings = new List<RawSetting>();
        foreach (DictionaryEntry entry in variables)
        {
            string name = (string)entry.Key;
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                string key = ConfigurationKeys.Normalize(name[prefix.Length..].Replace("__", ".", StringComparison.Ordinal));
                settings.Add(new RawSetting(key, entry.Value as string, new ConfigOrigin(ConfigOriginKind.Environment, name)));
            }
        }

        settings.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new SourceReadResult($"environment ({prefix}*)", settings);
    }

    /// <summary>Reads Flink's dynamic properties: <c>-Dkey=value</c> and <c>-D key=value</c>; other arguments are left alone.</summary>
    public static SourceReadResult ReadCommandLine(IReadOnlyList<string> args)
    {
        var settings = new List<RawSetting>();
        ConfigurationProblem? error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string? property = args[i] switch
            {
                "-D" when i + 1 < args.Count => args[++i],
                { Length: > 2 } arg when arg.StartsWith("-D", StringComparison.Ordinal) => arg[2..],
                _ => null,
            };
            if (property is null)
            {
                continue;
            }

            int equals = property.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error ??= Rules.UnreadableSource.Problem(
                    $"Cannot read command-line property '-D{property}': expected -Dkey=value, e.g. -Dexecution.checkpointing.interval=10s.",
                    property, new ConfigOrigin(ConfigOriginKind.Argument, "-D" + property).ToString());
                continue;
            }

            string key = property[..equals].Trim();
            settings.Add(new RawSetting(key, property[(equals + 1)..], new ConfigOrigin(ConfigOriginKind.Argument, "-D" + key)));
        }

        return new SourceReadResult("command line", settings, error);
    }

    private static (int Index, string Name, ConfigOrigin Origin) ProviderOf(IConfigurationRoot? root, string fullPath)
    {
        if (root is null)
        {
            return (0, "configuration", ConfigOrigin.Code);
        }

        // Later providers override earlier ones, so the last provider holding the key supplied the value.
        var providers = root.Providers.ToList();
        for (int i = providers.Count - 1; i >= 0; i--)
        {
            if (!providers[i].TryGet(fullPath, out _))
            {
                continue;
            }

            var origin = providers[i] switch
            {
                FileConfigurationProvider file => new ConfigOrigin(ConfigOriginKind.File, file.Source.Path),
                EnvironmentVariablesConfigurationProvider => new ConfigOrigin(ConfigOriginKind.Environment, fullPath.Replace(":", "__", StringComparison.Ordinal)),
                CommandLineConfigurationProvider => new ConfigOrigin(ConfigOriginKind.Argument, "--" + fullPath),
                MemoryConfigurationProvider => ConfigOrigin.Code,
                var other => new ConfigOrigin(ConfigOriginKind.Code, other.GetType().Name),
            };
            string name = origin.Kind switch
            {
                ConfigOriginKind.File => origin.Location!,
                ConfigOriginKind.Environment => "environment",
                ConfigOriginKind.Argument => "command line",
                _ => "configuration provider " + providers[i].GetType().Name,
            };
            return (i, name, origin);
        }

        return (-1, "configuration", ConfigOrigin.Code);
    }
}
