using FlinkSdk.Generators.Emitting;
using FlinkSdk.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlinkSdk.Generators;

/// <summary>
/// Generates checkpoint glue for <c>[StatefulOperator]</c> classes (their <c>[State]</c> members as one MessagePack
/// record in keyed value state or operator list state) and MessagePack serializers for <c>[SnapshotType]</c> types.
/// Invalid input produces no code; FlinkSdk's analyzers report it.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StateGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var operators = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.StatefulOperatorAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type ? OperatorParser.Parse(type, ctx.TargetNode, ct) : null)
            .WithTrackingName(TrackingNames.OperatorModels)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Operators);

        var snapshotTypes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.SnapshotTypeAttribute,
                static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type ? SnapshotTypeParser.Parse(type, ct) : null)
            .WithTrackingName(TrackingNames.SnapshotTypeModels)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.SnapshotTypes);

        context.RegisterSourceOutput(operators, static (spc, model) => spc.AddSource(model.HintName, OperatorEmitter.Emit(model)));
        context.RegisterSourceOutput(snapshotTypes, static (spc, model) => spc.AddSource(model.HintName, SnapshotTypeEmitter.Emit(model)));
    }
}
