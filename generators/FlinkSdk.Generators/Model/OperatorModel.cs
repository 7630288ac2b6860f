namespace FlinkSdk.Generators.Model;

/// <summary>A <c>[StatefulOperator]</c> class to generate state glue for.</summary>
/// <param name="HintName">The generated file's name: <c>Ns.Outer.Type.g.cs</c>.</param>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="ContainingTypes">Containing types, outermost first.</param>
/// <param name="Name">The class name (escaped if it is a keyword).</param>
/// <param name="DisplayName">The class's full name without <c>global::</c>, for messages.</param>
/// <param name="Scope">Where the state members live: decided by the base type (or, for rich functions, by the stream).</param>
/// <param name="Members">The state members, sorted by id.</param>
/// <param name="BeforeSnapshot">Methods marked <c>[BeforeSnapshot]</c>, in declaration order.</param>
/// <param name="OnCheckpointComplete">Methods marked <c>[OnCheckpointComplete]</c>, in declaration order.</param>
/// <param name="OnCheckpointAborted">Methods marked <c>[OnCheckpointAborted]</c>, in declaration order.</param>
internal sealed record OperatorModel(
    string HintName,
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string DisplayName,
    StateScope Scope,
    EquatableArray<StateMemberModel> Members,
    EquatableArray<CallbackModel> BeforeSnapshot,
    EquatableArray<CallbackModel> OnCheckpointComplete,
    EquatableArray<CallbackModel> OnCheckpointAborted);
