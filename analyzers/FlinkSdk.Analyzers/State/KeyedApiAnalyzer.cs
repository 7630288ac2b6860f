using System.Collections.Immutable;
using FlinkSdk.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FlinkSdk.Analyzers.State;

/// <summary>
/// Reports keyed-only APIs (keyed state through <c>IRuntimeContext.GetState</c>, timer registration and deletion
/// through <c>ITimerService</c>) used inside an operator that runs on a non-keyed stream, where the runtime
/// throws "Keyed state can only be used on a 'keyed stream'".
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyedApiAnalyzer : DiagnosticAnalyzer
{
    private const string RuntimeContext = "FlinkSdk.DataStream.IRuntimeContext";
    private const string TimerService = "FlinkSdk.DataStream.ITimerService";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(StateDescriptors.KeyedApiInNonKeyedOperator);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var runtimeContext = start.Compilation.GetTypeByMetadataName(RuntimeContext);
            var timerService = start.Compilation.GetTypeByMetadataName(TimerService);
            if (runtimeContext is null || timerService is null)
            {
                return;
            }

            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    var method = invocation.TargetMethod;
                    bool keyedOnly = SymbolEqualityComparer.Default.Equals(method.ContainingType, runtimeContext)
                        ? method.Name == "GetState"
                        : SymbolEqualityComparer.Default.Equals(method.ContainingType, timerService)
                            && (method.Name.StartsWith("Register", System.StringComparison.Ordinal) || method.Name.StartsWith("Delete", System.StringComparison.Ordinal));
                    if (!keyedOnly || operation.ContainingSymbol.ContainingType is not { } type)
                    {
                        return;
                    }

                    // Lambdas and local functions count as code of the operator that declares them.
                    if (OperatorBases.IsKeyed(type) || OperatorBases.NonKeyedBase(type) is not { } nonKeyedBase)
                    {
                        return;
                    }

                    operation.ReportDiagnostic(Diagnostic.Create(
                        StateDescriptors.KeyedApiInNonKeyedOperator,
                        CallLocations.FromName(invocation),
                        method.ContainingType.Name + "." + method.Name,
                        type.Name,
                        nonKeyedBase));
                },
                OperationKind.Invocation);
        });
    }
}
