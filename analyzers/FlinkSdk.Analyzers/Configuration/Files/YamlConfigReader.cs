using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Configuration.Files;

/// <summary>
/// Reads a Flink <c>config.yaml</c> line by line: block maps nested by indentation, flat dotted keys, block and
/// flow lists of plain values, plain, quoted and block scalars, comments and several documents. That is what
/// Flink configuration files use; what the runtime's YAML reader rejects (anchors, aliases, lists of maps, a
/// document that is not a map) is reported as a syntax error here too, with its line and column.
/// </summary>
internal sealed class YamlConfigReader
{
    private const string AnchorsNotSupported = "anchors and aliases are not supported in Flink configuration files";
    private const string PlainListItemsOnly = "list items must be plain values";

    private readonly string _text;
    private readonly List<Line> _lines;
    private int _index;
    private int _end;

    private YamlConfigReader(string text)
    {
        _text = text;
        _lines = SplitLines(text);
    }

    /// <summary>Reads every document of <paramref name="text"/> into one map, documents in order.</summary>
    public static ConfigMap? Read(string text, out ConfigSyntaxError? error)
    {
        var reader = new YamlConfigReader(text);
        var entries = new List<ConfigEntry>();
        error = reader.ReadDocuments(entries);
        return error is null ? new ConfigMap(entries, new TextSpan(0, text.Length)) : null;
    }

    private ConfigSyntaxError? ReadDocuments(List<ConfigEntry> entries)
    {
        int documentStart = 0;
        for (int i = 0; i <= _lines.Count; i++)
        {
            bool separator = i < _lines.Count && IsDocumentMarker(_lines[i]);
            if (i < _lines.Count && !separator)
            {
                continue;
            }

            if (separator && RestAfterMarker(_lines[i]) is { } rest)
            {
                return new ConfigSyntaxError("content after a document marker is not supported; start the map on the next line", rest);
            }

            _index = documentStart;
            _end = i;
            var error = ReadDocument(entries);
            if (error is not null)
            {
                return error;
            }

            documentStart = i + 1;
        }

        return null;
    }

    private ConfigSyntaxError? ReadDocument(List<ConfigEntry> entries)
    {
        if (NextContent() is not { } first)
        {
            return null;
        }

        if (first.HasTabIndentation)
        {
            return ErrorAt(first.Start, "tabs are not allowed for indentation in YAML; indent with spaces");
        }

        if (IsListItem(first))
        {
            return ErrorAt(first.ContentStart, "the document must be a map of keys to values, not a list");
        }

        if (FindKeyColon(first) < 0 && !IsQuote(_text[first.ContentStart]))
        {
            return ErrorAt(first.ContentStart, "the document must be a map of keys to values");
        }

        var result = ReadMap(first.Indent, out var error);
        if (error is not null)
        {
            return error;
        }

        entries.AddRange(result!.Entries);
        return NextContent() is { } extra ? ErrorAt(extra.ContentStart, "this line is indented less than the map it belongs to") : null;
    }

    private ConfigMap? ReadMap(int indent, out ConfigSyntaxError? error)
    {
        var entries = new List<ConfigEntry>();
        int start = -1;
        int end = 0;
        while (NextContent() is { } line && line.Indent >= indent)
        {
            if (line.HasTabIndentation)
            {
                error = ErrorAt(line.Start, "tabs are not allowed for indentation in YAML; indent with spaces");
                return null;
            }

            if (line.Indent > indent)
            {
                error = ErrorAt(line.ContentStart, "unexpected indentation; a key must line up with the keys before it");
                return null;
            }

            if (IsListItem(line))
            {
                error = ErrorAt(line.ContentStart, "a list item is not allowed here; expected 'key: value'");
                return null;
            }

            var entry = ReadEntry(line, out error);
            if (error is not null)
            {
                return null;
            }

            entries.Add(entry!);
            start = start < 0 ? entry!.KeySpan.Start : start;
            end = entry!.Value.Span.End;
        }

        error = null;
        return new ConfigMap(entries, TextSpan.FromBounds(start < 0 ? 0 : start, end));
    }

