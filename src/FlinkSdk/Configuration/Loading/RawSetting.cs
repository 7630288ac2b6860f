namespace FlinkSdk.Configuration.Loading;

/// <summary>A key and its text as one source wrote them, before the key is resolved and the value parsed.</summary>
/// <param name="Key">The key, normalized to Flink's dotted lower-case form.</param>
/// <param name="Value">The value text; <see langword="null"/> when the source gave none (e.g. <c>key:</c> in YAML).</param>
/// <param name="Origin">Where it was written.</param>
internal readonly record struct RawSetting(string Key, string? Value, ConfigOrigin Origin) : ISourceSetting
{
    string ISourceSetting.Where => Origin.ToString();
}

/// <summary>The settings read from one source, or why it could not be read.</summary>
/// <param name="Name">The source, e.g. <c>config.yaml</c> or <c>environment</c>.</param>
/// <param name="Settings">The settings, in the order the source wrote them.</param>
/// <param name="Error">Why the source could not be read; <see langword="null"/> if it could.</param>
internal sealed record SourceReadResult(string Name, IReadOnlyList<RawSetting> Settings, ConfigurationProblem? Error = null);
