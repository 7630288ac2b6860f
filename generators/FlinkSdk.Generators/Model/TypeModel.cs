namespace FlinkSdk.Generators.Model;

/// <summary>A supported member type, reduced to what the emitters need.</summary>
/// <param name="Kind">How values are written and read.</param>
/// <param name="FullName">The C# name with <c>global::</c> and nullable annotations, e.g. <c>global::System.Collections.Generic.List&lt;string?&gt;</c>.</param>
/// <param name="SchemaName">The name in the state schema: keywords or full names without <c>global::</c> or nullable annotations.</param>
/// <param name="IsImmutable">Whether values are never mutated in place (primitives, strings, immutable collections of such…).</param>
/// <param name="Keyword">For <see cref="TypeModelKind.Primitive"/> and <see cref="TypeModelKind.String"/>: the C# keyword (<c>int</c>).</param>
/// <param name="SerializerName">For <see cref="TypeModelKind.SnapshotType"/>: the full name of its generated serializer.</param>
/// <param name="Elements">Element, key/value or item types, in order.</param>
internal sealed record TypeModel(
    TypeModelKind Kind,
    string FullName,
    string SchemaName,
    bool IsImmutable,
    string? Keyword,
    string? SerializerName,
    EquatableArray<TypeModel> Elements);
