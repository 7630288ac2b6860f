using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Configuration.Files;

/// <summary>A value in a configuration document (JSON or YAML) with where its text is.</summary>
internal abstract class ConfigNode
{
    protected ConfigNode(TextSpan span) => Span = span;

    public TextSpan Span { get; }
}

/// <summary>A scalar: its text as the configuration system sees it, or <see langword="null"/> for an explicit null.</summary>
internal sealed class ConfigScalar : ConfigNode
{
    public ConfigScalar(string? text, TextSpan span)
        : base(span) => Text = text;

    public string? Text { get; }
}

/// <summary>A list of values.</summary>
internal sealed class ConfigList : ConfigNode
{
    public ConfigList(IReadOnlyList<ConfigNode> items, TextSpan span)
        : base(span) => Items = items;

    public IReadOnlyList<ConfigNode> Items { get; }
}

/// <summary>A map of keys to values, in document order.</summary>
internal sealed class ConfigMap : ConfigNode
{
    public ConfigMap(IReadOnlyList<ConfigEntry> entries, TextSpan span)
        : base(span) => Entries = entries;

    public IReadOnlyList<ConfigEntry> Entries { get; }
}

/// <summary>One key of a map and its value.</summary>
internal sealed class ConfigEntry
{
    public ConfigEntry(string key, TextSpan keySpan, ConfigNode value)
    {
        Key = key;
        KeySpan = keySpan;
        Value = value;
    }

    public string Key { get; }

    public TextSpan KeySpan { get; }

    public ConfigNode Value { get; }
}

/// <summary>Why a document could not be read, and where.</summary>
internal sealed class ConfigSyntaxError
{
    public ConfigSyntaxError(string reason, TextSpan span)
    {
        Reason = reason;
        Span = span;
    }

    public string Reason { get; }

    public TextSpan Span { get; }
}
