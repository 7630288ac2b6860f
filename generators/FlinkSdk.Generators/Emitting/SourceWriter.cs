using System;
using System.Text;

namespace FlinkSdk.Generators.Emitting;

/// <summary>Builds C# source line by line with four-space indentation and <c>\n</c> line endings.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4).Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public SourceWriter Open()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Indents the following lines one level without a brace (a <c>case</c> body).</summary>
    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    /// <summary>Ends an <see cref="Indent"/>.</summary>
    public SourceWriter Outdent()
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Outdent without Indent.");
        }

        _indent--;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> (plus an optional suffix such as <c>;</c>).</summary>
    public SourceWriter Close(string suffix = "")
    {
        if (_indent == 0)
        {
            throw new InvalidOperationException("Close without Open.");
        }

        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>The source written so far.</summary>
    public override string ToString() => _builder.ToString();
}
