using System.CommandLine;
using FlinkSdk.Cli.Commands;

namespace FlinkSdk.Cli;

/// <summary>Entry point of the <c>flinksdk</c> command.</summary>
public static class Program
{
    /// <summary>Exit code for a command line that cannot be understood.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>0 on success, 1 when the checked configuration has errors, 2 on a usage error.</returns>
    public static int Main(string[] args)
    {
        // Flink's dynamic properties (-Dkey=value) are taken out first: their syntax is Flink's, not an option's.
        var (dynamicProperties, rest) = DynamicProperties.Split(args);
        var root = new RootCommand("flinksdk: tools for FlinkSdk jobs, Apache Flink's checkpointed stream processing for .NET.")
        {
            new Command("config", "Inspect FlinkSdk configuration.") { ConfigCheckCommand.Create(dynamicProperties) },
        };

        var parseResult = root.Parse(rest);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            Console.Error.WriteLine("Usage: flinksdk config check [FILE] [--json] [-Dkey=value ...]");
            return UsageError;
        }

        return parseResult.Invoke();
    }
}
