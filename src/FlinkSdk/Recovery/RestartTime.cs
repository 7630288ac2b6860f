using System.Globalization;

namespace FlinkSdk.Recovery;

/// <summary>Millisecond arithmetic and Java-compatible formatting shared by the restart strategies.</summary>
internal static class RestartTime
{
    /// <summary>Whole milliseconds of a duration, rounded toward negative infinity like Java's <c>Duration.toMillis()</c>.</summary>
    public static long ToMillis(TimeSpan duration)
    {
        long milliseconds = Math.DivRem(duration.Ticks, TimeSpan.TicksPerMillisecond, out long remainder);
        return remainder < 0 ? milliseconds - 1 : milliseconds;
    }

    /// <summary>The clock's wall time in milliseconds since the Unix epoch (Flink's <c>clock.absoluteTimeMillis()</c>).</summary>
    public static long NowMillis(TimeProvider clock) => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A double converted to a long the way Java's <c>(long)</c> cast does: truncated, saturated, NaN as 0.</summary>
    public static long SaturatingToLong(double value)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        if (value >= long.MaxValue)
        {
            return long.MaxValue;
        }

        return value <= long.MinValue ? long.MinValue : (long)value;
    }

    /// <summary>The sum of two longs, saturated at the range instead of wrapping.</summary>
    public static long SaturatingAdd(long left, long right)
    {
        long sum = unchecked(left + right);

        // Overflow happened when both operands share a sign that the sum does not.
        if (((left ^ sum) & (right ^ sum)) < 0)
        {
            return left < 0 ? long.MinValue : long.MaxValue;
        }

        return sum;
    }

    /// <summary>A double as Java's <c>Double.toString</c> prints it: <c>2.0</c>, <c>1.5</c>, <c>1.0E-4</c>, <c>1.0E7</c>.</summary>
    public static string FormatJavaDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        double magnitude = Math.Abs(value);
        if (magnitude is >= 1e-3 and < 1e7)
        {
            string plain = value.ToString("R", CultureInfo.InvariantCulture);
            return plain.Contains('.', StringComparison.Ordinal) ? plain : plain + ".0";
        }

        // Shortest round-trip digits, laid out as Java's computerized scientific notation.
        string scientific = value.ToString("E16", CultureInfo.InvariantCulture);
        string roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        int exponent = int.Parse(scientific.AsSpan(scientific.IndexOf('E', StringComparison.Ordinal) + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string digits = new string(roundTrip.TakeWhile(c => c != 'E').Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        string mantissa = digits.Length == 1 ? digits + ".0" : digits[0] + "." + digits[1..].TrimEnd('0');
        if (mantissa.EndsWith('.'))
        {
            mantissa += "0";
        }

        return (value < 0 ? "-" : string.Empty) + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
