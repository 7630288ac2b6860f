using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Configuration.Files;

/// <summary>
/// Reads JSON as Microsoft.Extensions.Configuration does (comments and trailing commas allowed), keeping the
/// position of every key and value. Scalars get the text the configuration system stores: strings unescaped,
/// numbers as written, <c>True</c>/<c>False</c> for booleans, <see langword="null"/> for null.
/// </summary>
/// <remarks>System.Text.Json is not available to analyzers on every host, hence this small reader.</remarks>
internal sealed class JsonConfigReader
{
    private readonly string _text;
    private int _position;

    private JsonConfigReader(string text) => _text = text;

    /// <summary>Reads the document; it must be an object.</summary>
    public static ConfigMap? Read(string text, out ConfigSyntaxError? error)
    {
        var reader = new JsonConfigReader(text);
        try
        {
            reader.SkipTrivia();
            if (reader._position >= text.Length)
            {
                throw reader.Error("the file is empty; expected a JSON object", reader._position);
            }

            if (text[reader._position] != '{')
            {
                throw reader.Error("the top-level JSON value must be an object", reader._position);
            }

            var root = (ConfigMap)reader.ReadValue();
            reader.SkipTrivia();
            if (reader._position < text.Length)
            {
                throw reader.Error("unexpected text after the end of the JSON object", reader._position);
            }

            error = null;
            return root;
        }
        catch (JsonSyntaxException e)
        {
            error = e.Error;
            return null;
        }
    }

    private ConfigNode ReadValue()
    {
        SkipTrivia();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of file; expected a value", _position);
        }

        char c = _text[_position];
        switch (c)
        {
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
            case '"':
                int start = _position;
                string value = ReadString();
                return new ConfigScalar(value, TextSpan.FromBounds(start, _position));
            default:
                return ReadLiteral();
        }
    }

    private ConfigMap ReadObject()
    {
        int start = _position++;
        var entries = new List<ConfigEntry>();
        while (true)
        {
            SkipTrivia();
            if (_position >= _text.Length)
            {
                throw Error("unexpected end of file; the object opened here is not closed", start);
            }

            if (_text[_position] == '}')
            {
                _position++;
                return new ConfigMap(entries, TextSpan.FromBounds(start, _position));
            }

            if (_text[_position] != '"')
            {
                throw Error("expected a property name in double quotes", _position);
            }

            int keyStart = _position;
            string key = ReadString();
            var keySpan = TextSpan.FromBounds(keyStart, _position);
            SkipTrivia();
            Expect(':');
            var value = ReadValue();
            entries.Add(new ConfigEntry(key, keySpan, value));
            SkipTrivia();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
            }
            else if (_position < _text.Length && _text[_position] != '}')
            {
                throw Error("expected ',' or '}' after a property value", _position);
            }
        }
    }

    private ConfigList ReadArray()
    {
        int start = _position++;
        var items = new List<ConfigNode>();
        while (true)
        {
            SkipTrivia();
            if (_position >= _text.Length)
            {
                throw Error("unexpected end of file; the array opened here is not closed", start);
            }

            if (_text[_position] == ']')
            {
                _position++;
                return new ConfigList(items, TextSpan.FromBounds(start, _position));
            }

            items.Add(ReadValue());
            SkipTrivia();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
            }
            else if (_position < _text.Length && _text[_position] != ']')
            {
                throw Error("expected ',' or ']' after an array item", _position);
            }
        }
    }

    private ConfigScalar ReadLiteral()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '-' or '+' or '.'))
        {
            _position++;
        }

        string word = _text.Substring(start, _position - start);
        var span = TextSpan.FromBounds(start, _position);
        switch (word)
        {
            case "true":
                return new ConfigScalar("True", span);
            case "false":
                return new ConfigScalar("False", span);
            case "null":
                return new ConfigScalar(null, span);
        }

        if (word.Length > 0 && IsJsonNumber(word))
        {
            return new ConfigScalar(word, span);
        }

        throw Error(word.Length == 0 ? "unexpected character '" + _text[start] + "'" : "'" + word + "' is not a JSON value", start);
    }

    private static bool IsJsonNumber(string word)
    {
        int i = 0;
        if (word[i] == '-')
        {
            i++;
        }

        int digits = i;
        while (i < word.Length && char.IsDigit(word[i]))
        {
            i++;
        }

        if (i == digits || (word[digits] == '0' && i - digits > 1))
        {
            return false;
        }

        if (i < word.Length && word[i] == '.')
        {
            int fraction = ++i;
            while (i < word.Length && char.IsDigit(word[i]))
            {
                i++;
            }

            if (i == fraction)
            {
                return false;
            }
        }

        if (i < word.Length && (word[i] == 'e' || word[i] == 'E'))
        {
            i++;
            if (i < word.Length && (word[i] == '+' || word[i] == '-'))
            {
                i++;
            }

            int exponent = i;
            while (i < word.Length && char.IsDigit(word[i]))
            {
                i++;
            }

            if (i == exponent)
            {
                return false;
            }
        }

        return i == word.Length;
    }

    private string ReadString()
    {
        int start = _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw Error("the string starting here is not closed", start);
            }

            char c = _text[_position++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                throw Error("the string starting here is not closed", start);
            }

            char escape = _text[_position++];
            switch (escape)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("'\\u' must be followed by four hexadecimal digits", _position - 2);
                    }

                    value.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error("'\\" + escape + "' is not a valid escape sequence", _position - 2);
            }
        }
    }

    private void Expect(char expected)
    {
        if (_position >= _text.Length || _text[_position] != expected)
        {
            throw Error("expected '" + expected + "'", _position);
        }

        _position++;
    }

    /// <summary>Skips whitespace and comments.</summary>
    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                int end = _text.IndexOf("*/", _position + 2, System.StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("the comment starting here is not closed", _position);
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private JsonSyntaxException Error(string reason, int position)
    {
        int end = position < _text.Length ? position + 1 : position;
        return new JsonSyntaxException(new ConfigSyntaxError(reason, TextSpan.FromBounds(position, end)));
    }

    private sealed class JsonSyntaxException : System.Exception
    {
        public JsonSyntaxException(ConfigSyntaxError error)
            : base(error.Reason) => Error = error;

        public ConfigSyntaxError Error { get; }
    }
}
