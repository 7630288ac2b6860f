// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FlinkSdk.Configuration
{
    /// <summary>
    /// Parses and prints durations the way Flink's <c>TimeUtils</c> does: a whole number and an optional unit
    /// (<c>10 s</c>, <c>10s</c>, <c>1 min</c>, <c>500 ms</c>; no unit means milliseconds), plus ISO-8601
    /// (<c>PT10S</c>) as Java's <c>Duration.parse</c> accepts it.
    /// </summary>
    internal static class DurationParser
    {
        public const string ValidFormatsText =
            "a duration: a whole number with an optional unit (ns, us, ms, s, min, h, d; no unit means ms), e.g. '10 s', '500 ms', '1 min', or ISO-8601 such as 'PT10S'";

        private const string UnitsText = "ns, us, ms, s, min, h, d (and their long forms such as 'seconds')";

        // Java's Duration.parse grammar: [+-]P[nD][T[nH][nM][n[.fraction]S]]
        private static readonly Regex Iso8601 = new Regex(
            @"^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
        public static bool TryParse(string? text, out TimeSpan value, out string? error)
        {
            value = TimeSpan.Zero;
            string trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                error = "the value is empty";
                return false;
            }

            if (trimmed[0] == 'P' || trimmed[0] == 'p' || ((trimmed[0] == '-' || trimmed[0] == '+') && trimmed.Length > 1 && (trimmed[1] == 'P' || trimmed[1] == 'p')))
            {
                return TryParseIso8601(trimmed, out value, out error);
            }

            if (!NumberWithUnit.TrySplit(trimmed, "durations", out long amount, out string unit, out error))
            {
                return false;
            }

            long ticksPerUnit;
            bool nanos = false;
            switch (unit)
            {
                case "ns": case "nano": case "nanos": case "nanosecond": case "nanoseconds":
                    nanos = true;
                    ticksPerUnit = 1;
                    break;
                case "us": case "µs": case "micro": case "micros": case "microsecond": case "microseconds":
                    ticksPerUnit = 10;
                    break;
                case "": case "ms": case "milli": case "millis": case "millisecond": case "milliseconds":
                    ticksPerUnit = TimeSpan.TicksPerMillisecond;
                    break;
                case "s": case "sec": case "secs": case "second": case "seconds":
                    ticksPerUnit = TimeSpan.TicksPerSecond;
                    break;
                case "m": case "min": case "mins": case "minute": case "minutes":
                    ticksPerUnit = TimeSpan.TicksPerMinute;
                    break;
                case "h": case "hour": case "hours":
                    ticksPerUnit = TimeSpan.TicksPerHour;
                    break;
                case "d": case "day": case "days":
                    ticksPerUnit = TimeSpan.TicksPerDay;
                    break;
                default:
                    error = "the unit '" + unit + "' is not one of the recognized units: " + UnitsText +
                        (unit.Split(' ').Length > 1 ? "; write one number with one unit, e.g. '90 s' rather than '1 min 30 s'" : string.Empty);
                    return false;
            }

            if (nanos)
            {
                value = TimeSpan.FromTicks(amount / 100);
                error = null;
                return true;
            }

            if (amount > long.MaxValue / ticksPerUnit)
            {
                error = "the value '" + trimmed + "' is too large to be represented as a duration";
                return false;
            }

            value = TimeSpan.FromTicks(amount * ticksPerUnit);
            error = null;
            return true;
        }

        private static bool TryParseIso8601(string text, out TimeSpan value, out string? error)
        {
            value = TimeSpan.Zero;
            Match m = Iso8601.Match(text);
            if (!m.Success || (m.Groups[3].Success && m.Groups[3].Value.Length == 1) || (!m.Groups[2].Success && !m.Groups[3].Success))
            {
                error = "'" + text + "' is not a valid ISO-8601 duration such as 'PT10S', 'PT1M30S' or 'P1D'";
                return false;
            }

            try
            {
                decimal seconds = 0;
                seconds += Component(m.Groups[2], 86400m);
                seconds += Component(m.Groups[4], 3600m);
                seconds += Component(m.Groups[5], 60m);
                seconds += Component(m.Groups[6], 1m);
                if (m.Groups[7].Success && m.Groups[7].Value.Length > 0)
                {
                    decimal fraction = decimal.Parse("0." + m.Groups[7].Value, CultureInfo.InvariantCulture);
                    seconds += (m.Groups[6].Value.Length > 0 && m.Groups[6].Value[0] == '-') ? -fraction : fraction;
                }

                if (m.Groups[1].Value == "-")
                {
                    seconds = -seconds;
                }

                if (seconds < 0)
                {
                    error = "durations cannot be negative";
                    return false;
                }

                decimal ticks = decimal.Truncate(seconds * TimeSpan.TicksPerSecond);
                if (ticks > long.MaxValue)
                {
                    error = "the value '" + text + "' is too large to be represented as a duration";
                    return false;
                }

                value = TimeSpan.FromTicks((long)ticks);
                error = null;
                return true;
            }
            catch (OverflowException)
            {
                error = "the value '" + text + "' is too large to be represented as a duration";
                return false;
            }
        }

        private static decimal Component(Group group, decimal secondsPerUnit) =>
            group.Success ? decimal.Parse(group.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) * secondsPerUnit : 0m;

        /// <summary>Prints a duration in its largest exact unit, as Flink does: <c>10 min</c>, <c>90 s</c>, <c>0 ms</c>.</summary>
        public static string Format(TimeSpan value)
        {
            long ticks = value.Ticks;
            if (ticks % TimeSpan.TicksPerMillisecond != 0)
            {
                return ticks % 10 == 0 ? (ticks / 10).ToString(CultureInfo.InvariantCulture) + " us" : (ticks * 100).ToString(CultureInfo.InvariantCulture) + " ns";
            }

            long ms = ticks / TimeSpan.TicksPerMillisecond;
            if (ms == 0)
            {
                return "0 ms";
            }

            if (ms % 86400000 == 0)
            {
                return (ms / 86400000).ToString(CultureInfo.InvariantCulture) + " d";
            }

            if (ms % 3600000 == 0)
            {
                return (ms / 3600000).ToString(CultureInfo.InvariantCulture) + " h";
            }

            if (ms % 60000 == 0)
            {
                return (ms / 60000).ToString(CultureInfo.InvariantCulture) + " min";
            }

            if (ms % 1000 == 0)
            {
                return (ms / 1000).ToString(CultureInfo.InvariantCulture) + " s";
            }

            return ms.ToString(CultureInfo.InvariantCulture) + " ms";
        }
    }
}
