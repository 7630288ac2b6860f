namespace FlinkSdk.Generators.Model;

/// <summary>What a supported member type is, which decides how its values are written and read.</summary>
internal enum TypeModelKind
{
    /// <summary>bool, the integers, float, double, char: direct writer/reader calls.</summary>
    Primitive,

    /// <summary>string: direct writer/reader calls, null as nil.</summary>
    String,

    /// <summary>decimal, DateTime, DateTimeOffset, TimeSpan, Guid, byte[]: <c>StateSerializers.For&lt;T&gt;()</c>.</summary>
    BuiltIn,

    /// <summary>An enum: <c>StateSerializers.ForEnum&lt;T&gt;()</c>.</summary>
    Enum,

    /// <summary><c>Nullable&lt;T&gt;</c>.</summary>
    Nullable,

    /// <summary><c>T[]</c> (other than byte[]).</summary>
    Array,

    /// <summary><c>List&lt;T&gt;</c>.</summary>
    List,

    /// <summary><c>Dictionary&lt;K, V&gt;</c>.</summary>
    Dictionary,

    /// <summary><c>HashSet&lt;T&gt;</c>.</summary>
    HashSet,

    /// <summary><c>Queue&lt;T&gt;</c>.</summary>
    Queue,

    /// <summary><c>ImmutableArray&lt;T&gt;</c>.</summary>
    ImmutableArray,

    /// <summary><c>ImmutableList&lt;T&gt;</c>.</summary>
    ImmutableList,

    /// <summary><c>ImmutableHashSet&lt;T&gt;</c>.</summary>
    ImmutableHashSet,

    /// <summary><c>ImmutableDictionary&lt;K, V&gt;</c>.</summary>
    ImmutableDictionary,

    /// <summary>A <c>ValueTuple</c> of 1 to 7 items.</summary>
    Tuple,

    /// <summary>A <c>[SnapshotType]</c> type: its generated serializer.</summary>
    SnapshotType,
}
