namespace FlinkSdk.Serialization;

/// <summary>Reads the value of field <paramref name="field"/>; leave it unread to have it skipped.</summary>
/// <param name="field">The field id.</param>
/// <param name="reader">Positioned at the field's value.</param>
internal delegate void FieldReader(int field, ref MessagePackReader reader);

/// <summary>
/// Documents written as MessagePack maps keyed by small integer field ids (state, metadata, sink state): unknown
/// ids are skipped and missing ones keep defaults, so versions can add and retire fields.
/// </summary>
internal static class FieldMap
{
    /// <summary>Reads a field map, calling <paramref name="read"/> per field; fields it does not consume are skipped.</summary>
    public static void Read(ref MessagePackReader reader, FieldReader read)
    {
        int fields = reader.ReadMapHeader();
        for (int f = 0; f < fields; f++)
        {
            int field = reader.ReadInt32();
            int before = reader.Position;
            read(field, ref reader);
            if (reader.Position == before)
            {
                reader.Skip();
            }
        }
    }
}
