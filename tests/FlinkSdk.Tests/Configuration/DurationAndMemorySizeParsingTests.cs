using FlinkSdk.Configuration;

namespace FlinkSdk.Tests.Configuration;

/// <summary>
/// Durations and memory sizes in Flink's notation (Flink's <c>TimeUtils.parseDuration</c>, which also accepts
/// ISO-8601 as <c>java.time.Duration.parse</c> does, and <c>MemorySize.parse</c>).
/// </summary>
public class DurationAndMemorySizeParsingTests
{
    private const long TicksPerMicrosecond = 10;

    public static TheoryData<string, long> ValidDurations => new()
    {
        // Short units, with and without a space.
        { "10 s", 10 * TimeSpan.TicksPerSecond },
        { "10s", 10 * TimeSpan.TicksPerSecond },
        { "1 min", TimeSpan.TicksPerMinute },
        { "1min", TimeSpan.TicksPerMinute },
        { "500 ms", 500 * TimeSpan.TicksPerMillisecond },
        { "500ms", 500 * TimeSpan.TicksPerMillisecond },
        { "2 h", 2 * TimeSpan.TicksPerHour },
        { "1 d", TimeSpan.TicksPerDay },
        { "100 us", 100 * TicksPerMicrosecond },
        { "3 m", 3 * TimeSpan.TicksPerMinute },

        // No unit means milliseconds.
        { "1000", 1000 * TimeSpan.TicksPerMillisecond },
        { "0", 0 },
        { "60000", TimeSpan.TicksPerMinute },

        // Long forms, case-insensitive units, surrounding whitespace.
        { "5 seconds", 5 * TimeSpan.TicksPerSecond },
        { "1 second", TimeSpan.TicksPerSecond },
        { "3 minutes", 3 * TimeSpan.TicksPerMinute },
        { "2 hours", 2 * TimeSpan.TicksPerHour },
        { "7 days", 7 * TimeSpan.TicksPerDay },
        { "250 milliseconds", 250 * TimeSpan.TicksPerMillisecond },
        { "10 sec", 10 * TimeSpan.TicksPerSecond },
        { "10 S", 10 * TimeSpan.TicksPerSecond },
        { "1 MIN", TimeSpan.TicksPerMinute },
        { "  10 s  ", 10 * TimeSpan.TicksPerSecond },

        // ISO-8601, as java.time.Duration.parse accepts it.
        { "PT10S", 10 * TimeSpan.TicksPerSecond },
        { "PT1M30S", 90 * TimeSpan.TicksPerSecond },
        { "P1D", TimeSpan.TicksPerDay },
        { "PT0.5S", 500 * TimeSpan.TicksPerMillisecond },
        { "PT2H", 2 * TimeSpan.TicksPerHour },
        { "P1DT1H", TimeSpan.TicksPerDay + TimeSpan.TicksPerHour },
        { "pt10s", 10 * TimeSpan.TicksPerSecond },
    };

