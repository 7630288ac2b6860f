using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Tests.Infrastructure;

/// <summary>An additional file (as MSBuild's <c>AdditionalFiles</c> items give the compiler) held in memory.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
