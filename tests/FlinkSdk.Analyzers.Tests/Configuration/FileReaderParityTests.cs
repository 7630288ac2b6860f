extern alias analyzers;

using analyzers::FlinkSdk.Analyzers.Configuration.Files;
using FlinkSdk.Configuration;
using AnalyzerOptions = analyzers::FlinkSdk.Configuration.FlinkOptions;
using AnalyzerParser = analyzers::FlinkSdk.Configuration.OptionValueParser;

namespace FlinkSdk.Analyzers.Tests.Configuration;

/// <summary>
/// The analyzers' small JSON and YAML readers read the same keys and values as the runtime (YamlDotNet and
/// Microsoft.Extensions.Configuration.Json): for each document, the options set and their values agree, and so do
/// the keys the runtime ignores.
/// </summary>
public sealed class FileReaderParityTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "flinksdk-reader-parity-" + Guid.NewGuid().ToString("N"));

    public FileReaderParityTests() => Directory.CreateDirectory(_directory);

    public static TheoryData<string> YamlDocuments =>
    [
        "execution:\n  checkpointing:\n    interval: 10 s   # comment\n    mode: 'AT_LEAST_ONCE'\n    dir: \"/var/check#points\"\n",
        "execution.checkpointing: {interval: 10 s, timeout: '1 min', max-concurrent-checkpoints: 3}\nexecution.checkpointing.local-backup.dirs: [/a, '/b']\n",
        "execution.checkpointing.dir: |\n  /var/literal\nexecution.checkpointing.savepoint-dir: >-\n  /var/\n  folded\n",
        "execution.checkpointing.dir: /var/\n  continued\nparallelism.default: 4\n",
        "%YAML 1.2\n---\nparallelism.default: 2\n...\n---\nrestart-strategy:\n  type: fixed-delay\n  fixed-delay:\n    attempts: 5\n",
        "pipeline.jars:\n- a.jar\n- b.jar\ntaskmanager:\n  memory.process.size: 1728m\nexecution.checkpointing.num-retained: !!int 3\n",
        "\"execution.checkpointing.mode\": exactly_once\n'state.backend.type': hashmap\nexecution.checkpointing.timeout: ~\nexecution.checkpointing.min-pause: null\n",
        "  execution.checkpointing.interval: 1 min\r\n  execution.checkpointing.unaligned.enabled: TRUE\r\n",
        "execution.checkpointing.dir: 'it''s here'\nexecution.checkpointing.savepoint-dir: \"tab\\there\"\nweb.checkpoints.history: 20\n",
        "execution.checkpointing.local-backup.dirs:\n  - /x\n  - /y\nexecution.checkpointing.create-subdir: false\n",
    ];

    public static TheoryData<string> JsonDocuments =>
    [
        "{ \"Flink\": { \"execution\": { \"checkpointing\": { \"interval\": \"10 s\", \"max-concurrent-checkpoints\": 2, \"unaligned.enabled\": true } } } }",
        "{\n  // comment\n  \"FLINK\": {\n    \"Execution:Checkpointing:Tolerable_Failed_Checkpoints\": 3, /* more */\n    \"execution.checkpointing.dir\": \"C:\\\\data\\\\\\u0063heckpoints\",\n  },\n}",
        "{ \"Flink\": { \"pipeline\": { \"jars\": [ \"a.jar\", \"b.jar\" ] }, \"parallelism.default\": 4, \"execution.checkpointing.savepoint-dir\": null } }",
        "{ \"Other\": { \"parallelism.default\": 9 }, \"Flink\": { \"restart-strategy\": { \"type\": \"failure-rate\", \"failure-rate\": { \"delay\": \"5 s\" } }, \"execution.checkpointing.snapshot-compression\": false } }",
        "{ \"Flink\": { \"execution.checkpointing.data-inline-threshold\": \"64kb\", \"execution\": { \"checkpointing\": { \"file-merging\": { \"max-space-amplification\": 1.5 } } } } }",
    ];

    [Theory]
    [MemberData(nameof(YamlDocuments))]
    public void Yaml_reads_the_values_and_ignored_keys_the_runtime_reads(string yaml)
    {
        var runtime = new FlinkConfiguration().AddYaml(yaml, "config.yaml");
        var root = YamlConfigReader.Read(yaml, out var error);
        Assert.Null(error?.Reason);
        var settings = KeyFlattener.Flatten(root!, FlattenStyle.FlinkYaml).Select(s => (s.Key, s.Value));

        AssertSameOptions(runtime, settings);
    }

    [Theory]
    [MemberData(nameof(JsonDocuments))]
    public void Json_reads_the_values_and_ignored_keys_the_runtime_reads(string json)
    {
        string path = Path.Combine(_directory, "appsettings.json");
        File.WriteAllText(path, json);
        var runtime = new FlinkConfiguration().AddJsonFile(path);
        var root = JsonConfigReader.Read(json, out var error);
        Assert.Null(error?.Reason);
        var settings = KeyFlattener.Flatten(root!, FlattenStyle.DotNetConfiguration)
            .Where(s => s.Key.StartsWith("Flink:", StringComparison.OrdinalIgnoreCase))
            .Select(s => (analyzers::FlinkSdk.Configuration.ConfigurationKeys.Normalize(s.Key["Flink:".Length..]), s.Value))
            .OrderBy(s => s.Item1, StringComparer.Ordinal);

        AssertSameOptions(runtime, settings);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void AssertSameOptions(FlinkConfiguration runtime, IEnumerable<(string Key, string? Value)> settings)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        foreach (var (key, value) in settings)
        {
            var option = AnalyzerOptions.Find(key);
            if (option is null)
            {
                ignored.Add(key);
            }
            else if (AnalyzerParser.TryParse(option, value, out object? parsed, out _))
            {
                values[option.Key] = AnalyzerParser.Format(option, parsed!);
            }
        }

        var expected = runtime.GetEffectiveOptions().Where(o => o.Origin.Kind == ConfigOriginKind.File).ToDictionary(o => o.Key, o => o.Value);
        Assert.NotEmpty(expected);
        Assert.Equal(new SortedDictionary<string, string>(expected, StringComparer.Ordinal), values);
        Assert.Equal(runtime.IgnoredKeys, ignored);
    }
}
