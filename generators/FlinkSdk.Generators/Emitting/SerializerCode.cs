using System.Collections.Generic;
using System.Linq;
using FlinkSdk.Generators.Model;

namespace FlinkSdk.Generators.Emitting;

/// <summary>A member written into a map: its id, type, the expression of its value and the name of its serializer field.</summary>
internal readonly record struct MapMember(int Id, TypeModel Type, string Value, string FieldName);

/// <summary>The C# that writes and reads member values of supported types.</summary>
internal static class SerializerCode
{
    public const string Serializers = "global::FlinkSdk.Serialization.StateSerializers";
    public const string SerializerInterface = "global::FlinkSdk.Serialization.IStateSerializer";
    public const string Writer = "global::FlinkSdk.Serialization.MessagePackWriter";
    public const string Reader = "global::FlinkSdk.Serialization.MessagePackReader";

    /// <summary>Whether values are written and read by direct writer/reader calls (primitives and strings).</summary>
    public static bool IsDirect(TypeModel type) => type.Kind is TypeModelKind.Primitive or TypeModelKind.String;

    /// <summary>
    /// Whether the member's serializer is kept in a static field: composed ones are. Primitives and strings need
    /// none, and a <c>[SnapshotType]</c>'s sealed serializer is called through its <c>Instance</c>, without
    /// interface dispatch.
    /// </summary>
    public static bool HasField(TypeModel type) => !IsDirect(type) && type.Kind != TypeModelKind.SnapshotType;

    /// <summary>Declares the serializer fields of the members that need one (<see cref="HasField"/>).</summary>
    public static void EmitFields(SourceWriter writer, IEnumerable<MapMember> members)
    {
        foreach (var member in members.Where(m => HasField(m.Type)))
        {
            writer.Line(FieldDeclaration(member.Type, member.FieldName));
        }
    }

    /// <summary>Statements writing the members as a MessagePack map {id: value}, in the order given.</summary>
    public static void EmitMapWrite(SourceWriter writer, IReadOnlyList<MapMember> members)
    {
        writer.Line($"writer.WriteMapHeader({EmitHelpers.Int(members.Count)});");
        foreach (var member in members)
        {
            writer.Line($"writer.Write({EmitHelpers.Int(member.Id)});");
            writer.Line(Write(member.Type, member.Value, member.FieldName));
        }
    }

    /// <summary>
    /// Statements reading a MessagePack map {id: value}: one <c>case</c> per id of <paramref name="ids"/>, whose
    /// statements <paramref name="emitCase"/> writes (given the member's position), and unknown ids skipped, which
    /// is what makes data of removed members readable.
    /// </summary>
    public static void EmitMapRead(SourceWriter writer, IReadOnlyList<int> ids, System.Action<int> emitCase)
    {
        writer.Line("int count = reader.ReadMapHeader();");
        writer.Line("for (int i = 0; i < count; i++)").Open();
        writer.Line("switch (reader.ReadInt32())").Open();
        for (int position = 0; position < ids.Count; position++)
        {
            writer.Line($"case {EmitHelpers.Int(ids[position])}:").Indent();
            emitCase(position);
            writer.Line("break;");
            writer.Outdent();
        }

        writer.Line("default:").Indent();
        writer.Line("reader.Skip();");
        writer.Line("break;");
        writer.Outdent();
        writer.Close();
        writer.Close();
    }

    /// <summary>The name of the static serializer field of a member: <c>CountsSerializer</c>.</summary>
    public static string FieldName(string memberSchemaName) => memberSchemaName + "Serializer";

    /// <summary>
    /// The static field holding the member's serializer, typed exactly as the member. Composers return
    /// <c>IStateSerializer&lt;List&lt;T&gt;?&gt;</c>; the <c>!</c> drops that nullability so reads assign without warnings.
    /// </summary>
    public static string FieldDeclaration(TypeModel type, string fieldName)
        => $"private static readonly {SerializerInterface}<{type.FullName}> {fieldName} = {Composer(type)}!;";

