using FlinkSdk.Runtime.Tasks;

namespace FlinkSdk.Runtime.Operators;

/// <summary>What an operator instance needs to know about where it runs.</summary>
internal sealed record OperatorSetup(
    string Name,
    string Uid,
    int SubtaskIndex,
    int Parallelism,
    int MaxParallelism,
    StreamTask Task)
{
    /// <summary>How the operator is named in errors and logs: <c>Map (2/4)</c>.</summary>
    public string Describe() => $"{Name} ({SubtaskIndex + 1}/{Parallelism})";
}
