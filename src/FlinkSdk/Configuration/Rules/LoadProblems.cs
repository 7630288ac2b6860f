// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System.Globalization;

namespace FlinkSdk.Configuration
{
    /// <summary>
    /// The problems found while reading a source, before any rule runs: unknown, deprecated and duplicate keys and
    /// sources that cannot be read. One wording for the runtime's <c>FlinkConfiguration</c> and for the analyzers.
    /// </summary>
    internal static class LoadProblems
    {
        /// <summary>A key no option has, with the closest known key when one is close.</summary>
        public static ConfigurationProblem UnknownKey(string key, string? location)
        {
            string? suggestion = KeySuggester.Suggest(key);
            return Rules.UnknownKey.Problem(
                "Unknown configuration key '" + key + "'." + (suggestion is null ? string.Empty : " Did you mean '" + suggestion + "'?"), key, location);
        }

        /// <summary>A deprecated key of <paramref name="option"/>.</summary>
        public static ConfigurationProblem DeprecatedKey(string key, OptionDescriptor option, string? location) =>
            Rules.DeprecatedKey.Problem("Configuration key '" + key + "' is deprecated; use '" + option.Key + "' instead.", key, location);

        /// <summary><paramref name="option"/> set twice in one source: <paramref name="dropped"/> lost to <paramref name="kept"/>.</summary>
        /// <param name="option">The option.</param>
        /// <param name="sourceName">The source, e.g. the file.</param>
        /// <param name="dropped">The setting that lost, as key and where it was written.</param>
        /// <param name="kept">The setting in force, as key and where it was written.</param>
        /// <param name="key">The key of the setting read last, the one the problem is about.</param>
        /// <param name="location">Where that setting was written.</param>
        public static ConfigurationProblem DuplicateKey(
            OptionDescriptor option, string sourceName, (string Key, string Where) dropped, (string Key, string Where) kept, string key, string? location) =>
            Rules.DuplicateKey.Problem(
                "Option '" + option.Key + "' is set more than once in " + sourceName + ": '" + dropped.Key + "' (" + dropped.Where +
                ") is overridden by '" + kept.Key + "' (" + kept.Where + ").", key, location);

        /// <summary>A file that cannot be opened or parsed as a whole.</summary>
        public static ConfigurationProblem UnreadableFile(string path, string reason, string? location) =>
            Rules.UnreadableSource.Problem("Cannot read configuration file '" + path + "': " + reason, path, location);

        /// <summary>YAML that does not parse, at its one-based line and column.</summary>
        public static ConfigurationProblem UnparsableYaml(string sourceName, long line, long column, string reason, string? location) =>
            Rules.UnreadableSource.Problem(
                "Cannot parse YAML in '" + sourceName + "' at line " + line.ToString(CultureInfo.InvariantCulture) + ", column " +
                column.ToString(CultureInfo.InvariantCulture) + ": " + reason, sourceName, location);
    }
}