    [Theory]
    [MemberData(nameof(ValidDurations))]
    public void ParsesFlinkDurations(string text, long expectedTicks)
    {
        bool ok = DurationParser.TryParse(text, out TimeSpan value, out string? error);

        Assert.True(ok, $"'{text}' should parse but failed: {error}");
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromTicks(expectedTicks), value);
    }

    public static TheoryData<string, string> InvalidDurations => new()
    {
        { "10 parsecs", "the unit 'parsecs' is not one of the recognized units" },
        { "-5 s", "negative" },
        { "1 min 30 s", "'90 s' rather than '1 min 30 s'" },
        { "", "empty" },
        { "   ", "empty" },
        { "s", "does not start with a number" },
        { "PT", "not a valid ISO-8601 duration" },
        { "PT-5S", "negative" },
        { "-PT5S", "negative" },
        { "P", "not a valid ISO-8601 duration" },
        { "99999999999999999999 s", "overflow" },
        { "9223372036854775807 d", "too large" },
        { "1.5 s", "the unit '.5 s' is not one of the recognized units" },
    };

    [Theory]
    [MemberData(nameof(InvalidDurations))]
    public void RejectsBadDurationsWithAReason(string text, string expectedReasonFragment)
    {
        bool ok = DurationParser.TryParse(text, out TimeSpan value, out string? error);

        Assert.False(ok, $"'{text}' should be rejected but parsed as {value}");
        Assert.NotNull(error);
        Assert.Contains(expectedReasonFragment, error, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Fact]
    public void NullDurationIsRejectedAsEmpty()
    {
        Assert.False(DurationParser.TryParse(null, out _, out string? error));
        Assert.Equal("the value is empty", error);
    }

    [Fact]
    public void UnknownUnitMessageListsTheValidUnits()
    {
        Assert.False(DurationParser.TryParse("10 parsecs", out _, out string? error));

        Assert.Contains("'parsecs'", error, StringComparison.Ordinal);
        foreach (string unit in new[] { "ns", "us", "ms", "s", "min", "h", "d" })
        {
            Assert.Contains(unit, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(600000L, "10 min")]
    [InlineData(90000L, "90 s")]
    [InlineData(0L, "0 ms")]
    [InlineData(1000L, "1 s")]
    [InlineData(500L, "500 ms")]
    [InlineData(3600000L, "1 h")]
    [InlineData(86400000L, "1 d")]
    [InlineData(172800000L, "2 d")]
    [InlineData(61000L, "61 s")]
    [InlineData(1500L, "1500 ms")]
    public void FormatsInTheLargestExactUnit(long milliseconds, string expected)
    {
        Assert.Equal(expected, DurationParser.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void FormatsSubMillisecondDurations()
    {
        Assert.Equal("100 us", DurationParser.Format(TimeSpan.FromTicks(100 * TicksPerMicrosecond)));
        Assert.Equal("1500 ns", DurationParser.Format(TimeSpan.FromTicks(15)));
    }

    [Theory]
    [InlineData("10 min")]
    [InlineData("90 s")]
    [InlineData("0 ms")]
    [InlineData("1 h")]
    [InlineData("2 d")]
    [InlineData("1500 ms")]
    [InlineData("100 us")]
    public void FormattedDurationsRoundTrip(string text)
    {
        Assert.True(DurationParser.TryParse(text, out TimeSpan value, out _));
        Assert.Equal(text, DurationParser.Format(value));
        Assert.True(DurationParser.TryParse(DurationParser.Format(value), out TimeSpan again, out _));
        Assert.Equal(value, again);
    }

    [Theory]
    [InlineData("PT1M30S", "90 s")]
    [InlineData("600000", "10 min")]
    [InlineData("90000 ms", "90 s")]
    [InlineData("120 s", "2 min")]
    [InlineData("PT0.5S", "500 ms")]
    [InlineData("24 h", "1 d")]
    public void ParsedDurationsFormatCanonically(string text, string canonical)
    {
        Assert.True(DurationParser.TryParse(text, out TimeSpan value, out _));
        Assert.Equal(canonical, DurationParser.Format(value));
        Assert.True(DurationParser.TryParse(canonical, out TimeSpan again, out _));
        Assert.Equal(value, again);
    }

    public static TheoryData<string, long> ValidMemorySizes => new()
    {
        { "20 kb", 20480 },
        { "20kb", 20480 },
        { "20 KB", 20480 },
        { "20 Kb", 20480 },
        { "20 k", 20480 },
        { "1 mb", 1048576 },
        { "32 mb", 32L * 1024 * 1024 },
        { "4096", 4096 },
        { "4096 b", 4096 },
        { "4096 bytes", 4096 },
        { "0", 0 },
        { "1 g", 1L << 30 },
        { "1 gb", 1L << 30 },
        { "2 tb", 2L << 40 },
        { "3 mebibytes", 3L << 20 },
        { "  64 mb ", 64L << 20 },
    };

    [Theory]
    [MemberData(nameof(ValidMemorySizes))]
    public void ParsesFlinkMemorySizes(string text, long expectedBytes)
    {
        bool ok = MemorySizeParser.TryParse(text, out long bytes, out string? error);

        Assert.True(ok, $"'{text}' should parse but failed: {error}");
        Assert.Null(error);
        Assert.Equal(expectedBytes, bytes);
        Assert.Equal(expectedBytes, MemorySize.Parse(text).Bytes);
        Assert.True(MemorySize.TryParse(text, out MemorySize size));
        Assert.Equal(expectedBytes, size.Bytes);
    }

    public static TheoryData<string, string> InvalidMemorySizes => new()
    {
        { "20 parsecs", "the unit 'parsecs' is not one of the recognized units" },
        { "-1 kb", "negative" },
        { "", "empty" },
        { "   ", "empty" },
        { "kb", "does not start with a number" },
        { "99999999999999999999", "overflow" },
        { "9999999999999 tb", "overflow" },
        { "1.5 mb", "the unit '.5 mb' is not one of the recognized units" },
    };

    [Theory]
    [MemberData(nameof(InvalidMemorySizes))]
    public void RejectsBadMemorySizesWithAReason(string text, string expectedReasonFragment)
    {
        bool ok = MemorySizeParser.TryParse(text, out long bytes, out string? error);

        Assert.False(ok, $"'{text}' should be rejected but parsed as {bytes} bytes");
        Assert.NotNull(error);
        Assert.Contains(expectedReasonFragment, error, StringComparison.Ordinal);
        Assert.False(MemorySize.TryParse(text, out MemorySize size));
        Assert.Equal(default, size);
    }

    [Fact]
    public void MemorySizeParseThrowsFormatExceptionNamingTheText()
    {
        var ex = Assert.Throws<FormatException>(() => MemorySize.Parse("20 parsecs"));

        Assert.Contains("'20 parsecs'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("parsecs", ex.Message, StringComparison.Ordinal);
        Assert.Contains(MemorySizeParser.ValidFormatsText, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemorySizeParseOfNegativeSizeThrows()
    {
        var ex = Assert.Throws<FormatException>(() => MemorySize.Parse("-1 kb"));

        Assert.Contains("'-1 kb'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("negative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemorySizeRejectsNegativeBytes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemorySize(-1));
    }

    [Theory]
    [InlineData(20480L, "20 kb")]
    [InlineData(1048576L, "1 mb")]
    [InlineData(33554432L, "32 mb")]
    [InlineData(1073741824L, "1 gb")]
    [InlineData(2199023255552L, "2 tb")]
    [InlineData(4096L, "4 kb")]
    [InlineData(100L, "100 bytes")]
    [InlineData(0L, "0 bytes")]
    [InlineData(1536L, "1536 bytes")]
    public void MemorySizeToStringUsesTheLargestExactUnit(long bytes, string expected)
    {
        Assert.Equal(expected, new MemorySize(bytes).ToString());
        Assert.Equal(expected, MemorySizeParser.Format(bytes));
        Assert.Equal(bytes, MemorySize.Parse(expected).Bytes);
    }

    [Fact]
    public void MemorySizeFactoriesAndComparisons()
    {
        Assert.Equal(20480, MemorySize.FromKibibytes(20).Bytes);
        Assert.Equal(32L * 1024 * 1024, MemorySize.FromMebibytes(32).Bytes);
        Assert.Equal(MemorySize.FromKibibytes(1024), MemorySize.FromMebibytes(1));
        Assert.True(MemorySize.FromKibibytes(20) < MemorySize.FromMebibytes(1));
        Assert.True(MemorySize.FromMebibytes(1) > MemorySize.FromKibibytes(20));
        Assert.True(MemorySize.FromKibibytes(20) <= MemorySize.Parse("20 kb"));
        Assert.True(MemorySize.FromKibibytes(20) >= MemorySize.Parse("20480"));
        Assert.True(MemorySize.FromKibibytes(1).CompareTo(MemorySize.FromKibibytes(2)) < 0);
        Assert.Throws<OverflowException>(() => MemorySize.FromMebibytes(long.MaxValue / 1024));
    }
}
