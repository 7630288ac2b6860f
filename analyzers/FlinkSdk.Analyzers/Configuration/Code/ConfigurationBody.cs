using System;
using System.Collections.Generic;
using FlinkSdk.Analyzers.Diagnostics;
using FlinkSdk.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace FlinkSdk.Analyzers.Configuration.Code;

/// <summary>
/// Collects the configuration writes of one method body (operation block) and, at its end, evaluates them per
/// configuration object. Writes whose object is unknown, or that run only on some paths, still get the checks
/// of their own option (a setter that rejects its value throws on every path that runs it).
/// </summary>
internal sealed class ConfigurationBody
{
    private readonly SurfaceSymbols _surface;
    private readonly object _gate = new();
    private readonly List<IOperation> _writes = new();
    private readonly Dictionary<ILocalSymbol, List<IOperation?>> _localWrites = new(SymbolEqualityComparer.Default);
    private Location? _iteration;
    private Location? _customPartitioner;

    public ConfigurationBody(SurfaceSymbols surface) => _surface = surface;

    public void OnAssignment(IOperation operation)
    {
        var assignment = (ISimpleAssignmentOperation)operation;
        switch (assignment.Target)
        {
            case IPropertyReferenceOperation property when _surface.Property(property.Property) is not null:
                Add(assignment);
                break;
            case ILocalReferenceOperation local when _surface.IsHolder(local.Type):
                AddLocalWrite(local.Local, assignment.Value);
                break;
        }
    }

    public void OnReadModifyWrite(IOperation operation)
    {
        var target = operation switch
        {
            ICompoundAssignmentOperation compound => compound.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            ICoalesceAssignmentOperation coalesce => coalesce.Target,
            _ => null,
        };
        if (target is IPropertyReferenceOperation property && _surface.Property(property.Property) is not null)
        {
            Add(operation);
        }
        else if (target is ILocalReferenceOperation local && _surface.IsHolder(local.Type))
        {
            AddLocalWrite(local.Local, null);
        }
    }

    public void OnDeclarator(IOperation operation)
    {
        var declarator = (IVariableDeclaratorOperation)operation;
        if (_surface.IsHolder(declarator.Symbol.Type) && declarator.Initializer is { } initializer)
        {
            AddLocalWrite(declarator.Symbol, initializer.Value);
        }
    }

