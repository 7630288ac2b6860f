namespace FlinkSdk.Generators.Model;

/// <summary>Where an operator's <c>[State]</c> members live, which decides the code generated for them.</summary>
internal enum StateScope
{
    /// <summary>Operator state, one record per subtask: process functions, source readers, sink writers.</summary>
    Operator,

    /// <summary>Keyed state, one record per key: keyed process functions.</summary>
    Keyed,

    /// <summary>Decided by the stream the function is applied to (rich map, flatMap, filter): code for both.</summary>
    ByStream,
}