    private ConfigEntry? ReadEntry(Line line, out ConfigSyntaxError? error)
    {
        int contentEnd = ContentEnd(line);
        string key;
        TextSpan keySpan;
        int colon;
        char first = _text[line.ContentStart];
        if (IsQuote(first))
        {
            var quoted = ReadQuoted(line.ContentStart, out error);
            if (error is not null)
            {
                return null;
            }

            key = quoted.Value;
            keySpan = TextSpan.FromBounds(line.ContentStart, quoted.End);
            colon = SkipSpaces(quoted.End, contentEnd);
            if (colon >= contentEnd || _text[colon] != ':')
            {
                error = ErrorAt(colon, "expected ':' after the key");
                return null;
            }
        }
        else
        {
            if (first == '?')
            {
                error = ErrorAt(line.ContentStart, "complex keys ('?') are not supported in Flink configuration files");
                return null;
            }

            colon = FindKeyColon(line);
            if (colon < 0)
            {
                error = ErrorAt(line.ContentStart, "expected 'key: value'");
                return null;
            }

            int keyEnd = colon;
            while (keyEnd > line.ContentStart && _text[keyEnd - 1] == ' ')
            {
                keyEnd--;
            }

            key = _text.Substring(line.ContentStart, keyEnd - line.ContentStart);
            keySpan = TextSpan.FromBounds(line.ContentStart, keyEnd);
        }

        _index++;
        var value = ReadValue(line.Indent, colon + 1, contentEnd, out error);
        return error is null ? new ConfigEntry(key, keySpan, value!) : null;
    }

    /// <summary>Reads the value that follows a key's colon: on the same line, or the indented block below it.</summary>
    private ConfigNode? ReadValue(int parentIndent, int from, int lineEnd, out ConfigSyntaxError? error)
    {
        int start = SkipSpaces(from, lineEnd);
        if (start < lineEnd && _text[start] == '!')
        {
            // A tag ('!!str 10') does not change the text the runtime reads.
            while (start < lineEnd && _text[start] != ' ')
            {
                start++;
            }

            start = SkipSpaces(start, lineEnd);
        }

        if (start >= lineEnd)
        {
            if (NextContent() is { } next && (next.Indent > parentIndent || (next.Indent == parentIndent && IsListItem(next))))
            {
                if (next.HasTabIndentation)
                {
                    error = ErrorAt(next.Start, "tabs are not allowed for indentation in YAML; indent with spaces");
                    return null;
                }

                return IsListItem(next) ? ReadBlockList(next.Indent, out error) : ReadMap(next.Indent, out error);
            }

            error = null;
            return new ConfigScalar(null, new TextSpan(from, 0));
        }

        char c = _text[start];
        switch (c)
        {
            case '&':
            case '*':
                error = ErrorAt(start, AnchorsNotSupported);
                return null;
            case '|':
            case '>':
                return ReadBlockScalar(parentIndent, start, lineEnd, out error);
            case '[':
            case '{':
                return ReadFlow(start, lineEnd, out error);
        }

        var scalar = ReadInlineScalar(start, lineEnd, out error);
        if (error is not null)
        {
            return null;
        }

        return FoldContinuationLines(scalar!, parentIndent, IsQuote(c), out error);
    }

    /// <summary>A plain value may continue on more indented lines (folded with spaces); a key there is an error, as in YAML.</summary>
    private ConfigScalar? FoldContinuationLines(ConfigScalar scalar, int parentIndent, bool quoted, out ConfigSyntaxError? error)
    {
        error = null;
        if (NextContent() is not { } next || next.Indent <= parentIndent)
        {
            return scalar;
        }

        if (quoted || FindKeyColon(next) >= 0 || IsListItem(next))
        {
            error = ErrorAt(next.ContentStart, quoted ? "quoted values spanning several lines are not supported" : "mapping values are not allowed in this context");
            return null;
        }

        var text = new StringBuilder(scalar.Text ?? string.Empty);
        int end = scalar.Span.End;
        while (NextContent() is { } line && line.Indent > parentIndent && FindKeyColon(line) < 0)
        {
            int lineEnd = ContentEnd(line);
            text.Append(' ').Append(_text, line.ContentStart, lineEnd - line.ContentStart);
            end = lineEnd;
            _index++;
        }

        return new ConfigScalar(text.ToString(), TextSpan.FromBounds(scalar.Span.Start, end));
    }

