using System.Globalization;
using FlinkSdk.Serialization;

namespace FlinkSdk.State;

/// <summary>
/// Restoring state failed because its stored layout is incompatible with the declared one (Flink's
/// <c>StateMigrationException</c>): a member id was written with another type than it has now.
/// </summary>
public sealed class StateMigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is incompatible.</param>
    public StateMigrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StateMigrationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is incompatible.</param>
    /// <param name="innerException">The cause.</param>
    public StateMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Compares a stored <see cref="StateDescriptor.Schema"/> with the declared one.</summary>
internal static class StateSchema
{
    /// <summary>Throws when an id present in both schemas changed its type; missing or extra ids are compatible.</summary>
    public static void CheckCompatible(string stateName, string? stored, string? declared)
    {
        if (stored is null || declared is null || string.Equals(stored, declared, StringComparison.Ordinal))
        {
            return;
        }

        var old = Parse(stored);
        foreach (var (id, (name, type)) in Parse(declared))
        {
            if (old.TryGetValue(id, out var before) && !string.Equals(before.Type, type, StringComparison.Ordinal))
            {
                throw new StateMigrationException(string.Create(CultureInfo.InvariantCulture,
                    $"State '{stateName}': member {id} ('{name}') was checkpointed as {before.Type} and is now declared as {type}. " +
                    $"A member id must keep its type; give the new member a new id (the old data is then skipped) or restore with the old type."));
            }
        }
    }

    /// <summary>
    /// The schemas a snapshot stores: the restored ones (for state not declared again, carried over with its data),
    /// replaced by the declared ones; state declared without a schema drops its old one, since nothing checked it.
    /// </summary>
    public static Dictionary<string, string> ForSnapshot(IReadOnlyDictionary<string, string> restored, IEnumerable<(string Name, string? Schema)> declared)
    {
        var schemas = new Dictionary<string, string>(restored, StringComparer.Ordinal);
        foreach (var (name, schema) in declared)
        {
            if (schema is null)
            {
                schemas.Remove(name);
            }
            else
            {
                schemas[name] = schema;
            }
        }

        return schemas;
    }

    /// <summary>Writes <c>{name: schema}</c> in name order.</summary>
    public static void WriteMap(ref MessagePackWriter writer, IReadOnlyDictionary<string, string> schemas)
    {
        writer.WriteMapHeader(schemas.Count);
        foreach (var (name, schema) in schemas.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            writer.Write(schema);
        }
    }

    /// <summary>Reads a <c>{name: schema}</c> map written by <see cref="WriteMap"/> into <paramref name="into"/>.</summary>
    public static void ReadMap(ref MessagePackReader reader, Dictionary<string, string> into)
    {
        int count = reader.ReadMapHeader();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString() ?? string.Empty;
            into[name] = reader.ReadString() ?? string.Empty;
        }
    }

    private static Dictionary<string, (string Name, string Type)> Parse(string schema)
    {
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (string entry in schema.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            // id:name:type — the type may itself hold ':' (never in C# names, but be lenient).
            string[] parts = entry.Split(':', 3);
            if (parts.Length == 3)
            {
                entries[parts[0]] = (parts[1], parts[2]);
            }
        }

        return entries;
    }
}
