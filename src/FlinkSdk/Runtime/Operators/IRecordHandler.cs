namespace FlinkSdk.Runtime.Operators;

/// <summary>
/// Receives the records of a stream. Operators are handlers whose output is the next handler, so a chain of
/// operators is plain object composition: one interface call per hop, no hand-off between chained operators.
/// </summary>
internal interface IRecordHandler<in T>
{
    /// <summary>Handles one record; <paramref name="timestamp"/> is <see cref="long.MinValue"/> when it has none.</summary>
    void ProcessRecord(T value, long timestamp);

    /// <summary>Event time advanced to <paramref name="watermark"/>.</summary>
    void ProcessWatermark(long watermark);

    /// <summary>The input ended: flush and pass the end on.</summary>
    void Finish();
}
