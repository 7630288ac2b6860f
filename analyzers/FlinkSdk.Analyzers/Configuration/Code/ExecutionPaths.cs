using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace FlinkSdk.Analyzers.Configuration.Code;

/// <summary>Whether an operation surely runs once the configuration object it writes exists.</summary>
internal static class ExecutionPaths
{
    /// <summary>
    /// True when no branch, loop, switch arm, catch clause, short-circuit operand, lambda or local function lies
    /// between <paramref name="operation"/> and the construct that also encloses <paramref name="anchor"/>
    /// (with no anchor: the whole body).
    /// </summary>
    public static bool RunsWhenever(IOperation operation, IOperation? anchor)
    {
        var anchorAncestors = new HashSet<IOperation>();
        for (var current = anchor; current is not null; current = current.Parent)
        {
            anchorAncestors.Add(current);
        }

        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (anchorAncestors.Contains(current))
            {
                return true;
            }

            if (IsConditional(current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsConditional(IOperation operation) => operation switch
    {
        IConditionalOperation or ILoopOperation or ISwitchOperation or ISwitchCaseOperation or ISwitchExpressionOperation
            or ISwitchExpressionArmOperation or ICatchClauseOperation or IAnonymousFunctionOperation or ILocalFunctionOperation
            or ICoalesceOperation or ICoalesceAssignmentOperation => true,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } => true,
        _ => false,
    };
}
