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
        foreach (var member in model.Members.Where(m => !SerializerCode.IsDirect(m.Type)))
        {
            writer.Line(SerializerCode.FieldDeclaration(member.Type, FieldName(member)));
        }

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

        writer.Line($"writer.WriteMapHeader({EmitHelpers.Int(model.Members.Count)});");
        foreach (var member in model.Members)
        {
            writer.Line($"writer.Write({EmitHelpers.Int(member.Id)});");
            writer.Line(SerializerCode.Write(member.Type, "value." + member.Name, FieldName(member)));
        }

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

        // Three ways to build the object: assign into a new T(); read into locals seeded from a new T() and build
        // with an object initializer (init-only members); or read into locals and call the matching constructor.
        bool direct = !model.UsesConstructor && model.Members.All(m => m.Assignment == SnapshotMemberAssignment.Set);
        if (direct)
        {
            writer.Line($"var result = new {model.TypeFullName}();");
        }
        else if (!model.UsesConstructor)
        {
            writer.Line($"var template = new {model.TypeFullName}();");
            foreach (var member in model.Members)
            {
                writer.Line($"var {Local(member)} = template.{member.Name};");
            }
        }
        else
        {
            foreach (var member in model.Members)
            {
                writer.Line($"{member.Type.FullName} {Local(member)} = default!;");
                if (member.Assignment == SnapshotMemberAssignment.Set)
                {
                    writer.Line($"bool has{EmitHelpers.Int(member.Id)} = false;");
                }
            }
        }

        writer.Line("int count = reader.ReadMapHeader();");
        writer.Line("for (int i = 0; i < count; i++)").Open();
        writer.Line("switch (reader.ReadInt32())").Open();
        foreach (var member in model.Members)
        {
            writer.Line($"case {EmitHelpers.Int(member.Id)}:").Indent();
            string read = SerializerCode.Read(member.Type, FieldName(member));
            writer.Line(direct ? $"result.{member.Name} = {read};" : $"{Local(member)} = {read};");
            if (model.UsesConstructor && member.Assignment == SnapshotMemberAssignment.Set)
            {
                writer.Line($"has{EmitHelpers.Int(member.Id)} = true;");
            }

            writer.Line("break;");
            writer.Outdent();
        }

        writer.Line("default:").Indent();
        writer.Line("reader.Skip();");
        writer.Line("break;");
        writer.Outdent();
        writer.Close();
        writer.Close();
        writer.Line();

        if (direct)
        {
            writer.Line("return result;");
        }
        else if (!model.UsesConstructor)
        {
            writer.Line($"return new {model.TypeFullName}").Open();
            foreach (var member in model.Members)
            {
                writer.Line($"{member.Name} = {Local(member)},");
            }

            writer.Close(";");
        }
        else
        {
            EmitConstructorCall(writer, model);
        }

        writer.Close();
    }

    private static void EmitConstructorCall(SourceWriter writer, SnapshotTypeModel model)
    {
        var arguments = model.ConstructorArguments.Select(a =>
            a.MemberId >= 0 ? "m" + EmitHelpers.Int(a.MemberId) : $"default({a.TypeFullName})!");
        string call = $"var result = new {model.TypeFullName}({string.Join(", ", arguments)})";
        var inits = model.Members.Where(m => m.Assignment == SnapshotMemberAssignment.Init).ToList();
        if (inits.Count == 0)
        {
            writer.Line(call + ";");
        }
        else
        {
            writer.Line(call).Open();
            foreach (var member in inits)
            {
                writer.Line($"{member.Name} = {Local(member)},");
            }

            writer.Close(";");
        }

        foreach (var member in model.Members.Where(m => m.Assignment == SnapshotMemberAssignment.Set))
        {
            writer.Line($"if (has{EmitHelpers.Int(member.Id)})").Open();
            writer.Line($"result.{member.Name} = {Local(member)};");
            writer.Close();
        }

        writer.Line();
        writer.Line("return result;");
    }
}
