// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System;
using System.Globalization;

namespace FlinkSdk.Configuration
{
    /// <summary>
    /// Turns configuration text into typed values the way Flink's <c>ConfigurationUtils</c> does, and back.
    /// Parsed values are: <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>,
    /// <see cref="TimeSpan"/> (durations), <see cref="long"/> bytes (memory sizes) and <see cref="string"/>
    /// (strings, and enums as their canonical name).
    /// </summary>
    internal static class OptionValueParser
    {
        /// <summary>Parses <paramref name="text"/> for <paramref name="option"/>; on failure <paramref name="error"/> names the bad value and what is valid.</summary>
        public static bool TryParse(OptionDescriptor option, string? text, out object? value, out string? error)
        {
            value = null;
            string trimmed = (text ?? string.Empty).Trim();
            string? reason = null;
            if (trimmed.Length == 0)
            {
                reason = "no value is given";
            }
            else
            {
                switch (option.Kind)
                {
                    case OptionKind.Boolean:
                        if (string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase))
                        {
                            value = true;
                        }
                        else if (string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase))
                        {
                            value = false;
                        }

                        break;
                    case OptionKind.Integer:
                        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i))
                        {
                            value = i;
                        }

                        break;
                    case OptionKind.Long:
                        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
                        {
                            value = l;
                        }

                        break;
                    case OptionKind.Double:
                        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !double.IsNaN(d) && !double.IsInfinity(d))
                        {
                            value = d;
                        }

                        break;
                    case OptionKind.Duration:
                        if (DurationParser.TryParse(trimmed, out TimeSpan duration, out reason))
                        {
                            value = duration;
                        }

                        break;
                    case OptionKind.MemorySize:
                        if (MemorySizeParser.TryParse(trimmed, out long bytes, out reason))
                        {
                            value = bytes;
                        }

                        break;
                    case OptionKind.Enum:
                        value = MatchChoice(option, trimmed);
                        break;
                    default:
                        value = trimmed;
                        break;
                }
            }

            if (value != null)
            {
                error = null;
                return true;
            }

            error = "Invalid value '" + (text ?? string.Empty) + "' for key '" + option.Key + "'" +
                (reason is null ? string.Empty : ": " + reason) + ". Expected " + option.ValidValuesText + ".";
            return false;
        }

        /// <summary>Prints a parsed value in Flink's notation (<c>10 s</c>, <c>20 kb</c>, <c>EXACTLY_ONCE</c>).</summary>
        public static string Format(OptionDescriptor option, object value)
        {
            switch (option.Kind)
            {
                case OptionKind.Boolean: return (bool)value ? "true" : "false";
                case OptionKind.Duration: return DurationParser.Format((TimeSpan)value);
                case OptionKind.MemorySize: return MemorySizeParser.Format((long)value);
                case OptionKind.Double:
                    // Flink prints doubles Java-style: 2.0, not 2.
                    string text = ((double)value).ToString("R", CultureInfo.InvariantCulture);
                    return text.IndexOf('.') < 0 && text.IndexOf('E') < 0 ? text + ".0" : text;
                default: return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        private static string? MatchChoice(OptionDescriptor option, string text)
        {
            string wanted = Normalize(text);
            foreach (var choice in option.Choices)
            {
                if (Normalize(choice.Name) == wanted)
                {
                    return choice.Name;
                }

                foreach (var alias in choice.Aliases)
                {
                    if (Normalize(alias) == wanted)
                    {
                        return choice.Name;
                    }
                }
            }

            return null;
        }

        // EXACTLY_ONCE, exactly-once, ExactlyOnce and exactlyonce all name the same constant.
        private static string Normalize(string text) =>
            text.Replace("_", string.Empty).Replace("-", string.Empty).ToUpperInvariant();
    }
}
