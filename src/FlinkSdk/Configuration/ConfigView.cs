namespace FlinkSdk.Configuration;

/// <summary>A typed view over some options of a <see cref="FlinkConfiguration"/>: reads fall back to Flink's defaults, writes are recorded as set by code.</summary>
public abstract class ConfigView
{
    private protected ConfigView(FlinkConfiguration owner) => Owner = owner;

    /// <summary>The configuration this view reads and writes.</summary>
    public FlinkConfiguration Owner { get; }

    private protected T Get<T>(OptionDescriptor option) => (T)Owner.Get(option)!;

    private protected T? GetOrNull<T>(OptionDescriptor option)
        where T : struct => (T?)Owner.Get(option);

    private protected TEnum GetEnum<TEnum>(OptionDescriptor option)
        where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(((string)Owner.Get(option)!).Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);

    private protected void Set(OptionDescriptor option, object? value) => Owner.SetValue(option, value);

    private protected void SetEnum<TEnum>(OptionDescriptor option, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value) || !OptionValueParser.TryParse(option, value.ToString(), out var canonical, out _))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a valid value for '{option.Key}'; expected {option.ValidValuesText}.");
        }

        Owner.SetValue(option, canonical);
    }

    private protected static void Require(bool condition, object? value, string flinkMessage, string paramName = "value")
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(paramName, value, flinkMessage);
        }
    }
}