    private ConfigScalar? ReadInlineScalar(int start, int lineEnd, out ConfigSyntaxError? error)
    {
        if (IsQuote(_text[start]))
        {
            var quoted = ReadQuoted(start, out error);
            if (error is not null)
            {
                return null;
            }

            int after = SkipSpaces(quoted.End, lineEnd);
            if (after < lineEnd)
            {
                error = ErrorAt(after, "unexpected text after the quoted value");
                return null;
            }

            return new ConfigScalar(quoted.Value, TextSpan.FromBounds(start, quoted.End));
        }

        int end = lineEnd;
        while (end > start && _text[end - 1] == ' ')
        {
            end--;
        }

        string text = _text.Substring(start, end - start);
        if (IndexOfMappingColon(text) >= 0)
        {
            error = ErrorAt(start + IndexOfMappingColon(text), "mapping values are not allowed in this context");
            return null;
        }

        error = null;
        bool isNull = text is "~" or "null";
        return new ConfigScalar(isNull ? null : text, TextSpan.FromBounds(start, end));
    }

    private ConfigList? ReadBlockList(int indent, out ConfigSyntaxError? error)
    {
        var items = new List<ConfigNode>();
        int start = -1;
        int end = 0;
        while (NextContent() is { } line && line.Indent == indent && IsListItem(line))
        {
            int contentEnd = ContentEnd(line);
            int itemStart = SkipSpaces(line.ContentStart + 1, contentEnd);
            start = start < 0 ? line.ContentStart : start;
            _index++;
            if (itemStart >= contentEnd || _text[itemStart] is '[' or '{' or '-' || (!IsQuote(_text[itemStart]) && FindKeyColon(itemStart, contentEnd) >= 0))
            {
                error = ErrorAt(itemStart >= contentEnd ? line.ContentStart : itemStart, PlainListItemsOnly);
                return null;
            }

            if (_text[itemStart] is '&' or '*')
            {
                error = ErrorAt(itemStart, AnchorsNotSupported);
                return null;
            }

            var item = ReadInlineScalar(itemStart, contentEnd, out error);
            if (error is not null)
            {
                return null;
            }

            items.Add(item!);
            end = item!.Span.End;
        }

        if (NextContent() is { } deeper && deeper.Indent > indent)
        {
            error = ErrorAt(deeper.ContentStart, PlainListItemsOnly);
            return null;
        }

        error = null;
        return new ConfigList(items, TextSpan.FromBounds(start, end));
    }

    private ConfigScalar? ReadBlockScalar(int parentIndent, int indicator, int lineEnd, out ConfigSyntaxError? error)
    {
        bool literal = _text[indicator] == '|';
        string header = _text.Substring(indicator + 1, lineEnd - indicator - 1).Trim();
        char chomping = header.IndexOf('-') >= 0 ? '-' : header.IndexOf('+') >= 0 ? '+' : ' ';
        var lines = new List<string>();
        int contentIndent = -1;
        int start = -1;
        int end = lineEnd;
        while (_index < _end)
        {
            var line = _lines[_index];
            bool blank = line.ContentStart >= line.End;
            if (!blank && line.Indent <= parentIndent)
            {
                break;
            }

            if (!blank)
            {
                contentIndent = contentIndent < 0 ? line.Indent : contentIndent;
                if (line.Indent < contentIndent)
                {
                    error = ErrorAt(line.ContentStart, "this line is indented less than the first line of the block value");
                    return null;
                }

                start = start < 0 ? line.Start + contentIndent : start;
                end = line.End;
            }

            lines.Add(blank ? string.Empty : _text.Substring(line.Start + contentIndent, line.End - line.Start - contentIndent));
            _index++;
        }

        int trailingBlank = 0;
        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
            trailingBlank++;
        }

