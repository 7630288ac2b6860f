using System.Collections.Generic;
using System.Linq;
using FlinkSdk.Generators.Model;

namespace FlinkSdk.Generators.Emitting;

/// <summary>
/// Emits the serializer of a <c>[SnapshotType]</c> type: a MessagePack map {id: value} of its <c>[Key]</c> members
/// (null as nil), read in any order with unknown ids skipped.
/// </summary>
internal static class SnapshotTypeEmitter
{
    public static string Emit(SnapshotTypeModel model)
    {
        var writer = new SourceWriter();
        EmitHelpers.Header(writer);
        int scopes = EmitHelpers.OpenScopes(writer, model.Namespace, EquatableArray<ContainingTypeModel>.Empty);
        string valueType = model.IsValueType ? model.TypeFullName : model.TypeFullName + "?";
        string self = (model.Namespace.Length == 0 ? "global::" : "global::" + model.Namespace + ".") + model.SerializerName;

        writer.Line($"/// <summary>Writes <see cref=\"{model.TypeFullName}\"/> as a MessagePack map {{id: value}} of its [Key] members.</summary>");
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"internal sealed class {model.SerializerName} : {SerializerCode.SerializerInterface}<{valueType}>").Open();
        writer.Line("/// <summary>The serializer (stateless, thread-safe).</summary>");
        writer.Line($"public static readonly {self} Instance = new {self}();");
        SerializerCode.EmitFields(writer, MapMembers(model));

        writer.Line();
        writer.Line($"private {model.SerializerName}()").Open();
        writer.Close();
        writer.Line();
        EmitSerialize(writer, model, valueType);
        writer.Line();
        EmitDeserialize(writer, model, valueType);
        writer.Close();
        EmitHelpers.CloseScopes(writer, scopes);
        return writer.ToString();
    }

    private static string FieldName(SnapshotMemberModel member) => SerializerCode.FieldName(member.Name.TrimStart('@'));

    private static List<MapMember> MapMembers(SnapshotTypeModel model)
        => model.Members.Select(m => new MapMember(m.Id, m.Type, "value." + m.Name, FieldName(m))).ToList();

    private static string Local(SnapshotMemberModel member) => "m" + EmitHelpers.Int(member.Id);

    private static void EmitSerialize(SourceWriter writer, SnapshotTypeModel model, string valueType)
    {
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public void Serialize(ref {SerializerCode.Writer} writer, {valueType} value)").Open();
        if (!model.IsValueType)
        {
            writer.Line("if (value is null)").Open();
            writer.Line("writer.WriteNil();");
            writer.Line("return;");
            writer.Close();
            writer.Line();
        }

        SerializerCode.EmitMapWrite(writer, MapMembers(model));
        writer.Close();
    }

    private static void EmitDeserialize(SourceWriter writer, SnapshotTypeModel model, string valueType)
    {
        writer.Line("/// <inheritdoc/>");
        writer.Line($"public {valueType} Deserialize(ref {SerializerCode.Reader} reader)").Open();
        writer.Line("if (reader.TryReadNil())").Open();
        writer.Line(model.IsValueType ? "return default;" : "return null;");
        writer.Close();
        writer.Line();

        // Three ways to build the object: assign into a new T(); or read into locals and build with an object
        // initializer (init-only members) or through the matching constructor. Members the data lacks keep the
        // values a new object starts with, which the latter two take from a template object, built only then.
        var members = model.Members;
        var seen = new SeenMask(members.Count);
        bool direct = !model.UsesConstructor && members.All(m => m.Assignment == SnapshotMemberAssignment.Set);
        if (direct)
        {
            writer.Line($"var result = new {model.TypeFullName}();");
        }
        else
        {
            foreach (var member in members)
            {
                writer.Line($"{member.Type.FullName} {Local(member)} = default!;");
            }

            seen.Declare(writer);
        }

        SerializerCode.EmitMapRead(writer, [.. members.Select(m => m.Id)], position =>
        {
            var member = members[position];
            string read = SerializerCode.Read(member.Type, FieldName(member));
            if (direct)
            {
                writer.Line($"result.{member.Name} = {read};");
            }
            else
            {
                writer.Line($"{Local(member)} = {read};");
                writer.Line(seen.Mark(position));
            }
        });
        writer.Line();

        if (direct)
        {
            writer.Line("return result;");
        }
        else if (!model.UsesConstructor)
        {
            EmitTemplateDefaults(writer, model, seen, Enumerable.Range(0, members.Count).ToList(), $"new {model.TypeFullName}()");
            writer.Line($"return new {model.TypeFullName}").Open();
            foreach (var member in members)
            {
                writer.Line($"{member.Name} = {Local(member)},");
            }

            writer.Close(";");
        }
        else
        {
            EmitConstructorCall(writer, model, seen);
        }

        writer.Close();
    }

    /// <summary>
    /// If any member at <paramref name="positions"/> was not read, builds a template with <paramref name="creation"/>
    /// and takes those members' values from it.
    /// </summary>
    private static void EmitTemplateDefaults(SourceWriter writer, SnapshotTypeModel model, SeenMask seen, List<int> positions, string creation)
    {
        if (positions.Count == 0)
        {
            return;
        }

        writer.Line($"if ({seen.AnyMissing(positions)})").Open();
        writer.Line($"var template = {creation};");
        foreach (int position in positions)
        {
            var member = model.Members[position];
            writer.Line($"if ({seen.IsMissing(position)})").Open();
            writer.Line($"{Local(member)} = template.{member.Name};");
            writer.Close();
        }

        writer.Close();
        writer.Line();
    }

    private static void EmitConstructorCall(SourceWriter writer, SnapshotTypeModel model, SeenMask seen)
    {
        var arguments = model.ConstructorArguments.Select(a =>
            a.MemberId >= 0 ? "m" + EmitHelpers.Int(a.MemberId) : $"default({a.TypeFullName})!");
        string creation = $"new {model.TypeFullName}({string.Join(", ", arguments)})";
        var members = model.Members;
        var inits = Enumerable.Range(0, members.Count).Where(p => members[p].Assignment == SnapshotMemberAssignment.Init).ToList();
        EmitTemplateDefaults(writer, model, seen, inits, creation);
        if (inits.Count == 0)
        {
            writer.Line($"var result = {creation};");
        }
        else
        {
            writer.Line($"var result = {creation}").Open();
            foreach (int position in inits)
            {
                writer.Line($"{members[position].Name} = {Local(members[position])},");
            }

            writer.Close(";");
        }

        // Settable members not read keep what the constructor gave them.
        for (int position = 0; position < members.Count; position++)
        {
            if (members[position].Assignment == SnapshotMemberAssignment.Set)
            {
                writer.Line($"if ({seen.WasRead(position)})").Open();
                writer.Line($"result.{members[position].Name} = {Local(members[position])};");
                writer.Close();
            }
        }

        writer.Line();
        writer.Line("return result;");
    }
}
