// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System.Globalization;

namespace FlinkSdk.Configuration
{
    /// <summary>
    /// Parses and prints memory sizes the way Flink's <c>MemorySize</c> does: a whole number and an optional
    /// binary unit (<c>20 kb</c> = 20480 bytes; no unit means bytes).
    /// </summary>
    internal static class MemorySizeParser
    {
        public const string ValidFormatsText =
            "a memory size: a whole number with an optional unit (b, kb, mb, gb, tb; binary multiples; no unit means bytes), e.g. '20 kb', '32 mb', '4096'";

        /// <summary>Parses <paramref name="text"/> into bytes; on failure <paramref name="error"/> says why.</summary>
        public static bool TryParse(string? text, out long bytes, out string? error)
        {
            bytes = 0;
            string trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                error = "the value is empty";
                return false;
            }

            if (!NumberWithUnit.TrySplit(trimmed, "memory sizes", out long amount, out string unit, out error))
            {
                return false;
            }

            int shift;
            switch (unit)
            {
                case "": case "b": case "bytes": shift = 0; break;
                case "k": case "kb": case "kibibytes": shift = 10; break;
                case "m": case "mb": case "mebibytes": shift = 20; break;
                case "g": case "gb": case "gibibytes": shift = 30; break;
                case "t": case "tb": case "tebibytes": shift = 40; break;
                default:
                    error = "the unit '" + unit + "' is not one of the recognized units: b, kb, mb, gb, tb (or k, m, g, t; bytes, kibibytes, mebibytes, gibibytes, tebibytes)";
                    return false;
            }

            if (amount > (long.MaxValue >> shift))
            {
                error = "the value '" + trimmed + "' cannot be represented as a 64-bit number of bytes (numeric overflow)";
                return false;
            }

            bytes = amount << shift;
            error = null;
            return true;
        }

        /// <summary>Prints a size in its largest exact unit: <c>20 kb</c>, <c>32 mb</c>, <c>100 bytes</c>.</summary>
        public static string Format(long bytes)
        {
            if (bytes == 0)
            {
                return "0 bytes";
            }

            string[] units = { "tb", "gb", "mb", "kb" };
            int[] shifts = { 40, 30, 20, 10 };
            for (int i = 0; i < units.Length; i++)
            {
                long unitSize = 1L << shifts[i];
                if (bytes % unitSize == 0)
                {
                    return (bytes / unitSize).ToString(CultureInfo.InvariantCulture) + " " + units[i];
                }
            }

            return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        }
    }
}