    /// <summary>An expression building the serializer of <paramref name="type"/> from <c>StateSerializers</c>' composers.</summary>
    public static string Composer(TypeModel type) => type.Kind switch
    {
        TypeModelKind.Primitive or TypeModelKind.String or TypeModelKind.BuiltIn => $"{Serializers}.For<{type.FullName}>()",
        TypeModelKind.Enum => $"{Serializers}.ForEnum<{type.FullName}>()",
        TypeModelKind.Nullable => Compose("ForNullable", type),
        TypeModelKind.Array => Compose("ForArray", type),
        TypeModelKind.List => Compose("ForList", type),
        TypeModelKind.Dictionary => Compose("ForDictionary", type),
        TypeModelKind.HashSet => Compose("ForHashSet", type),
        TypeModelKind.Queue => Compose("ForQueue", type),
        TypeModelKind.ImmutableArray => Compose("ForImmutableArray", type),
        TypeModelKind.ImmutableList => Compose("ForImmutableList", type),
        TypeModelKind.ImmutableHashSet => Compose("ForImmutableHashSet", type),
        TypeModelKind.ImmutableDictionary => Compose("ForImmutableDictionary", type),
        TypeModelKind.Tuple => Compose("ForTuple", type),
        TypeModelKind.SnapshotType => type.SerializerName + ".Instance",
        _ => throw new System.ArgumentOutOfRangeException(nameof(type), type.Kind, "Unknown type kind."),
    };

    /// <summary>A statement writing <paramref name="value"/>.</summary>
    public static string Write(TypeModel type, string value, string fieldName)
        => IsDirect(type) ? $"writer.Write({value});" : $"{SerializerOf(type, fieldName)}.Serialize(ref writer, {value});";

    /// <summary>An expression reading one value of <paramref name="type"/>.</summary>
    public static string Read(TypeModel type, string fieldName)
    {
        // A [SnapshotType] class's serializer reads T?: a member declared non-nullable takes it as written.
        if (type.Kind == TypeModelKind.SnapshotType)
        {
            return $"{SerializerOf(type, fieldName)}.Deserialize(ref reader){NonNullable(type)}";
        }

        if (!IsDirect(type))
        {
            return $"{fieldName}.Deserialize(ref reader)";
        }

        string method = type.Keyword switch
        {
            "bool" => "ReadBoolean",
            "byte" => "ReadByte",
            "sbyte" => "ReadSByte",
            "short" => "ReadInt16",
            "ushort" => "ReadUInt16",
            "int" => "ReadInt32",
            "uint" => "ReadUInt32",
            "long" => "ReadInt64",
            "ulong" => "ReadUInt64",
            "float" => "ReadSingle",
            "double" => "ReadDouble",
            "char" => "ReadChar",
            _ => "ReadString",
        };

        // ReadString returns string?: a non-nullable string member takes it as written.
        return $"reader.{method}(){(type.Kind == TypeModelKind.String ? NonNullable(type) : string.Empty)}";
    }

    /// <summary><c>!</c> when the member's type is not annotated nullable.</summary>
    private static string NonNullable(TypeModel type) => type.FullName.EndsWith("?", System.StringComparison.Ordinal) ? string.Empty : "!";

    /// <summary>The expression of the serializer of a non-direct member: the field, or a snapshot type's serializer instance.</summary>
    private static string SerializerOf(TypeModel type, string fieldName)
        => type.Kind == TypeModelKind.SnapshotType ? type.SerializerName + ".Instance" : fieldName;

    private static string Compose(string method, TypeModel type)
    {
        var builder = new System.Text.StringBuilder(Serializers).Append('.').Append(method).Append('(');
        for (int i = 0; i < type.Elements.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(Composer(type.Elements[i]));
        }

        return builder.Append(')').ToString();
    }
}
