using System.Linq;
using FlinkSdk.Generators.Model;

namespace FlinkSdk.Generators.Emitting;

/// <summary>
/// Emits an operator's nested <c>__FlinkState</c> record (one field per state member) and its serializer: a
/// MessagePack map {id: value} in id order, read in any order, unknown ids skipped, missing ids taken from the
/// default record's bytes.
/// </summary>
internal static class FieldRecordEmitter
{
    public const string RecordName = "__FlinkState";
    public const string SerializerName = "__FlinkStateSerializer";

    public static void Emit(SourceWriter writer, OperatorModel model)
    {
        EmitRecord(writer, model);
        writer.Line();
        EmitSerializer(writer, model);
    }

    private static void EmitRecord(SourceWriter writer, OperatorModel model)
    {
        writer.Line("/// <summary>The values of the <c>[State]</c> members, keyed by id in checkpoints.</summary>");
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line("private struct " + RecordName).Open();
        foreach (var member in model.Members)
        {
            writer.Line($"public {member.Type.FullName} {member.Name};");
        }

        writer.Close();
    }

    private static void EmitSerializer(SourceWriter writer, OperatorModel model)
    {
        var members = model.Members;
        writer.Line("/// <summary>Writes <see cref=\"" + RecordName + "\"/> as a MessagePack map {id: value}.</summary>");
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"private sealed class {SerializerName} : {SerializerCode.SerializerInterface}<{RecordName}>").Open();
        var mapMembers = members.Select(m => new MapMember(m.Id, m.Type, "value." + m.Name, SerializerCode.FieldName(m.SchemaName))).ToList();
        SerializerCode.EmitFields(writer, mapMembers);

        writer.Line("private readonly byte[]? _defaults;");
        writer.Line();
        writer.Line("/// <param name=\"defaults\">The default record's bytes: where ids missing from a stored record are read from.</param>");
        writer.Line($"public {SerializerName}(byte[]? defaults)").Open();
        writer.Line("_defaults = defaults;");
        writer.Close();
        writer.Line();
        writer.Line($"public void Serialize(ref {SerializerCode.Writer} writer, {RecordName} value) => Write(ref writer, in value);");
        writer.Line();
        writer.Line($"public {RecordName} Deserialize(ref {SerializerCode.Reader} reader) => Read(ref reader, _defaults);");
        writer.Line();

        writer.Line($"public static void Write(ref {SerializerCode.Writer} writer, in {RecordName} value)").Open();
        SerializerCode.EmitMapWrite(writer, mapMembers);
        writer.Close();
        writer.Line();

        writer.Line($"public static {RecordName} Read(ref {SerializerCode.Reader} reader, byte[]? defaults)").Open();
        writer.Line($"var result = default({RecordName});");
        var seen = new SeenMask(members.Count);
        seen.Declare(writer);
        SerializerCode.EmitMapRead(writer, [.. members.Select(m => m.Id)], position =>
        {
            var member = members[position];
            writer.Line($"result.{member.Name} = {SerializerCode.Read(member.Type, SerializerCode.FieldName(member.SchemaName))};");
            writer.Line(seen.Mark(position));
        });

        if (members.Count > 0)
        {
            writer.Line();
            writer.Line($"if (defaults is not null && ({seen.AnyMissing()}))").Open();
            writer.Line($"var defaultsReader = new {SerializerCode.Reader}(new global::System.ReadOnlySpan<byte>(defaults));");
            writer.Line("var fallback = Read(ref defaultsReader, null);");
            for (int position = 0; position < members.Count; position++)
            {
                writer.Line($"if ({seen.IsMissing(position)})").Open();
                writer.Line($"result.{members[position].Name} = fallback.{members[position].Name};");
                writer.Close();
            }

            writer.Close();
        }

        writer.Line();
        writer.Line("return result;");
        writer.Close();
        writer.Close();
    }
}
