using System.Globalization;
using FlinkSdk.Configuration;

namespace FlinkSdk.Analyzers.Configuration;

/// <summary>
/// The problems the runtime reports while loading settings (<c>FlinkConfiguration</c>'s unknown, deprecated and
/// duplicate keys), with the runtime's exact wording; a test feeds the same settings to both and compares.
/// </summary>
internal static class LoadMessages
{
    public static ConfigurationProblem UnknownKey(string key)
    {
        string? suggestion = KeySuggester.Suggest(key);
        return Rules.UnknownKey.Problem(
            "Unknown configuration key '" + key + "'." + (suggestion is null ? string.Empty : " Did you mean '" + suggestion + "'?"), key, null);
    }

    public static ConfigurationProblem DeprecatedKey(string key, OptionDescriptor option) =>
        Rules.DeprecatedKey.Problem("Configuration key '" + key + "' is deprecated; use '" + option.Key + "' instead.", key, null);

    public static ConfigurationProblem DuplicateKey(OptionDescriptor option, string sourceName, string droppedKey, string droppedOrigin, string keptKey, string keptOrigin, string key) =>
        Rules.DuplicateKey.Problem(
            "Option '" + option.Key + "' is set more than once in " + sourceName + ": '" + droppedKey + "' (" + droppedOrigin + ") is overridden by '" +
            keptKey + "' (" + keptOrigin + ").", key, null);

    public static ConfigurationProblem UnreadableFile(string path, string reason) =>
        Rules.UnreadableSource.Problem("Cannot read configuration file '" + path + "': " + reason, path, null);

    public static ConfigurationProblem UnparsableYaml(string path, int line, int column, string reason) =>
        Rules.UnreadableSource.Problem("Cannot parse YAML in '" + path + "' at line " + line.ToString(CultureInfo.InvariantCulture) + ", column " + column.ToString(CultureInfo.InvariantCulture) + ": " + reason, path, null);
}
