namespace FlinkSdk.Generators.Model;

/// <summary>A type that contains the generated one, re-declared partial around it.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name (escaped if it is a keyword).</param>
internal sealed record ContainingTypeModel(string Keyword, string Name);
