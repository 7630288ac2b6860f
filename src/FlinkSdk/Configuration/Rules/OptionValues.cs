// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System;
using System.Collections.Generic;

namespace FlinkSdk.Configuration
{
    /// <summary>
    /// The explicitly set, already parsed values of a configuration, with Flink's defaults for the rest.
    /// The runtime fills it from its loaded configuration; the analyzers fill it from source code and files.
    /// </summary>
    internal sealed class OptionValues
    {
        private static readonly Dictionary<OptionDescriptor, object?> Defaults = ParseDefaults();
        private readonly Dictionary<OptionDescriptor, object> _values = new Dictionary<OptionDescriptor, object>();

        /// <summary>Sets a parsed value (see <see cref="OptionValueParser"/> for the types).</summary>
        public void Set(OptionDescriptor option, object value) => _values[option] = value;

        /// <summary>Whether the option was set explicitly.</summary>
        public bool IsSet(OptionDescriptor option) => _values.ContainsKey(option);

        /// <summary>The explicit value, else Flink's default, else <see langword="null"/>.</summary>
        public object? Get(OptionDescriptor option) =>
            _values.TryGetValue(option, out var value) ? value : Defaults[option];

        public bool GetBool(OptionDescriptor option) => (bool)(Get(option) ?? false);

        public int GetInt(OptionDescriptor option) => (int)Get(option)!;

        public long GetLong(OptionDescriptor option) => (long)Get(option)!;

        public double GetDouble(OptionDescriptor option) => (double)Get(option)!;

        public TimeSpan? GetDuration(OptionDescriptor option) => (TimeSpan?)Get(option);

        public string? GetString(OptionDescriptor option) => (string?)Get(option);

        /// <summary>Flink's default of <paramref name="option"/>, parsed; <see langword="null"/> when it has none.</summary>
        public static object? DefaultOf(OptionDescriptor option) => Defaults[option];

        private static Dictionary<OptionDescriptor, object?> ParseDefaults()
        {
            var defaults = new Dictionary<OptionDescriptor, object?>();
            foreach (var option in FlinkOptions.All)
            {
                object? value = null;
                if (option.DefaultValue != null && !OptionValueParser.TryParse(option, option.DefaultValue, out value, out var error))
                {
                    throw new InvalidOperationException("Bad default in the option catalog: " + error);
                }

                defaults.Add(option, value);
            }

            return defaults;
        }
    }
}
