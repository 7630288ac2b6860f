namespace FlinkSdk.Generators.Model;

/// <summary>A <c>[State(id)]</c> field or auto-property of an operator.</summary>
/// <param name="Id">The member's id in the state map.</param>
/// <param name="Name">The member's name as written in C# (escaped if it is a keyword).</param>
/// <param name="SchemaName">The member's name in the schema (unescaped).</param>
/// <param name="Type">The member's type.</param>
internal sealed record StateMemberModel(int Id, string Name, string SchemaName, TypeModel Type);
