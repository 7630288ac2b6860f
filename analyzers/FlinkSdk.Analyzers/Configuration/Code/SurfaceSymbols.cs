using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Configuration.Code;

/// <summary>The configuration surface resolved against one compilation.</summary>
internal sealed class SurfaceSymbols
{
    private readonly HashSet<INamedTypeSymbol> _holders;
    private readonly Dictionary<IPropertySymbol, PropertyMapping> _properties;
    private readonly Dictionary<IMethodSymbol, MethodMapping> _methods;

    private SurfaceSymbols(
        INamedTypeSymbol environment,
        INamedTypeSymbol configuration,
        HashSet<INamedTypeSymbol> holders,
        Dictionary<IPropertySymbol, PropertyMapping> properties,
        Dictionary<IMethodSymbol, MethodMapping> methods)
    {
        Environment = environment;
        Configuration = configuration;
        _holders = holders;
        _properties = properties;
        _methods = methods;
    }

    public INamedTypeSymbol Environment { get; }

    public INamedTypeSymbol Configuration { get; }

    /// <summary>Resolves the surface, or <see langword="null"/> when the compilation does not reference FlinkSdk.</summary>
    public static SurfaceSymbols? TryCreate(Compilation compilation)
    {
        var holders = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (string name in KnownTypes.ConfigurationHolders)
        {
            if (compilation.GetTypeByMetadataName(name) is not { } type)
            {
                return null;
            }

            holders.Add(type);
        }

        var properties = new Dictionary<IPropertySymbol, PropertyMapping>(SymbolEqualityComparer.Default);
        foreach (var mapping in ConfigurationSurface.Properties)
        {
            foreach (var member in compilation.GetTypeByMetadataName(mapping.Type)!.GetMembers(mapping.Property))
            {
                if (member is IPropertySymbol { SetMethod: not null } property)
                {
                    properties[property] = mapping;
                }
            }
        }

        var methods = new Dictionary<IMethodSymbol, MethodMapping>(SymbolEqualityComparer.Default);
        foreach (var mapping in ConfigurationSurface.Methods)
        {
            foreach (var member in compilation.GetTypeByMetadataName(mapping.Type)!.GetMembers(mapping.Method))
            {
                if (member is IMethodSymbol method)
                {
                    methods[method] = mapping;
                }
            }
        }

        return new SurfaceSymbols(
            compilation.GetTypeByMetadataName(KnownTypes.StreamExecutionEnvironment)!,
            compilation.GetTypeByMetadataName(KnownTypes.FlinkConfiguration)!,
            holders,
            properties,
            methods);
    }

    /// <summary>Whether values of the type hold or view a configuration.</summary>
    public bool IsHolder(ITypeSymbol? type) => type is INamedTypeSymbol named && _holders.Contains(named);

    public PropertyMapping? Property(IPropertySymbol property) =>
        _properties.TryGetValue(property.OriginalDefinition, out var mapping) ? mapping : null;

    public MethodMapping? Method(IMethodSymbol method) =>
        _methods.TryGetValue(method.OriginalDefinition, out var mapping) ? mapping : null;
}
