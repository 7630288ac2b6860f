namespace FlinkSdk.Storage;

/// <summary>
/// A chunk of checkpointed state: either <paramref name="InlineData"/> (chunks up to the inline threshold, stored
/// inside <c>_metadata</c> by whoever serializes the handle) or an exclusive file <paramref name="RelativePath"/>
/// inside the checkpoint's directory (<c>chk-&lt;id&gt;/&lt;uuid&gt;</c>). Flink's <c>ByteStreamStateHandle</c> and
/// <c>RelativeFileStateHandle</c>.
/// </summary>
/// <param name="InlineData">The state bytes when inline; <see langword="null"/> for a file.</param>
/// <param name="RelativePath">The file name relative to the checkpoint directory; <see langword="null"/> when inline.</param>
/// <param name="Size">The number of state bytes (the payload, without the file header).</param>
/// <param name="Checksum">The CRC-32C (<see cref="Crc32C"/>) of the state bytes.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Fixed API shared with the checkpoint coordinator; the handle is an immutable-by-convention snapshot.")]
public sealed record StateHandle(byte[]? InlineData, string? RelativePath, long Size, uint Checksum)
{
    /// <summary>Whether the state is held inline (<see cref="InlineData"/>) rather than in a file.</summary>
    public bool IsInline => InlineData is not null;
}
