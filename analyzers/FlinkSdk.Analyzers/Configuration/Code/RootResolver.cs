using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace FlinkSdk.Analyzers.Configuration.Code;

/// <summary>
/// Finds the configuration object an expression refers to: through views (<c>env.CheckpointConfig</c>,
/// <c>config.Checkpointing</c>), fluent calls (<c>env.SetParallelism(2)</c>), <c>StreamExecutionEnvironment.Create(config)</c>,
/// locals assigned once, and object initializers. Anything it cannot follow is unknown (<see langword="null"/>).
/// </summary>
internal sealed class RootResolver
{
    private readonly SurfaceSymbols _surface;
    private readonly Dictionary<ILocalSymbol, List<IOperation?>> _localWrites;
    private readonly Dictionary<object, ConfigurationRoot> _roots = new(new IdentityComparer());

    public RootResolver(SurfaceSymbols surface, Dictionary<ILocalSymbol, List<IOperation?>> localWrites)
    {
        _surface = surface;
        _localWrites = localWrites;
    }

    public IEnumerable<ConfigurationRoot> Roots => _roots.Values;

    public ConfigurationRoot? Resolve(IOperation? operation)
    {
        for (int depth = 0; operation is not null && depth < 64; depth++)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IConditionalAccessInstanceOperation:
                    operation = FindAncestor<IConditionalAccessOperation>(operation)?.Operation;
                    continue;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    operation = InitializedObject(operation);
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance } property when _surface.IsHolder(instance.Type) && _surface.IsHolder(property.Type):
                    // A view of the same configuration: env.CheckpointConfig, config.Checkpointing, view.Owner.
                    operation = property.Instance;
                    continue;
                case IInvocationOperation invocation:
                    if (Follow(invocation) is { } next)
                    {
                        operation = next;
                        continue;
                    }

                    return _surface.IsHolder(invocation.Type) ? Root(invocation, invocation, isComplete: false) : null;
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, _surface.Configuration):
                    return Root(creation, creation, isComplete: creation.Arguments.Length == 0);
                case ILocalReferenceOperation local:
                    if (!_localWrites.TryGetValue(local.Local, out var writes) || writes.Count != 1 || writes[0] is null)
                    {
                        return null;
                    }

                    operation = writes[0];
                    continue;
                case IParameterReferenceOperation parameter when _surface.IsHolder(parameter.Type):
                    return Root(parameter.Parameter, DeclaringFunction(parameter), isComplete: false);
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } field when _surface.IsHolder(field.Type):
                    return Root(field.Field, null, isComplete: false);
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } property when _surface.IsHolder(property.Type):
                    return Root(property.Property, null, isComplete: false);
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The expression an invocation hands back the configuration of, when it returns the same object.</summary>
    private IOperation? Follow(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!method.IsStatic && invocation.Instance is not null && _surface.IsHolder(method.ContainingType) && _surface.IsHolder(method.ReturnType))
        {
            // Fluent configuration calls return their receiver (env.SetParallelism(2), config.Set(k, v)).
            return invocation.Instance;
        }

        if (method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, _surface.Environment) && method.Name == "Create"
            && invocation.Arguments.Length == 1 && SymbolEqualityComparer.Default.Equals(invocation.Arguments[0].Parameter?.Type, _surface.Configuration))
        {
            return invocation.Arguments[0].Value;
        }

        return null;
    }

    private ConfigurationRoot Root(object identity, IOperation? anchor, bool isComplete)
    {
        if (!_roots.TryGetValue(identity, out var root))
        {
            var location = anchor?.Syntax.GetLocation() ?? Location.None;
            root = new ConfigurationRoot(anchor, isComplete, location);
            _roots.Add(identity, root);
        }

        return root;
    }

    /// <summary>The object an implicit receiver in an object initializer refers to.</summary>
    private static IOperation? InitializedObject(IOperation implicitReceiver)
    {
        var initializer = FindAncestor<IObjectOrCollectionInitializerOperation>(implicitReceiver);
        return initializer?.Parent switch
        {
            IMemberInitializerOperation member => member.InitializedMember,
            IObjectCreationOperation creation => creation,
            _ => null,
        };
    }

    private static IOperation? DeclaringFunction(IParameterReferenceOperation parameter)
    {
        for (var current = parameter.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.Parameter.ContainingSymbol))
            {
                return lambda;
            }

            if (current is ILocalFunctionOperation local && SymbolEqualityComparer.Default.Equals(local.Symbol, parameter.Parameter.ContainingSymbol))
            {
                return local;
            }
        }

        return null;
    }

    private static T? FindAncestor<T>(IOperation operation)
        where T : class, IOperation
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Symbols compare as symbols; operations by reference.</summary>
    private sealed class IdentityComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) =>
            x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

        public int GetHashCode(object obj) =>
            obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
