namespace FlinkSdk.Configuration;

/// <summary>The kind of place a configuration value came from.</summary>
public enum ConfigOriginKind
{
    /// <summary>Flink's default: nothing set the option.</summary>
    Default,

    /// <summary>A configuration file (<c>config.yaml</c>, <c>appsettings.json</c>).</summary>
    File,

    /// <summary>An environment variable.</summary>
    Environment,

    /// <summary>A command-line argument (<c>-Dkey=value</c>).</summary>
    Argument,

    /// <summary>Application code (a setter, or another <c>IConfiguration</c> provider).</summary>
    Code,
}

/// <summary>Where a configuration value came from, e.g. <c>file config.yaml:12</c>.</summary>
/// <param name="Kind">The kind of source.</param>
/// <param name="Location">The file and line, variable name or argument; <see langword="null"/> for defaults and code.</param>
public sealed record ConfigOrigin(ConfigOriginKind Kind, string? Location = null)
{
    /// <summary>The origin of values nobody set.</summary>
    public static ConfigOrigin Default { get; } = new(ConfigOriginKind.Default);

    /// <summary>The origin of values set by application code.</summary>
    public static ConfigOrigin Code { get; } = new(ConfigOriginKind.Code);

    /// <summary>Prints the origin as <c>file config.yaml:12</c>, <c>environment FLINK__…</c>, <c>default</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string kind = Kind switch
        {
            ConfigOriginKind.Default => "default",
            ConfigOriginKind.File => "file",
            ConfigOriginKind.Environment => "environment",
            ConfigOriginKind.Argument => "argument",
            _ => "code",
        };
        return Location is null ? kind : $"{kind} {Location}";
    }
}

/// <summary>One option as it is in force: its key, value in Flink's notation, and where the value came from.</summary>
/// <param name="Key">The Flink key.</param>
/// <param name="Value">The value in Flink's notation, or <c>(none)</c>.</param>
/// <param name="Origin">Where the value came from.</param>
/// <param name="Description">What the option means.</param>
public sealed record EffectiveOption(string Key, string Value, ConfigOrigin Origin, string Description);
