using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Tests.Infrastructure;

/// <summary>A diagnostic a test expects: its id and the exact span it covers.</summary>
internal sealed record ExpectedSpan(string Id, TextSpan Span);

/// <summary>
/// Test markup: <c>{|FLK0020:2|}</c> marks the text <c>2</c> as the exact span of an FLK0020 diagnostic;
/// <c>{|FLK0020,FLK0021:2|}</c> expects both on the same span. Markers do not nest.
/// </summary>
internal static class Markup
{
    private const string Open = "{|";
    private const string Close = "|}";

    public static (string Text, IReadOnlyList<ExpectedSpan> Expected) Parse(string markup)
    {
        var text = new System.Text.StringBuilder(markup.Length);
        var expected = new List<ExpectedSpan>();
        int position = 0;
        while (true)
        {
            int open = markup.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(markup, position, markup.Length - position);
                break;
            }

            int colon = markup.IndexOf(':', open + Open.Length);
            int close = markup.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            if (colon < 0 || close < 0 || colon > close)
            {
                throw new FormatException($"Markup at offset {open} is not of the form {{|ID:text|}}: '{markup.Substring(open, Math.Min(40, markup.Length - open))}'");
            }

            text.Append(markup, position, open - position);
            int start = text.Length;
            string content = markup.Substring(colon + 1, close - colon - 1);
            if (content.Contains(Open, StringComparison.Ordinal))
            {
                throw new FormatException($"Markup at offset {open} nests another marker; markers do not nest.");
            }

            text.Append(content);
            foreach (string id in markup.Substring(open + Open.Length, colon - open - Open.Length).Split(','))
            {
                expected.Add(new ExpectedSpan(id.Trim(), new TextSpan(start, content.Length)));
            }

            position = close + Close.Length;
        }

        return (text.ToString(), expected);
    }
}
