// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System.Globalization;

namespace FlinkSdk.Configuration
{
    /// <summary>Splits Flink's "whole number, optional unit" notation (<c>10 s</c>, <c>20kb</c>) shared by durations and memory sizes.</summary>
    internal static class NumberWithUnit
    {
        /// <summary>Splits <paramref name="trimmed"/> into a non-negative number and a lower-case unit ("" when absent).</summary>
        /// <param name="trimmed">The text, already trimmed and not empty.</param>
        /// <param name="what">What is parsed, plural, for messages: "durations", "memory sizes".</param>
        /// <param name="amount">The number.</param>
        /// <param name="unit">The unit, lower case; empty when absent.</param>
        /// <param name="error">Why the text cannot be split, or <see langword="null"/>.</param>
        public static bool TrySplit(string trimmed, string what, out long amount, out string unit, out string? error)
        {
            amount = 0;
            unit = string.Empty;
            if (trimmed[0] == '-')
            {
                error = what + " cannot be negative";
                return false;
            }

            int pos = 0;
            while (pos < trimmed.Length && trimmed[pos] >= '0' && trimmed[pos] <= '9')
            {
                pos++;
            }

            if (pos == 0)
            {
                error = "the text does not start with a number";
                return false;
            }

            string number = trimmed.Substring(0, pos);
            if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out amount))
            {
                error = "the number '" + number + "' cannot be represented as a 64-bit number (numeric overflow)";
                return false;
            }

            unit = trimmed.Substring(pos).Trim().ToLowerInvariant();
            error = null;
            return true;
        }
    }
}
