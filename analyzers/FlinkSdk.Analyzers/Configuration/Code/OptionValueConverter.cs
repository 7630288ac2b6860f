using System;
using FlinkSdk.Configuration;

namespace FlinkSdk.Analyzers.Configuration.Code;

/// <summary>Turns an evaluated C# value into the value the runtime stores for an option (the types <c>OptionValueParser</c> produces).</summary>
internal static class OptionValueConverter
{
    /// <summary>Converts <paramref name="value"/>; <see langword="null"/> stays null ("unset").</summary>
    public static bool TryConvert(OptionDescriptor option, object? value, out object? converted)
    {
        converted = null;
        if (value is null)
        {
            return true;
        }

        switch (option.Kind)
        {
            case OptionKind.Boolean when value is bool:
            case OptionKind.Integer when value is int:
            case OptionKind.Long when value is long:
            case OptionKind.String when value is string:
            case OptionKind.Duration when value is TimeSpan:
                converted = value;
                return true;
            case OptionKind.Long when value is int number:
                converted = (long)number;
                return true;
            case OptionKind.Double when value is double or float or int or long:
                converted = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case OptionKind.MemorySize when value is MemoryBytes size:
                converted = size.Bytes;
                return true;
            case OptionKind.Enum when value is EnumMember member:
                // C# names (ExactlyOnce, FixedDelay) name Flink's constants once case, '_' and '-' are ignored.
                return OptionValueParser.TryParse(option, member.Name, out converted, out _);
            default:
                return false;
        }
    }
}
