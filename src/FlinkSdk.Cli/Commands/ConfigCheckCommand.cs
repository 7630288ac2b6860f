using System.CommandLine;
using FlinkSdk.Configuration;

namespace FlinkSdk.Cli.Commands;

/// <summary>
/// <c>flinksdk config check [FILE]</c>: loads a configuration the way a job would (file, then <c>FLINK__*</c>
/// environment variables, then <c>-D</c> arguments), prints every option with its value and origin, and
/// lists every problem. Exits 1 if there is any error.
/// </summary>
internal static class ConfigCheckCommand
{
    public static Command Create(IReadOnlyList<string> dynamicProperties)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "A Flink config.yaml / flink-conf.yaml, or an appsettings.json with a 'Flink' section. " +
                "Default: $FLINK_CONF_DIR/config.yaml, else ./config.yaml, else ./appsettings.json, else Flink's defaults only.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON, for machines." };
        var command = new Command("check", "Print the effective configuration with the origin of every value, and every problem with its rule id.")
        {
            file, json,
        };
        command.SetAction(result => Run(result.GetValue(file), result.GetValue(json), dynamicProperties, Console.Out));
        return command;
    }

    public static int Run(string? file, bool asJson, IReadOnlyList<string> dynamicProperties, TextWriter output)
    {
        string? path = file ?? FindDefaultFile();
        var configuration = new FlinkConfiguration();
        if (path is not null)
        {
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                configuration.AddJsonFile(path);
            }
            else
            {
                configuration.AddYamlFile(path);
            }
        }

        configuration.AddEnvironmentVariables().AddCommandLine(dynamicProperties);
        var report = new ConfigCheckReport(configuration, configuration.Validate());
        if (asJson)
        {
            report.WriteJson(output);
        }
        else
        {
            report.WriteText(output);
        }

        return report.ErrorCount > 0 ? 1 : 0;
    }

    private static string? FindDefaultFile()
    {
        string? confDir = Environment.GetEnvironmentVariable("FLINK_CONF_DIR");
        string[] candidates = confDir is null
            ? ["config.yaml", "appsettings.json"]
            : [Path.Combine(confDir, "config.yaml"), Path.Combine(confDir, "flink-conf.yaml")];
        return candidates.FirstOrDefault(File.Exists);
    }
}