    public void OnInvocation(IOperation operation)
    {
        var invocation = (IInvocationOperation)operation;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref
                && (argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value) is ILocalReferenceOperation local
                && _surface.IsHolder(local.Type))
            {
                AddLocalWrite(local.Local, null);
            }
        }

        if (_surface.Method(invocation.TargetMethod) is not null)
        {
            Add(invocation);
            return;
        }

        string name = invocation.TargetMethod.Name;
        if ((name == "Iterate" || name == "PartitionCustom") && IsDataStreamCall(invocation))
        {
            lock (_gate)
            {
                if (name == "Iterate")
                {
                    _iteration ??= CallLocations.FromName(invocation);
                }
                else
                {
                    _customPartitioner ??= CallLocations.FromName(invocation);
                }
            }
        }
    }

    public void Report(Action<Diagnostic> report)
    {
        List<IOperation> operations;
        lock (_gate)
        {
            if (_writes.Count == 0)
            {
                return;
            }

            operations = new List<IOperation>(_writes);
        }

        operations.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
        var resolver = new RootResolver(_surface, _localWrites);
        var shape = new JobShape(_iteration, _customPartitioner);
        var problems = new List<LocatedProblem>();
        foreach (var operation in operations)
        {
            var (receiver, events) = Describe(operation, problems);
            var root = resolver.Resolve(receiver);
            bool certain = root is not null && ExecutionPaths.RunsWhenever(operation, root.Anchor);
            if (root is not null)
            {
                root.CheckpointConfigExpression ??= CheckpointConfigExpression(receiver);
            }

            foreach (var (write, externalLoad) in events)
            {
                if (certain)
                {
                    root!.Events.Add((operation.Syntax.SpanStart, write, externalLoad));
                    continue;
                }

                if (write is null)
                {
                    // A load that may happen is as good as one that does: nothing written before it is certain.
                    root?.Events.Add((operation.Syntax.SpanStart, null, externalLoad));
                    continue;
                }

                root?.Events.Add((operation.Syntax.SpanStart, OptionWrite.Unknown(write.Option, write.Location, write.Kind), null));
                if (write.IsKnown)
                {
                    // Checks of this one option hold on every path that runs the write.
                    foreach (var diagnostic in ConfigurationEvaluator.Evaluate(new[] { write }, isComplete: false, JobShape.None, write.Location))
                    {
                        report(diagnostic);
                    }
                }
            }
        }

        foreach (var problem in problems)
        {
            report(ConfigurationDescriptors.ToDiagnostic(problem.Problem, problem.Location, null, null));
        }

        foreach (var root in resolver.Roots)
        {
            if (root.Events.Count == 0)
            {
                continue;
            }

            var writes = root.Writes(out bool isComplete);
            foreach (var diagnostic in ConfigurationEvaluator.Evaluate(writes, isComplete, shape, root.Location, root.CheckpointConfigExpression))
            {
                report(diagnostic);
            }
        }
    }

    /// <summary>The receiver a write goes through, and what it writes.</summary>
    private (IOperation? Receiver, List<(OptionWrite? Write, Location? ExternalLoad)> Events) Describe(IOperation operation, List<LocatedProblem> problems)
    {
        var events = new List<(OptionWrite?, Location?)>();
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
            {
                var mapping = _surface.Property(property.Property)!;
                var location = assignment.Value.Syntax.GetLocation();
                events.Add((Evaluate(mapping.Option, assignment.Value, mapping.Convert, location, WriteKind.Assignment), null));
                return (property.Instance, events);
            }

            case IInvocationOperation invocation:
                return (invocation.Instance, DescribeCall(invocation, _surface.Method(invocation.TargetMethod)!, problems));
            default:
            {
                // x.Property += …, x.Property++, x.Property ??= …: the new value is not a constant.
                var property = (IPropertyReferenceOperation)(operation switch
                {
                    ICompoundAssignmentOperation compound => compound.Target,
                    IIncrementOrDecrementOperation increment => increment.Target,
                    _ => ((ICoalesceAssignmentOperation)operation).Target,
                });
                var mapping = _surface.Property(property.Property)!;
                events.Add((OptionWrite.Unknown(mapping.Option, operation.Syntax.GetLocation(), WriteKind.Assignment), null));
                return (property.Instance, events);
            }
        }
    }

    private static List<(OptionWrite? Write, Location? ExternalLoad)> DescribeCall(IInvocationOperation invocation, MethodMapping mapping, List<LocatedProblem> problems)
    {
        var events = new List<(OptionWrite?, Location?)>();
        switch (mapping.Role)
        {
            case MethodRole.LoadsExternal:
                events.Add((null, CallLocations.FromName(invocation)));
                break;
            case MethodRole.SetByKey:
                DescribeSetByKey(invocation, events, problems);
                break;
            default:
                foreach (var (parameter, option) in mapping.Arguments)
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Name == parameter)
                        {
                            bool omitted = argument.ArgumentKind == ArgumentKind.DefaultValue;
                            var location = omitted ? CallLocations.FromName(invocation) : argument.Value.Syntax.GetLocation();
                            events.Add((Evaluate(option, argument.Value, null, location, omitted ? WriteKind.Call : WriteKind.Argument), null));
                        }
                    }
                }

                foreach (var (option, value) in mapping.FixedWrites)
                {
                    events.Add((OptionWrite.Known(option, value, CallLocations.FromName(invocation), WriteKind.Call), null));
                }

                break;
        }

        return events;
    }

    /// <summary><c>config.Set("key", "value")</c>: the runtime's own key resolution and parsing, so the problems and values are the runtime's.</summary>
    private static void DescribeSetByKey(IInvocationOperation invocation, List<(OptionWrite?, Location?)> events, List<LocatedProblem> problems)
    {
        IArgumentOperation? keyArgument = null;
        IArgumentOperation? valueArgument = null;
        foreach (var argument in invocation.Arguments)
        {
            keyArgument = argument.Parameter?.Name == "key" ? argument : keyArgument;
            valueArgument = argument.Parameter?.Name == "value" ? argument : valueArgument;
        }

        if (keyArgument is null || valueArgument is null
            || !ConstantEvaluator.TryEvaluate(keyArgument.Value, out object? keyValue) || keyValue is not string key)
        {
            // Any option may change.
            events.Add((null, CallLocations.FromName(invocation)));
            return;
        }

        var keyLocation = keyArgument.Value.Syntax.GetLocation();
        var valueLocation = valueArgument.Value.Syntax.GetLocation();
        if (!ConstantEvaluator.TryEvaluate(valueArgument.Value, out object? value) || value is not (null or string))
        {
            // The key is still checked; the option's value is unknown.
            if (FlinkOptions.Find(key) is not { } option)
            {
                problems.Add(new LocatedProblem(LoadProblems.UnknownKey(key, null), keyLocation));
                return;
            }

            if (key != option.Key)
            {
                problems.Add(new LocatedProblem(LoadProblems.DeprecatedKey(key, option, null), keyLocation));
            }

            events.Add((OptionWrite.Unknown(option, valueLocation, WriteKind.Argument), null));
            return;
        }

        var ownProblems = new List<LocatedProblem>();
        var entry = new RawEntry(key, (string?)value, keyLocation, valueLocation, "code");
        foreach (var write in SettingsLoader.Load("code", new[] { entry }, everyKeyMustBeKnown: true, WriteKind.Argument, ownProblems))
        {
            events.Add((write, null));
        }

        // Set throws on an error, and then keeps no warning of that call, as the runtime does.
        bool throws = ownProblems.Exists(p => p.Problem.Severity == ProblemSeverity.Error);
        problems.AddRange(throws ? ownProblems.FindAll(p => p.Problem.Severity == ProblemSeverity.Error) : ownProblems);
    }

    private static OptionWrite Evaluate(OptionDescriptor option, IOperation value, Func<object?, object?>? convert, Location location, WriteKind kind)
    {
        if (ConstantEvaluator.TryEvaluate(value, out object? csValue))
        {
            object? converted = null;
            bool ok = convert is not null
                ? OptionValueConverter.TryConvert(option, convert(csValue), out converted)
                : OptionValueConverter.TryConvert(option, csValue, out converted);
            if (ok)
            {
                return OptionWrite.Known(option, converted, location, kind);
            }
        }

        return OptionWrite.Unknown(option, location, kind);
    }

    private void Add(IOperation operation)
    {
        lock (_gate)
        {
            _writes.Add(operation);
        }
    }

    private void AddLocalWrite(ILocalSymbol local, IOperation? value)
    {
        lock (_gate)
        {
            if (!_localWrites.TryGetValue(local, out var writes))
            {
                _localWrites[local] = writes = new List<IOperation?>();
            }

            writes.Add(value);
        }
    }

    /// <summary>
    /// The receiver as an expression for its configuration's <c>CheckpointConfig</c>, when it is a plain name or
    /// member chain (evaluating it again has no side effect): <c>env</c> gives <c>env.CheckpointConfig</c>.
    /// </summary>
    private string? CheckpointConfigExpression(IOperation? receiver)
    {
        while (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        if (receiver is null || !IsPlainChain(receiver.Syntax) || receiver.Type is not INamedTypeSymbol type || !_surface.IsHolder(type))
        {
            return null;
        }

        string text = receiver.Syntax.ToString();
        return type.Name switch
        {
            "CheckpointConfig" => text,
            "StreamExecutionEnvironment" => text + ".CheckpointConfig",
            "FlinkConfiguration" => text + ".Checkpointing",
            _ => text + ".Owner.Checkpointing",
        };
    }

    private static bool IsPlainChain(SyntaxNode syntax) => syntax switch
    {
        IdentifierNameSyntax or ThisExpressionSyntax => true,
        MemberAccessExpressionSyntax member => member.Name is IdentifierNameSyntax && IsPlainChain(member.Expression),
        _ => false,
    };

    /// <summary>Whether the call is made on a DataStream API type (the receiver of an extension method counts).</summary>
    private static bool IsDataStreamCall(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance?.Type
            ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.Type : null);
        return receiver?.OriginalDefinition.ContainingNamespace?.ToDisplayString() == KnownTypes.DataStreamNamespace;
    }
}
