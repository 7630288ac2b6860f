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

    /// <summary>
    /// A side-effect-free C# expression for the object's <c>CheckpointConfig</c> (<c>env.CheckpointConfig</c>), taken
    /// from the first simple receiver a write goes through, or <see langword="null"/>.
    /// </summary>
    public string? CheckpointConfigExpression { get; set; }

    /// <summary>Writes and external loads, in source order.</summary>
    public List<(int Position, OptionWrite? Write, Location? ExternalLoad)> Events { get; } = new();

    /// <summary>
    /// The writes in the order they take effect. Settings loaded from outside (a file, variables, arguments) may
    /// override any option written before them and set any other, so after a load the configuration is no longer
    /// complete and the earlier writes become unknown.
    /// </summary>
    public List<OptionWrite> Writes(out bool isComplete)
    {
        isComplete = IsComplete;
        var ordered = new List<OptionWrite>();
        foreach (var (_, write, externalLoad) in Events)
        {
            if (externalLoad is null)
            {
                ordered.Add(write!);
                continue;
            }

            isComplete = false;
            int written = ordered.Count;
            for (int i = 0; i < written; i++)
            {
                ordered.Add(OptionWrite.Unknown(ordered[i].Option, externalLoad, ordered[i].Kind));
            }
        }

        return ordered;
    }
}
