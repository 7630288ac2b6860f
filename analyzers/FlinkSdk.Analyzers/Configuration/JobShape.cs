using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Configuration;

/// <summary>What the analyzers know about the job graph that the cross-option rules depend on.</summary>
internal sealed class JobShape
{
    public static readonly JobShape None = new(null, null);

    public JobShape(Location? iteration, Location? customPartitioner)
    {
        Iteration = iteration;
        CustomPartitioner = customPartitioner;
    }

    /// <summary>Where the job builds an iteration (feedback edge), or <see langword="null"/>.</summary>
    public Location? Iteration { get; }

    /// <summary>Where the job uses a custom partitioner, or <see langword="null"/>.</summary>
    public Location? CustomPartitioner { get; }
}
