namespace FlinkSdk.Generators.Model;

/// <summary>How a deserialized <c>[Key(id)]</c> member value gets into the new object.</summary>
internal enum SnapshotMemberAssignment
{
    /// <summary>Assigned after construction (a settable field or property).</summary>
    Set,

    /// <summary>Set in the object initializer (an init-only property).</summary>
    Init,

    /// <summary>Passed to the constructor.</summary>
    Constructor,
}

/// <summary>A <c>[Key(id)]</c> member of a <c>[SnapshotType]</c> type.</summary>
/// <param name="Id">The member's id in the map.</param>
/// <param name="Name">The member's name as written in C# (escaped if it is a keyword).</param>
/// <param name="Type">The member's type.</param>
/// <param name="Assignment">How the read value reaches the object.</param>
internal sealed record SnapshotMemberModel(int Id, string Name, TypeModel Type, SnapshotMemberAssignment Assignment);
