using FlinkSdk.Generators.Model;

namespace FlinkSdk.Generators.Emitting;

/// <summary>The C# that writes and reads one member value of a supported type.</summary>
internal static class SerializerCode
{
    public const string Serializers = "global::FlinkSdk.Serialization.StateSerializers";
    public const string SerializerInterface = "global::FlinkSdk.Serialization.IStateSerializer";
    public const string Writer = "global::FlinkSdk.Serialization.MessagePackWriter";
    public const string Reader = "global::FlinkSdk.Serialization.MessagePackReader";

    /// <summary>Whether values are written and read by direct writer/reader calls (primitives and strings), without a serializer field.</summary>
    public static bool IsDirect(TypeModel type) => type.Kind is TypeModelKind.Primitive or TypeModelKind.String;

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
        => IsDirect(type) ? $"writer.Write({value});" : $"{fieldName}.Serialize(ref writer, {value});";

    /// <summary>An expression reading one value of <paramref name="type"/>.</summary>
    public static string Read(TypeModel type, string fieldName)
    {
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
        string suppress = type.Kind == TypeModelKind.String && !type.FullName.EndsWith("?", System.StringComparison.Ordinal) ? "!" : string.Empty;
        return $"reader.{method}(){suppress}";
    }

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
