using System;
using System.IO;

namespace FlinkSdk.Analyzers.Configuration.Files;

/// <summary>Which configuration files the analyzers read, by file name.</summary>
internal enum ConfigurationFileKind
{
    None,

    /// <summary><c>appsettings*.json</c>: Flink keys under the <c>Flink</c> section, as the runtime reads it.</summary>
    AppSettingsJson,

    /// <summary><c>config.yaml</c> (Flink 2.x), <c>config.yml</c> or the legacy <c>flink-conf.yaml</c>.</summary>
    FlinkYaml,
}

internal static class ConfigurationFiles
{
    public static ConfigurationFileKind Classify(string path)
    {
        string name = Path.GetFileName(path);
        if (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigurationFileKind.AppSettingsJson;
        }

        return string.Equals(name, "config.yaml", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "config.yml", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "flink-conf.yaml", StringComparison.OrdinalIgnoreCase)
            ? ConfigurationFileKind.FlinkYaml
            : ConfigurationFileKind.None;
    }
}
