using FlinkSdk.Configuration;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Configuration;

/// <summary>What kind of source text an <see cref="OptionWrite"/> points at, so a code fix knows which node it finds there.</summary>
internal enum WriteKind
{
    /// <summary>The value of a property assignment (<c>config.X = value</c>).</summary>
    Assignment,

    /// <summary>An argument of a configuration method (<c>EnableCheckpointing(value)</c>).</summary>
    Argument,

    /// <summary>A call whose argument was omitted, or that sets a fixed value (<c>DisableCheckpointing()</c>).</summary>
    Call,

    /// <summary>A value in a configuration file.</summary>
    File,
}

/// <summary>
/// One write of an option in the order the source performs it: a parsed value, an explicit removal
/// (<see cref="Value"/> <see langword="null"/>), or an unknown value (not a constant, or only conditionally written).
/// </summary>
internal sealed class OptionWrite
{
    private OptionWrite(OptionDescriptor option, bool isKnown, object? value, Location location, WriteKind kind)
    {
        Option = option;
        IsKnown = isKnown;
        Value = value;
        Location = location;
        Kind = kind;
    }

    public OptionDescriptor Option { get; }

    /// <summary>Whether <see cref="Value"/> is what the option holds after the write.</summary>
    public bool IsKnown { get; }

    /// <summary>The parsed value (see <c>OptionValueParser</c> for the types), or <see langword="null"/> for "unset".</summary>
    public object? Value { get; }

    /// <summary>Where the value is written: the place a diagnostic about this option points at.</summary>
    public Location Location { get; }

    public WriteKind Kind { get; }

    public static OptionWrite Known(OptionDescriptor option, object? value, Location location, WriteKind kind) => new(option, true, value, location, kind);

    public static OptionWrite Unknown(OptionDescriptor option, Location location, WriteKind kind) => new(option, false, null, location, kind);
}
