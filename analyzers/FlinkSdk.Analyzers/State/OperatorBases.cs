using FlinkSdk.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.State;

/// <summary>The operator bases annotated state works in, by metadata name, and which of them are keyed.</summary>
internal static class OperatorBases
{
    public const string KeyedProcessFunction = "FlinkSdk.DataStream.KeyedProcessFunction`3";

    /// <summary>Base classes of non-keyed operators: their state is operator state, one value per parallel instance.</summary>
    public static readonly string[] NonKeyedClasses =
    {
        "FlinkSdk.DataStream.ProcessFunction`2",
        "FlinkSdk.DataStream.RichMapFunction`2",
        "FlinkSdk.DataStream.RichFlatMapFunction`2",
        "FlinkSdk.DataStream.RichFilterFunction`1",
    };

    /// <summary>Interfaces of sources and sinks whose implementations may hold annotated state.</summary>
    public static readonly string[] NonKeyedInterfaces =
    {
        "FlinkSdk.Connectors.ISourceReader`1",
        "FlinkSdk.Connectors.ISinkWriter`1",
    };

    /// <summary>For messages: what a stateful operator may derive from.</summary>
    public const string SupportedText =
        "KeyedProcessFunction<TKey, TIn, TOut>, ProcessFunction<TIn, TOut>, RichMapFunction<TIn, TOut>, RichFlatMapFunction<TIn, TOut> " +
        "or RichFilterFunction<T>, or implement ISourceReader<T> or ISinkWriter<T>";

    public static bool IsKeyed(INamedTypeSymbol type) => type.DerivesFrom(KeyedProcessFunction);

    /// <summary>The non-keyed base the type derives from or implements (its display name), or <see langword="null"/>.</summary>
    public static string? NonKeyedBase(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            foreach (string name in NonKeyedClasses)
            {
                if (current.OriginalDefinition.IsNamed(name))
                {
                    return current.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                }
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            foreach (string name in NonKeyedInterfaces)
            {
                if (implemented.OriginalDefinition.IsNamed(name))
                {
                    return implemented.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                }
            }
        }

        return null;
    }

    public static bool IsSupported(INamedTypeSymbol type) => IsKeyed(type) || NonKeyedBase(type) is not null;
}