        string body = literal ? string.Join("\n", lines) : string.Join(" ", lines);
        string text = lines.Count == 0 ? string.Empty : chomping switch
        {
            '-' => body,
            '+' => body + new string('\n', trailingBlank + 1),
            _ => body + "\n",
        };
        error = null;
        return new ConfigScalar(text, start < 0 ? new TextSpan(indicator, lineEnd - indicator) : TextSpan.FromBounds(start, end));
    }

    /// <summary>A flow list (<c>[a, b]</c>) of plain values or a flow map (<c>{a: 1}</c>) of plain values, on one line.</summary>
    private ConfigNode? ReadFlow(int start, int lineEnd, out ConfigSyntaxError? error)
    {
        char open = _text[start];
        char close = open == '[' ? ']' : '}';
        var parts = new List<(int Start, int End)>();
        int partStart = start + 1;
        int i = start + 1;
        for (; i < lineEnd; i++)
        {
            char c = _text[i];
            if (IsQuote(c))
            {
                var quoted = ReadQuoted(i, out error);
                if (error is not null)
                {
                    return null;
                }

                i = quoted.End - 1;
            }
            else if (c is '[' or '{')
            {
                error = ErrorAt(i, open == '[' ? PlainListItemsOnly : "nested collections in a flow map are not supported");
                return null;
            }
            else if (c == ',' || c == close)
            {
                parts.Add((partStart, i));
                partStart = i + 1;
                if (c == close)
                {
                    break;
                }
            }
        }

        if (i >= lineEnd)
        {
            error = ErrorAt(start, "flow collections spanning several lines are not supported");
            return null;
        }

        int after = SkipSpaces(i + 1, lineEnd);
        if (after < lineEnd)
        {
            error = ErrorAt(after, "unexpected text after the flow collection");
            return null;
        }

        var span = TextSpan.FromBounds(start, i + 1);
        var items = new List<ConfigNode>();
        var entries = new List<ConfigEntry>();
        foreach (var (partFrom, partTo) in parts)
        {
            int from = SkipSpaces(partFrom, partTo);
            if (from >= partTo)
            {
                continue;
            }

            if (open == '[')
            {
                if (!IsQuote(_text[from]) && FindKeyColon(from, partTo) >= 0)
                {
                    error = ErrorAt(from, PlainListItemsOnly);
                    return null;
                }

                var item = ReadInlineScalar(from, partTo, out error);
                if (error is not null)
                {
                    return null;
                }

                items.Add(item!);
                continue;
            }

            int colon = IsQuote(_text[from]) ? -1 : FindKeyColon(from, partTo);
            if (colon < 0)
            {
                error = ErrorAt(from, "expected 'key: value' in the flow map");
                return null;
            }

            int keyEnd = colon;
            while (keyEnd > from && _text[keyEnd - 1] == ' ')
            {
                keyEnd--;
            }

            int valueStart = SkipSpaces(colon + 1, partTo);
            ConfigScalar? value = new ConfigScalar(null, new TextSpan(colon + 1, 0));
            if (valueStart < partTo)
            {
                value = ReadInlineScalar(valueStart, partTo, out error);
                if (error is not null)
                {
                    return null;
                }
            }

            entries.Add(new ConfigEntry(_text.Substring(from, keyEnd - from), TextSpan.FromBounds(from, keyEnd), value!));
        }

        error = null;
        return open == '[' ? new ConfigList(items, span) : new ConfigMap(entries, span);
    }

    private (string Value, int End) ReadQuoted(int start, out ConfigSyntaxError? error)
    {
        char quote = _text[start];
        var value = new StringBuilder();
        int i = start + 1;
        int end = LineEndAt(start);
        while (i < end)
        {
            char c = _text[i];
            if (c == quote)
            {
                if (quote == '\'' && i + 1 < end && _text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                error = null;
                return (value.ToString(), i + 1);
            }

            if (quote == '"' && c == '\\' && i + 1 < end)
            {
                char escape = _text[i + 1];
                value.Append(escape switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    _ => escape,
                });
                i += 2;
                continue;
            }

            value.Append(c);
            i++;
        }

        error = ErrorAt(start, "the quoted value starting here is not closed on its line");
        return (string.Empty, end);
    }

    /// <summary>The next line with content in the current document (skipping blank and comment lines), without consuming it.</summary>
    private Line? NextContent()
    {
        while (_index < _end && !_lines[_index].IsContent)
        {
            _index++;
        }

        return _index < _end ? _lines[_index] : null;
    }

    private bool IsListItem(Line line) =>
        _text[line.ContentStart] == '-' && (line.ContentStart + 1 >= line.End || _text[line.ContentStart + 1] is ' ' or '\t');

    /// <summary>The position of the colon ending a plain key on this line, or -1.</summary>
    private int FindKeyColon(Line line) => IsQuote(_text[line.ContentStart]) ? -1 : FindKeyColon(line.ContentStart, ContentEnd(line));

    private int FindKeyColon(int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (_text[i] == ':' && (i + 1 >= to || _text[i + 1] is ' ' or '\t'))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOfMappingColon(string text)
    {
        int colon = text.IndexOf(": ", System.StringComparison.Ordinal);
        return colon >= 0 ? colon : text.EndsWith(":", System.StringComparison.Ordinal) ? text.Length - 1 : -1;
    }

    /// <summary>The end of the line's content before a comment ('#' at the start or after a space, outside quotes).</summary>
    private int ContentEnd(Line line)
    {
        char quote = '\0';
        for (int i = line.ContentStart; i < line.End; i++)
        {
            char c = _text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (IsQuote(c) && (i == line.ContentStart || _text[i - 1] is ' ' or ':' or '[' or '{' or ',' or '-'))
            {
                quote = c;
            }
            else if (c == '#' && (i == line.ContentStart || _text[i - 1] is ' ' or '\t'))
            {
                int end = i;
                while (end > line.ContentStart && _text[end - 1] is ' ' or '\t')
                {
                    end--;
                }

                return end;
            }
        }

        int trimmed = line.End;
        while (trimmed > line.ContentStart && _text[trimmed - 1] is ' ' or '\t')
        {
            trimmed--;
        }

        return trimmed;
    }

    private int SkipSpaces(int from, int to)
    {
        while (from < to && _text[from] is ' ' or '\t')
        {
            from++;
        }

        return from;
    }

    private int LineEndAt(int position)
    {
        int end = _text.IndexOf('\n', position);
        end = end < 0 ? _text.Length : end;
        return end > position && _text[end - 1] == '\r' ? end - 1 : end;
    }

    private bool IsDocumentMarker(Line line) =>
        line.Indent == 0 && line.End - line.Start >= 3
        && (string.CompareOrdinal(_text, line.Start, "---", 0, 3) == 0 || string.CompareOrdinal(_text, line.Start, "...", 0, 3) == 0)
        && (line.End - line.Start == 3 || _text[line.Start + 3] is ' ' or '\t');

    private TextSpan? RestAfterMarker(Line line)
    {
        int from = SkipSpaces(line.Start + 3, line.End);
        return from < line.End && _text[from] != '#' ? TextSpan.FromBounds(from, line.End) : null;
    }

    private static bool IsQuote(char c) => c is '"' or '\'';

    private ConfigSyntaxError ErrorAt(int position, string reason)
    {
        int end = position < _text.Length && _text[position] != '\n' ? position + 1 : position;
        return new ConfigSyntaxError(reason, TextSpan.FromBounds(position, end));
    }

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        int start = 0;
        while (start <= text.Length)
        {
            int newline = text.IndexOf('\n', start);
            int next = newline < 0 ? text.Length + 1 : newline + 1;
            int end = newline < 0 ? text.Length : newline;
            if (end > start && text[end - 1] == '\r')
            {
                end--;
            }

            int content = start;
            bool tab = false;
            while (content < end && text[content] is ' ' or '\t' or '\uFEFF')
            {
                tab |= text[content] == '\t';
                content++;
            }

            int indent = content - start;
            bool isContent = content < end && text[content] != '#' && !(text[content] == '%' && content == start);
            lines.Add(new Line(start, end, indent, content, isContent, tab && isContent));
            start = next;
        }

        return lines;
    }

    private readonly struct Line
    {
        public Line(int start, int end, int indent, int contentStart, bool isContent, bool hasTabIndentation)
        {
            Start = start;
            End = end;
            Indent = indent;
            ContentStart = contentStart;
            IsContent = isContent;
            HasTabIndentation = hasTabIndentation;
        }

        public int Start { get; }

        public int End { get; }

        /// <summary>Leading whitespace characters (tabs are an error in YAML indentation).</summary>
        public int Indent { get; }

        public int ContentStart { get; }

        /// <summary>Whether the line holds more than whitespace and a comment.</summary>
        public bool IsContent { get; }

        public bool HasTabIndentation { get; }
    }
}
