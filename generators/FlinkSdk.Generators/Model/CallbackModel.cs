namespace FlinkSdk.Generators.Model;

/// <summary>A user method the generated code calls at a checkpoint event.</summary>
/// <param name="Name">The method's name (escaped if it is a keyword).</param>
/// <param name="TakesCheckpointId">Whether it takes the checkpoint id (<c>void M(long checkpointId)</c>).</param>
internal sealed record CallbackModel(string Name, bool TakesCheckpointId);
