using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Configuration.Files;

/// <summary>A leaf of a configuration document: its full key and text, with where each is written.</summary>
internal sealed class FlatSetting
{
    public FlatSetting(string key, string? value, TextSpan keySpan, TextSpan valueSpan)
    {
        Key = key;
        Value = value;
        KeySpan = keySpan;
        ValueSpan = valueSpan;
    }

    public string Key { get; }

    public string? Value { get; }

    public TextSpan KeySpan { get; }

    public TextSpan ValueSpan { get; }
}

/// <summary>How a configuration system turns nested documents into flat keys.</summary>
internal sealed class FlattenStyle
{
    /// <summary>
    /// Microsoft.Extensions.Configuration (appsettings.json): path segments joined by ':', list items keyed by
    /// index, explicit nulls and empty containers yield nothing.
    /// </summary>
    public static readonly FlattenStyle DotNetConfiguration = new(":", listItemsAsKeys: true, keepNulls: false);

    /// <summary>Flink's YAML (as the runtime reads it): nested maps joined by '.', a list of scalars is one value joined by ';', nulls kept.</summary>
    public static readonly FlattenStyle FlinkYaml = new(".", listItemsAsKeys: false, keepNulls: true);

    private FlattenStyle(string separator, bool listItemsAsKeys, bool keepNulls)
    {
        Separator = separator;
        ListItemsAsKeys = listItemsAsKeys;
        KeepNulls = keepNulls;
    }

    public string Separator { get; }

    public bool ListItemsAsKeys { get; }

    public bool KeepNulls { get; }
}

/// <summary>One flattening for both file formats, so JSON and YAML keys are built by the same rules the runtime's readers apply.</summary>
internal static class KeyFlattener
{
    public static List<FlatSetting> Flatten(ConfigMap root, FlattenStyle style)
    {
        var settings = new List<FlatSetting>();
        FlattenMap(root, prefix: null, style, settings);
        return settings;
    }

    private static void FlattenMap(ConfigMap map, string? prefix, FlattenStyle style, List<FlatSetting> settings)
    {
        foreach (var entry in map.Entries)
        {
            string key = prefix is null ? entry.Key : prefix + style.Separator + entry.Key;
            FlattenValue(key, entry.KeySpan, entry.Value, style, settings);
        }
    }

    private static void FlattenValue(string key, TextSpan keySpan, ConfigNode value, FlattenStyle style, List<FlatSetting> settings)
    {
        switch (value)
        {
            case ConfigScalar scalar:
                if (scalar.Text is not null || style.KeepNulls)
                {
                    settings.Add(new FlatSetting(key, scalar.Text, keySpan, scalar.Span));
                }

                break;
            case ConfigMap map:
                FlattenMap(map, key, style, settings);
                break;
            case ConfigList list when style.ListItemsAsKeys:
                for (int i = 0; i < list.Items.Count; i++)
                {
                    FlattenValue(key + style.Separator + i.ToString(System.Globalization.CultureInfo.InvariantCulture), keySpan, list.Items[i], style, settings);
                }

                break;
            case ConfigList list:
                var items = new string[list.Items.Count];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = (list.Items[i] as ConfigScalar)?.Text ?? string.Empty;
                }

                settings.Add(new FlatSetting(key, string.Join(";", items), keySpan, list.Span));
                break;
        }
    }
}
