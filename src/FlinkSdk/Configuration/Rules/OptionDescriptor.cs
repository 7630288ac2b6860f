// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System;
using System.Collections.Generic;

namespace FlinkSdk.Configuration
{
    /// <summary>The value type of a Flink option, which decides how its text is parsed.</summary>
    internal enum OptionKind
    {
        Boolean,
        Integer,
        Long,
        Double,
        Duration,
        MemorySize,
        String,
        Enum,
    }

    /// <summary>One accepted spelling of an enum-like option: the canonical name Flink prints, plus aliases.</summary>
    internal sealed class EnumChoice
    {
        public EnumChoice(string name, params string[] aliases)
        {
            Name = name;
            Aliases = aliases;
        }

        /// <summary>The canonical name, as Flink prints it (e.g. <c>EXACTLY_ONCE</c>, <c>fixed-delay</c>).</summary>
        public string Name { get; }

        /// <summary>Other names Flink accepts for the same value.</summary>
        public IReadOnlyList<string> Aliases { get; }
    }

    /// <summary>
    /// Everything known about one Flink configuration option: its key, deprecated keys, type, default and
    /// meaning. Mirrors Flink's <c>ConfigOption</c>; plain data so the analyzers can share it.
    /// </summary>
    internal sealed class OptionDescriptor
    {
        private static readonly EnumChoice[] NoChoices = Array.Empty<EnumChoice>();

        public OptionDescriptor(string key, OptionKind kind, string? defaultValue, string description, params string[] deprecatedKeys)
            : this(key, kind, defaultValue, description, NoChoices, deprecatedKeys)
        {
        }

        public OptionDescriptor(string key, OptionKind kind, string? defaultValue, string description, EnumChoice[] choices, params string[] deprecatedKeys)
        {
            Key = key;
            Kind = kind;
            DefaultValue = defaultValue;
            Description = description;
            Choices = choices;
            DeprecatedKeys = deprecatedKeys;
        }

        /// <summary>The current Flink key, e.g. <c>execution.checkpointing.interval</c>.</summary>
        public string Key { get; }

        /// <summary>How the value is parsed.</summary>
        public OptionKind Kind { get; }

        /// <summary>Flink's default in Flink's own notation, or <see langword="null"/> for "(none)".</summary>
        public string? DefaultValue { get; }

        /// <summary>One-line meaning of the option.</summary>
        public string Description { get; }

        /// <summary>For <see cref="OptionKind.Enum"/>: the accepted values.</summary>
        public IReadOnlyList<EnumChoice> Choices { get; }

        /// <summary>Older keys Flink still accepts for this option, newest first.</summary>
        public IReadOnlyList<string> DeprecatedKeys { get; }

        /// <summary>Describes the values this option accepts, for error messages.</summary>
        public string ValidValuesText
        {
            get
            {
                switch (Kind)
                {
                    case OptionKind.Boolean: return "'true' or 'false'";
                    case OptionKind.Integer: return "a whole number between " + int.MinValue + " and " + int.MaxValue;
                    case OptionKind.Long: return "a whole number between " + long.MinValue + " and " + long.MaxValue;
                    case OptionKind.Double: return "a decimal number such as '1.5'";
                    case OptionKind.Duration: return DurationParser.ValidFormatsText;
                    case OptionKind.MemorySize: return MemorySizeParser.ValidFormatsText;
                    case OptionKind.Enum:
                        var names = new string[Choices.Count];
                        for (int i = 0; i < names.Length; i++)
                        {
                            names[i] = "'" + Choices[i].Name + "'";
                        }

                        return "one of " + string.Join(", ", names);
                    default: return "any text";
                }
            }
        }

        /// <summary>Whether <paramref name="key"/> names this option (current or deprecated key).</summary>
        public bool Matches(string key)
        {
            if (string.Equals(Key, key, StringComparison.Ordinal))
            {
                return true;
            }

            foreach (var deprecated in DeprecatedKeys)
            {
                if (string.Equals(deprecated, key, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public override string ToString() => Key;
    }
}
