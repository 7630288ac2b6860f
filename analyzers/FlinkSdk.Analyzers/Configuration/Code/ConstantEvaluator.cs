using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace FlinkSdk.Analyzers.Configuration.Code;

/// <summary>An enum constant, by member name (<c>ExactlyOnce</c>).</summary>
internal sealed class EnumMember
{
    public EnumMember(string name) => Name = name;

    public string Name { get; }
}

/// <summary>A <c>MemorySize</c> constant, in bytes.</summary>
internal sealed class MemoryBytes
{
    public MemoryBytes(long bytes) => Bytes = bytes;

    public long Bytes { get; }
}

/// <summary>
/// Evaluates the values configuration code is written with: C# constants (literals, <c>const</c> fields, constant
/// expressions), enum members, <c>null</c>, <c>TimeSpan</c> factories, constructors and arithmetic, and
/// <c>MemorySize</c> constructors, factories and <c>Parse</c>. Anything else is unknown, so no rule guesses.
/// </summary>
internal static class ConstantEvaluator
{
    /// <summary>Evaluates <paramref name="operation"/> to null, bool, int, long, double, string, <see cref="TimeSpan"/>, <see cref="EnumMember"/> or <see cref="MemoryBytes"/>.</summary>
    public static bool TryEvaluate(IOperation operation, out object? value)
    {
        value = null;
        if (operation.ConstantValue.HasValue)
        {
            value = operation.ConstantValue.Value;
            if (value is not null && operation.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                return TryEnumMember(enumType, value, out value);
            }

            return true;
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return TryConvert(conversion, out value);
            case IDefaultValueOperation { Type: { } type }:
                return TryDefault(type, out value);
            case IFieldReferenceOperation { Instance: null } field when IsTimeSpan(field.Field.ContainingType):
                return TryTimeSpanField(field.Field.Name, out value);
            case IInvocationOperation { Instance: null } invocation when IsTimeSpan(invocation.TargetMethod.ContainingType):
                return TryTimeSpanFactory(invocation, out value);
            case IObjectCreationOperation creation when IsTimeSpan(creation.Type):
                return TryTimeSpanFromArguments(creation.Arguments, null, out value);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } negation when IsTimeSpan(negation.Type):
                if (TryEvaluate(negation.Operand, out object? operand) && operand is TimeSpan positive && positive != TimeSpan.MinValue)
                {
                    value = positive.Negate();
                    return true;
                }

                return false;
            case IBinaryOperation binary when IsTimeSpan(binary.Type):
                return TryTimeSpanArithmetic(binary, out value);
            case IObjectCreationOperation creation when IsMemorySize(creation.Type):
                return TryMemorySize(creation.Arguments, 1, out value);
            case IInvocationOperation { Instance: null } invocation when IsMemorySize(invocation.TargetMethod.ContainingType):
                return TryMemorySizeFactory(invocation, out value);
            default:
                return false;
        }
    }

    private static bool TryConvert(IConversionOperation conversion, out object? value)
    {
        if (!TryEvaluate(conversion.Operand, out value))
        {
            return false;
        }

        if (value is null || conversion.Type is not { } target)
        {
            return true;
        }

        // Nullable<T> wraps the value unchanged; numeric conversions change its representation.
        var underlying = target.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && target is INamedTypeSymbol { TypeArguments.Length: 1 } nullable
            ? nullable.TypeArguments[0]
            : target;
        try
        {
            switch (underlying.SpecialType)
            {
                case SpecialType.System_Int32 when value is IConvertible:
                    value = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
                    return true;
                case SpecialType.System_Int64 when value is IConvertible:
                    value = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                    return true;
                case SpecialType.System_Double when value is IConvertible:
                    value = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                    return true;
                default:
                    return true;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool TryDefault(ITypeSymbol type, out object? value)
    {
        value = null;
        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T || type.IsReferenceType)
        {
            return true;
        }

        if (IsTimeSpan(type))
        {
            value = TimeSpan.Zero;
            return true;
        }

        return false;
    }

    private static bool TryEnumMember(INamedTypeSymbol enumType, object constant, out object? value)
    {
        foreach (var member in enumType.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, constant))
            {
                value = new EnumMember(field.Name);
                return true;
            }
        }

        // A cast of a number that names no member: the runtime rejects it, but that is not a configuration rule.
        value = null;
        return false;
    }

    private static bool TryTimeSpanField(string name, out object? value)
    {
        value = name switch
        {
            "Zero" => TimeSpan.Zero,
            "MaxValue" => TimeSpan.MaxValue,
            "MinValue" => TimeSpan.MinValue,
            _ => null,
        };
        return value is not null;
    }

    private static bool TryTimeSpanFactory(IInvocationOperation invocation, out object? value)
    {
        value = null;
        long? unit = invocation.TargetMethod.Name switch
        {
            "FromDays" => TimeSpan.TicksPerDay,
            "FromHours" => TimeSpan.TicksPerHour,
            "FromMinutes" => TimeSpan.TicksPerMinute,
            "FromSeconds" => TimeSpan.TicksPerSecond,
            "FromMilliseconds" => TimeSpan.TicksPerMillisecond,
            "FromMicroseconds" => 10,
            "FromTicks" => 1,
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        // The double overloads take one 'value' in the method's unit; the integer overloads (.NET 9+) name each unit.
        if (invocation.Arguments.Length == 1 && invocation.Arguments[0].Parameter?.Name == "value")
        {
            if (!TryEvaluate(invocation.Arguments[0].Value, out object? amount) || amount is not IConvertible)
            {
                return false;
            }

            double ticks = Convert.ToDouble(amount, System.Globalization.CultureInfo.InvariantCulture) * unit.Value;
            if (double.IsNaN(ticks) || ticks >= long.MaxValue || ticks <= long.MinValue)
            {
                return false;
            }

            value = new TimeSpan((long)ticks);
            return true;
        }

        return TryTimeSpanFromArguments(invocation.Arguments, unit, out value);
    }

    /// <summary>Sums arguments by their parameter's unit (<c>days</c>, <c>hours</c>, …, <c>ticks</c>), as TimeSpan's constructors and integer factories do.</summary>
    private static bool TryTimeSpanFromArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, long? unitOfFirst, out object? value)
    {
        value = null;
        decimal ticks = 0;
        foreach (var argument in arguments)
        {
            long? unit = argument.Parameter?.Name switch
            {
                "days" => TimeSpan.TicksPerDay,
                "hours" => TimeSpan.TicksPerHour,
                "minutes" => TimeSpan.TicksPerMinute,
                "seconds" => TimeSpan.TicksPerSecond,
                "milliseconds" => TimeSpan.TicksPerMillisecond,
                "microseconds" => 10,
                "ticks" => 1,
                _ => unitOfFirst,
            };
            if (unit is null || !TryEvaluate(argument.Value, out object? amount) || amount is not (int or long))
            {
                return false;
            }

            ticks += Convert.ToDecimal(amount, System.Globalization.CultureInfo.InvariantCulture) * unit.Value;
        }

        if (ticks > long.MaxValue || ticks < long.MinValue)
        {
            return false;
        }

        value = new TimeSpan((long)ticks);
        return true;
    }

    private static bool TryTimeSpanArithmetic(IBinaryOperation binary, out object? value)
    {
        value = null;
        if (!TryEvaluate(binary.LeftOperand, out object? left) || !TryEvaluate(binary.RightOperand, out object? right))
        {
            return false;
        }

        try
        {
            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.Add when left is TimeSpan a && right is TimeSpan b:
                    value = a + b;
                    return true;
                case BinaryOperatorKind.Subtract when left is TimeSpan a && right is TimeSpan b:
                    value = a - b;
                    return true;
                default:
                    return false;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool TryMemorySizeFactory(IInvocationOperation invocation, out object? value)
    {
        value = null;
        switch (invocation.TargetMethod.Name)
        {
            case "FromKibibytes":
                return TryMemorySize(invocation.Arguments, 1024, out value);
            case "FromMebibytes":
                return TryMemorySize(invocation.Arguments, 1024 * 1024, out value);
            case "Parse" when invocation.Arguments.Length == 1
                && TryEvaluate(invocation.Arguments[0].Value, out object? text) && text is string s
                && FlinkSdk.Configuration.MemorySizeParser.TryParse(s, out long bytes, out _):
                value = new MemoryBytes(bytes);
                return true;
            default:
                return false;
        }
    }

    private static bool TryMemorySize(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, long multiplier, out object? value)
    {
        value = null;
        if (arguments.Length != 1 || !TryEvaluate(arguments[0].Value, out object? amount) || amount is not (int or long))
        {
            return false;
        }

        long count = Convert.ToInt64(amount, System.Globalization.CultureInfo.InvariantCulture);
        if (count < 0 || count > long.MaxValue / multiplier)
        {
            return false;
        }

        value = new MemoryBytes(count * multiplier);
        return true;
    }

    private static bool IsTimeSpan(ITypeSymbol? type) =>
        type is { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsMemorySize(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "MemorySize" } named && FlinkSdk.Generators.Parsing.SymbolExtensions.MetadataFullName(named) == KnownTypes.MemorySize;
}
