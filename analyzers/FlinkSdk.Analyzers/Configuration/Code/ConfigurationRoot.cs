using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Configuration.Code;

/// <summary>
/// One configuration object as a method body sees it: every environment, configuration and view expression in
/// the body that refers to the same <c>FlinkConfiguration</c> maps to one root, so writes split over many
/// statements are checked together.
/// </summary>
internal sealed class ConfigurationRoot
{
    public ConfigurationRoot(IOperation? anchor, bool isComplete, Location location)
    {
        Anchor = anchor;
        IsComplete = isComplete;
        Location = location;
    }

    /// <summary>
    /// The operation that creates or introduces the object (a creation, a factory call, a lambda declaring the
    /// parameter); <see langword="null"/> when it exists for the whole body (a method parameter, a field).
    /// </summary>
    public IOperation? Anchor { get; }

    /// <summary>Whether the body creates the object empty (<c>new FlinkConfiguration()</c>), so options it does not write hold Flink's defaults.</summary>
    public bool IsComplete { get; }

    /// <summary>Where to report a problem that no write of this object can carry.</summary>
    public Location Location { get; }

    /// <summary>Writes and external loads, with their source positions.</summary>
    public List<(int Position, OptionWrite? Write, Location? ExternalLoad)> Events { get; } = new();
}
