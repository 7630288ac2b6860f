using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace FlinkSdk.Analyzers.Diagnostics;

/// <summary>Where a diagnostic about a call goes.</summary>
internal static class CallLocations
{
    /// <summary>The call from its method name on (<c>EnableCheckpointing(…)</c>), not the whole receiver chain before it.</summary>
    public static Location FromName(IInvocationOperation invocation)
    {
        if (invocation.Syntax is InvocationExpressionSyntax call)
        {
            var name = call.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => call.Expression,
            };
            return Location.Create(call.SyntaxTree, TextSpan.FromBounds(name.SpanStart, call.Span.End));
        }

        return invocation.Syntax.GetLocation();
    }
}
