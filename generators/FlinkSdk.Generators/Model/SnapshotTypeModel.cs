namespace FlinkSdk.Generators.Model;

/// <summary>A constructor argument of a <c>[SnapshotType]</c> type.</summary>
/// <param name="MemberId">The id of the <c>[Key]</c> member passed, or -1 when no supported member matches (then <c>default</c> is passed).</param>
/// <param name="TypeFullName">The parameter's type, for the <c>default</c> it gets when unmatched.</param>
internal sealed record ConstructorArgumentModel(int MemberId, string TypeFullName);

/// <summary>A <c>[SnapshotType]</c> type to generate a serializer for.</summary>
/// <param name="HintName">The generated file's name: <c>Ns.Order.StateSerializer.g.cs</c>.</param>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="SerializerName">The serializer's simple name: <c>OrderStateSerializer</c>.</param>
/// <param name="TypeFullName">The type's full name with <c>global::</c> (no nullable annotation).</param>
/// <param name="IsValueType">Whether it is a struct (no nil).</param>
/// <param name="UsesConstructor">Whether it is built through a constructor with parameters (else <c>new T()</c>).</param>
/// <param name="ConstructorArguments">The constructor's arguments in order, when <paramref name="UsesConstructor"/>.</param>
/// <param name="Members">The keyed members, sorted by id.</param>
internal sealed record SnapshotTypeModel(
    string HintName,
    string Namespace,
    string SerializerName,
    string TypeFullName,
    bool IsValueType,
    bool UsesConstructor,
    EquatableArray<ConstructorArgumentModel> ConstructorArguments,
    EquatableArray<SnapshotMemberModel> Members);
