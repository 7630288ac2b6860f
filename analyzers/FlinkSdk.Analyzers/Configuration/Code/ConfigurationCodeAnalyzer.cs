using System.Collections.Immutable;
using FlinkSdk.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FlinkSdk.Analyzers.Configuration.Code;

/// <summary>
/// Checks configuration written in C#: property assignments on <c>CheckpointConfig</c> and the other views,
/// <c>EnableCheckpointing</c> and the other configuration methods, and <c>FlinkConfiguration.Set(key, value)</c>,
/// with constant values. All writes of one method body to the same configuration object are checked together
/// against every rule of the shared rule table.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigurationCodeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ConfigurationDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (SurfaceSymbols.TryCreate(start.Compilation) is not { } surface)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                var body = new ConfigurationBody(surface);
                block.RegisterOperationAction(operation => body.OnAssignment(operation.Operation), OperationKind.SimpleAssignment);
                block.RegisterOperationAction(
                    operation => body.OnReadModifyWrite(operation.Operation),
                    OperationKind.CompoundAssignment,
                    OperationKind.Increment,
                    OperationKind.Decrement,
                    OperationKind.CoalesceAssignment);
                block.RegisterOperationAction(operation => body.OnInvocation(operation.Operation), OperationKind.Invocation);
                block.RegisterOperationAction(operation => body.OnDeclarator(operation.Operation), OperationKind.VariableDeclarator);
                block.RegisterOperationBlockEndAction(end => body.Report(end.ReportDiagnostic));
            });
        });
    }
}
