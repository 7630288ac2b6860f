using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlinkSdk.Benchmarks.Generators;

/// <summary>
/// The least an incremental generator keyed on <c>[StatefulOperator]</c> can do: the same
/// <c>ForAttributeWithMetadataName</c> lookup as FlinkSdk's generator, a transform that returns only the class's
/// name, and no output. Its run time is what Roslyn itself charges for finding the operators, the floor under
/// FlinkSdk's generator on the same compilation. Not marked <c>[Generator]</c>: the benchmark drives it directly, and
/// the marker would make this project a compiler extension.
/// </summary>
internal sealed class FloorGenerator : IIncrementalGenerator
{
    /// <summary>The attribute FlinkSdk's generator looks for (the same string: the lookup must cost the same).</summary>
    private const string StatefulOperatorAttribute = "FlinkSdk.State.StatefulOperatorAttribute";

    /// <summary>The tracking name of the transform's step, for checking it saw every operator.</summary>
    public const string NamesStep = "OperatorNames";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
            StatefulOperatorAttribute,
            static (node, _) => node is ClassDeclarationSyntax,
            static (ctx, _) => ctx.TargetSymbol.Name)
            .WithTrackingName(NamesStep);

        // An output that does nothing: without one the driver would not run the pipeline at all.
        context.RegisterSourceOutput(names, static (_, _) => { });
    }
}
