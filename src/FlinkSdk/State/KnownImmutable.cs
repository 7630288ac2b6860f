namespace FlinkSdk.State;

/// <summary>Whether stored values of <typeparamref name="T"/> can never change in place, decided once per type.</summary>
internal static class KnownImmutable<T>
{
    // A struct without references is copied whole into the snapshot arrays: nothing outside can reach the copy.
    public static readonly bool Value = !System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>() || KnownImmutable.Is(typeof(T));
}

/// <summary>Types whose values cannot be changed in place: a checkpoint may share them instead of copying.</summary>
internal static class KnownImmutable
{
    public static bool Is(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) ||
            type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Is(underlying);
        }

        // Value tuples of immutable items are copied by value.
        return type.IsValueType && type.IsGenericType && type.FullName is { } name && name.StartsWith("System.ValueTuple`", StringComparison.Ordinal) &&
            type.GetGenericArguments().All(Is);
    }
}
