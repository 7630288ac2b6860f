using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Diagnostics;

/// <summary>
/// Rules for annotated state (<c>FLK1xxx</c>; the shared configuration table owns <c>FLK0xxx</c>). Each one
/// reports a declaration the source generator silently skips, so state never goes missing without a word.
/// </summary>
internal static class StateDescriptors
{
    public static readonly DiagnosticDescriptor OperatorNotPartial = Create(
        "FLK1001", "A [StatefulOperator] class must be partial",
        "Class '{0}' is marked [StatefulOperator] but {1} not partial, so the source generator cannot add its state code and the state is never checkpointed",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor StateMemberNotWritable = Create(
        "FLK1002", "A [State] member must be a writable instance field or auto-property",
        "'{0}' cannot hold checkpointed state: it is {1}; use a non-readonly instance field or a '{{ get; set; }}' auto-property, because restored values are assigned to it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedStateType = Create(
        "FLK1003", "State member type is not supported",
        "Type '{0}' of '{1}' cannot be checkpointed{2}; supported types are {3}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateId = Create(
        "FLK1004", "Duplicate state id",
        "[{0}({1})] on '{2}' reuses the id of '{3}'; ids must be unique within '{4}', the next free id is {5}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NegativeId = Create(
        "FLK1005", "Negative state id",
        "[{0}({1})] on '{2}' has a negative id; ids must be 0 or greater, the next free id is {3}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingId = Create(
        "FLK1006", "State attribute without an id",
        "[{0}] on '{1}' has no id; give it the next free id, [{0}({2})]",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SnapshotMemberWithoutKey = Create(
        "FLK1007", "[SnapshotType] member without a [Key] id",
        "'{0}' of [SnapshotType] '{1}' has no [Key] id, so it is not serialized and holds its default after a restore; add [Key({2})]",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedOperatorBase = Create(
        "FLK1008", "[StatefulOperator] class does not derive from a supported operator base",
        "Class '{0}' is marked [StatefulOperator] but does not derive from a supported operator base, so its state is never checkpointed; derive from {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor StateOutsideStatefulOperator = Create(
        "FLK1009", "[State] member in a class without [StatefulOperator]",
        "'{0}' is marked [State] but '{1}' is not marked [StatefulOperator], so it is never checkpointed; mark the class [StatefulOperator] and partial",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor KeyedApiInNonKeyedOperator = Create(
        "FLK1010", "Keyed-only API used in a non-keyed operator",
        "'{0}' is only available in keyed operators, but '{1}' derives from '{2}', which runs on a non-keyed stream; key the stream with KeyBy and derive from KeyedProcessFunction, or use operator state (GetListState or [State] members)",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor OperatorCannotBeGenerated = Create(
        "FLK1011", "[StatefulOperator] class cannot get generated state code",
        "Class '{0}' is marked [StatefulOperator] but {1}, so the source generator cannot add its state code",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SnapshotTypeCannotBeGenerated = Create(
        "FLK1012", "[SnapshotType] type cannot get a generated serializer",
        "[SnapshotType] '{0}' gets no serializer because {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidCheckpointCallback = Create(
        "FLK1013", "Checkpoint callback with an unsupported signature",
        "[{0}] method '{1}' is never called: it must be {2}",
        DiagnosticSeverity.Error);

    /// <summary>Every state descriptor, in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        OperatorNotPartial, StateMemberNotWritable, UnsupportedStateType, DuplicateId, NegativeId, MissingId,
        SnapshotMemberWithoutKey, UnsupportedOperatorBase, StateOutsideStatefulOperator, KeyedApiInNonKeyedOperator,
        OperatorCannotBeGenerated, SnapshotTypeCannotBeGenerated, InvalidCheckpointCallback);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
        => new(id, title, message, DiagnosticCategories.State, severity, isEnabledByDefault: true, helpLinkUri: HelpLinks.For(id));
}
