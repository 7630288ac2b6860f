// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System;
using System.Collections.Generic;

namespace FlinkSdk.Configuration
{
    /// <summary>A key and its text as one source wrote them: what the runtime's readers and the analyzers' readers produce.</summary>
    internal interface ISourceSetting
    {
        /// <summary>The key as the source spelled it, after the source's own key normalization.</summary>
        string Key { get; }

        /// <summary>The value text; <see langword="null"/> when the source gave none (e.g. <c>key:</c> in YAML).</summary>
        string? Value { get; }

        /// <summary>Where it was written, as messages print it (<c>file config.yaml:3</c>).</summary>
        string Where { get; }
    }

    /// <summary>Which part of a setting a load problem is about.</summary>
    internal enum SettingPart
    {
        /// <summary>The key: unknown, deprecated or set twice.</summary>
        Key,

        /// <summary>The value: it cannot be parsed.</summary>
        Value,
    }

    /// <summary>A setting whose key names an option and whose value parsed.</summary>
    internal readonly struct ResolvedSetting<TSetting>
    {
        public ResolvedSetting(OptionDescriptor option, object value, TSetting setting)
        {
            Option = option;
            Value = value;
            Setting = setting;
        }

        public OptionDescriptor Option { get; }

        /// <summary>The parsed value (see <see cref="OptionValueParser"/> for the types).</summary>
        public object Value { get; }

        /// <summary>The setting in force for the option.</summary>
        public TSetting Setting { get; }
    }

    /// <summary>
    /// Applies one source's settings as Flink does: resolves keys (current or deprecated), parses values, and settles
    /// an option set twice (the current key beats a deprecated one, else the later setting wins). The runtime's
    /// <c>FlinkConfiguration</c> and the analyzers both load through it, so they report the same problems.
    /// </summary>
    internal static class SettingsResolver
    {
        /// <summary>Resolves <paramref name="settings"/>; returns one setting per option, in the order options were first set.</summary>
        /// <param name="sourceName">The source's name, for duplicate-key messages.</param>
        /// <param name="settings">The settings in source order.</param>
        /// <param name="everyKeyMustBeKnown">
        /// Report unknown keys outside FlinkSdk's prefixes too; otherwise those belong to other Flink components and
        /// go to <paramref name="ignore"/>.
        /// </param>
        /// <param name="report">Receives each problem, the setting it is about and which part of it is wrong.</param>
        /// <param name="ignore">Receives the settings of keys FlinkSdk does not own, if given.</param>
        public static List<ResolvedSetting<TSetting>> Resolve<TSetting>(
            string sourceName,
            IEnumerable<TSetting> settings,
            bool everyKeyMustBeKnown,
            Action<TSetting, ConfigurationProblem, SettingPart> report,
            Action<TSetting>? ignore = null)
            where TSetting : ISourceSetting
        {
            var staged = new Dictionary<OptionDescriptor, int>();
            var resolved = new List<ResolvedSetting<TSetting>>();
            foreach (var setting in settings)
            {
                var option = FlinkOptions.Find(setting.Key);
                if (option is null)
                {
                    if (everyKeyMustBeKnown || FlinkOptions.IsOwnedKey(setting.Key))
                    {
                        report(setting, LoadProblems.UnknownKey(setting.Key, setting.Where), SettingPart.Key);
                    }
                    else
                    {
                        ignore?.Invoke(setting);
                    }

                    continue;
                }

                if (setting.Key != option.Key)
                {
                    report(setting, LoadProblems.DeprecatedKey(setting.Key, option, setting.Where), SettingPart.Key);
                }

                if (!OptionValueParser.TryParse(option, setting.Value, out object? value, out string? error))
                {
                    report(setting, Rules.InvalidValue.Problem(error!, setting.Key, setting.Where), SettingPart.Value);
                    continue;
                }

                if (!staged.TryGetValue(option, out int index))
                {
                    staged.Add(option, resolved.Count);
                    resolved.Add(new ResolvedSetting<TSetting>(option, value!, setting));
                    continue;
                }

                // Flink reads the current key first, then the deprecated keys in declared order; the later line wins a tie.
                var earlier = resolved[index].Setting;
                bool keepEarlier = KeyRank(option, earlier.Key) < KeyRank(option, setting.Key);
                var kept = keepEarlier ? earlier : setting;
                var dropped = keepEarlier ? setting : earlier;
                report(setting, LoadProblems.DuplicateKey(option, sourceName, (dropped.Key, dropped.Where), (kept.Key, kept.Where), setting.Key, setting.Where), SettingPart.Key);
                if (!keepEarlier)
                {
                    resolved[index] = new ResolvedSetting<TSetting>(option, value!, setting);
                }
            }

            return resolved;
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
}
