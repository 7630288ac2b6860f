namespace FlinkSdk.State;

/// <summary>Names a piece of state; the name is unique within its operator and maps state across job versions.</summary>
public abstract class StateDescriptor
{
    private protected StateDescriptor(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The state's name.</summary>
    public string Name { get; }

    /// <summary>
    /// Describes the layout of the values, stored with the state and compared on restore: entries
    /// <c>id:name:type</c> separated by <c>;</c> (the source generator writes one per annotated member). An id stored
    /// with another type than declared now fails the restore with a <see cref="StateMigrationException"/>; ids only
    /// on one side are fine (added members keep defaults, data of removed ones is skipped). <see langword="null"/>:
    /// not checked.
    /// </summary>
    public string? Schema { get; init; }

    /// <summary>
    /// Whether values are never changed in place once stored (as for numbers, strings and records of them). Then a
    /// checkpoint's synchronous phase shares them with the asynchronous one; otherwise it serializes them at once, so
    /// later mutations never leak into the checkpoint. Types known to be immutable are detected without it.
    /// </summary>
    public bool IsImmutable { get; init; }
}

/// <summary>Describes keyed value state.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="name">The state's name.</param>
/// <param name="defaultValue">What <see cref="IValueState{T}.Value"/> returns for a key without a value.</param>
public sealed class ValueStateDescriptor<T>(string name, T defaultValue = default!) : StateDescriptor(name), Runtime.Operators.IValueStateFactory
{
    object Runtime.Operators.IValueStateFactory.Create<TKey>(HeapKeyedStateBackend<TKey> backend) => backend.GetValueState(this);

    /// <summary>What <see cref="IValueState{T}.Value"/> returns for a key without a value.</summary>
    public T DefaultValue { get; } = defaultValue;

    /// <summary>How values are serialized; <see langword="null"/>: <see cref="Serialization.StateSerializers.For{T}"/>.</summary>
    public Serialization.IStateSerializer<T>? Serializer { get; init; }
}

/// <summary>Describes list state.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="name">The state's name.</param>
public sealed class ListStateDescriptor<T>(string name) : StateDescriptor(name)
{
    /// <summary>How elements are serialized; <see langword="null"/>: <see cref="Serialization.StateSerializers.For{T}"/>.</summary>
    public Serialization.IStateSerializer<T>? Serializer { get; init; }
}

/// <summary>One value per key; reads and writes refer to the current key (Flink's <c>ValueState</c>).</summary>
/// <typeparam name="T">The value type.</typeparam>
public interface IValueState<T>
{
    /// <summary>The current key's value, or the descriptor's default when it has none.</summary>
    T Value { get; set; }

    /// <summary>Whether the current key has a value.</summary>
    bool HasValue { get; }

    /// <summary>Removes the current key's value.</summary>
    void Clear();
}

/// <summary>A list of elements (Flink's <c>ListState</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IListState<T> : IEnumerable<T>
{
    /// <summary>Appends an element.</summary>
    /// <param name="value">The element.</param>
    void Add(T value);

    /// <summary>Replaces all elements.</summary>
    /// <param name="values">The new elements.</param>
    void Update(IEnumerable<T> values);

    /// <summary>Removes all elements.</summary>
    void Clear();
}
