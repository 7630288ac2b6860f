namespace FlinkSdk.Cli;

/// <summary>Separates Flink's <c>-Dkey=value</c> / <c>-D key=value</c> arguments from the rest of a command line.</summary>
internal static class DynamicProperties
{
    public static (IReadOnlyList<string> Properties, string[] Others) Split(IReadOnlyList<string> args)
    {
        var properties = new List<string>();
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "-D" && i + 1 < args.Count)
            {
                properties.Add(args[i]);
                properties.Add(args[++i]);
            }
            else if (args[i].StartsWith("-D", StringComparison.Ordinal) && args[i].Length > 2)
            {
                properties.Add(args[i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return (properties, rest.ToArray());
    }
}
