using FlinkSdk.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.State;

/// <summary>The operator bases annotated state works in, by metadata name, and which of them run keyed.</summary>
internal static class OperatorBases
{
    public const string KeyedProcessFunction = "FlinkSdk.DataStream.KeyedProcessFunction`3";

    /// <summary>Base classes of operators that never run on a keyed stream.</summary>
    public static readonly string[] NonKeyedClasses =
    {
        "FlinkSdk.DataStream.ProcessFunction`2",
    };

    /// <summary>Interfaces of sources and sinks, which never run on a keyed stream.</summary>
    public static readonly string[] NonKeyedInterfaces =
    {
        "FlinkSdk.Connectors.ISourceReader`1",
        "FlinkSdk.Connectors.ISinkWriter`1",
    };

    /// <summary>Rich functions run keyed when applied to a keyed stream (as in Flink), so keyed APIs in them are not flagged.</summary>
    public static readonly string[] KeyedOrNotClasses =
    {
        "FlinkSdk.DataStream.RichMapFunction`2",
        "FlinkSdk.DataStream.RichFlatMapFunction`2",
        "FlinkSdk.DataStream.RichFilterFunction`1",
    };

    /// <summary>For messages: what a stateful operator may derive from.</summary>
    public const string SupportedText =
        "KeyedProcessFunction<TKey, TIn, TOut>, ProcessFunction<TIn, TOut>, RichMapFunction<TIn, TOut>, RichFlatMapFunction<TIn, TOut> " +
        "or RichFilterFunction<T>, or implement ISourceReader<T> or ISinkWriter<T>";

    public static bool IsKeyed(INamedTypeSymbol type) => type.DerivesFrom(KeyedProcessFunction);

    /// <summary>The base the type derives from or implements that never runs keyed (its display name), or <see langword="null"/>.</summary>
    public static string? NonKeyedBase(INamedTypeSymbol type) => BaseClass(type, NonKeyedClasses) ?? Interface(type, NonKeyedInterfaces);

    public static bool IsSupported(INamedTypeSymbol type) => IsKeyed(type) || NonKeyedBase(type) is not null || BaseClass(type, KeyedOrNotClasses) is not null;

    private static string? BaseClass(INamedTypeSymbol type, string[] names)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            foreach (string name in names)
            {
                if (current.OriginalDefinition.IsNamed(name))
                {
                    return current.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                }
            }
        }

        return null;
    }

    private static string? Interface(INamedTypeSymbol type, string[] names)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            foreach (string name in names)
            {
                if (implemented.OriginalDefinition.IsNamed(name))
                {
                    return implemented.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                }
            }
        }

        return null;
    }
}
