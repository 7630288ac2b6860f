using System.Globalization;
using FlinkSdk.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace FlinkSdk.Analyzers.Tests.Configuration;

/// <summary>Configuration files passed as AdditionalFiles: diagnostics land on the right file, line and column.</summary>
public class FileRuleTests
{
    private static readonly TestFile Program = TestFile.Code("public static class Job { }");

    [Fact]
    public async Task Yaml_nested_and_flat_keys_combine_and_the_diagnostic_is_on_the_offending_value()
    {
        var run = await Verify.DiagnosticsAsync(Program, TestFile.Yaml("""
            # Flink 2.x config.yaml
            execution:
              checkpointing:
                interval: 10 s
                unaligned.enabled: true
            execution.checkpointing.max-concurrent-checkpoints: {|FLK0020:2|}
            """));
        AssertAt(run.Single("FLK0020"), "/src/config.yaml", line: 6, column: 53);
    }

    [Fact]
    public async Task Yaml_unknown_keys_under_Flink_prefixes_suggest_the_closest_key_and_others_are_ignored()
    {
        var run = await Verify.DiagnosticsAsync(Program, TestFile.Yaml("""
            taskmanager.memory.process.size: 1728m
            {|FLK0100:execution.checkpointing.intervall|}: 10 s
            """));
        var diagnostic = run.Single("FLK0100");
        AssertAt(diagnostic, "/src/config.yaml", line: 2, column: 1);
        Assert.Equal(
            "Unknown configuration key 'execution.checkpointing.intervall'. Did you mean 'execution.checkpointing.interval'?",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Yaml_deprecated_duplicate_and_unparsable_values_are_reported_where_they_are_written()
    {
        var run = await Verify.DiagnosticsAsync(Program, TestFile.Yaml("""
            execution.checkpointing.dir: /var/checkpoints
            {|FLK0102,FLK0103:state.checkpoints.dir|}: /tmp/old
            execution.checkpointing.timeout: {|FLK0101:ten minutes|}
            execution:
              checkpointing:
                mode: {|FLK0101:"EXACTLY_TWICE"|}
            """));
        Assert.Equal(
            "Option 'execution.checkpointing.dir' is set more than once in /src/config.yaml: 'state.checkpoints.dir' (file /src/config.yaml:2) is overridden by 'execution.checkpointing.dir' (file /src/config.yaml:1).",
            run.Single("FLK0103").GetMessage(CultureInfo.InvariantCulture));
        AssertAt(run.Flk.Last(d => d.Id == "FLK0101"), "/src/config.yaml", line: 6, column: 11);
    }

    [Fact]
    public async Task Yaml_cross_option_rules_without_a_value_in_the_file_point_at_the_option_that_is_there()
    {
        var run = await Verify.DiagnosticsAsync(Program, TestFile.Yaml("""
            execution.checkpointing.interval: 10 s
            execution.checkpointing.storage: {|FLK0028:filesystem|}
            execution.checkpointing.aligned-checkpoint-timeout: {|FLK0026:30 s|}
            """));
        Assert.Equal("execution.checkpointing.dir", run.Single("FLK0028").Properties["FixKey"]);
        Assert.Equal("false", run.Single("FLK0028").Properties["FixKeyWritten"]);
    }

    [Fact]
    public async Task Yaml_comments_quotes_lists_block_values_and_documents_are_read_as_the_runtime_reads_them()
    {
        await Verify.DiagnosticsAsync(Program, TestFile.Yaml("""
            %YAML 1.2
            ---
            # comment
            execution:   # trailing comment
              checkpointing:
                interval: '10 s'        # quoted
                dir: "/var/check#points"
                local-backup.dirs: [/a, /b]
            pipeline:
              jars:
                - a.jar
                - b.jar
            env.java.opts.all: |
              -Xmx1g
              -Dx=y
            ---
            execution.checkpointing.max-concurrent-checkpoints: 1
            ...
            """));
    }

    [Fact]
    public async Task Yaml_syntax_errors_are_reported_with_line_and_column_and_nothing_else_is_checked()
    {
        var run = await Verify.DiagnosticsAsync(Program, TestFile.Yaml("""
            execution.checkpointing.interval: 1 ms
            execution:
            {|FLK0104:	|}checkpointing.timeout: 1 ms
            """));
        Assert.Equal(
            "Cannot parse YAML in '/src/config.yaml' at line 3, column 1: tabs are not allowed for indentation in YAML; indent with spaces",
            run.Single("FLK0104").GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("anchor: &a 1", "anchors and aliases are not supported in Flink configuration files")]
    [InlineData("key:\n  - a: 1", "list items must be plain values")]
    [InlineData("- a\n- b", "the document must be a map of keys to values, not a list")]
    [InlineData("just text", "the document must be a map of keys to values")]
    [InlineData("a: b: c", "mapping values are not allowed in this context")]
    [InlineData("a: 'open", "the quoted value starting here is not closed on its line")]
    [InlineData("a:\n  b: 1\n c: 2", "unexpected indentation; a key must line up with the keys before it")]
    [InlineData("  a: 1\nb: 2", "this line is indented less than the map it belongs to")]
    public async Task Yaml_the_runtime_rejects_is_rejected(string yaml, string reason)
    {
        var run = await AnalyzerHarness.RunAsync([Program, TestFile.Yaml(yaml)]);
        var diagnostic = Assert.Single(run.Flk);
        Assert.Equal("FLK0104", diagnostic.Id);
        Assert.EndsWith(": " + reason, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_nested_and_flat_keys_under_the_Flink_section_are_checked_on_their_lines()
    {
        var run = await Verify.DiagnosticsAsync(Program, TestFile.Json("""
            {
              // appsettings allow comments and trailing commas
              "Logging": { "LogLevel": { "Default": "Information" } },
              "Elsewhere": { "execution.checkpointing.interval": "1 ms" },
              "Flink": {
                "execution": {
                  "checkpointing": {
                    "interval": "10 s",
                    "unaligned.enabled": true,
                  }
                },
                "execution.checkpointing.max-concurrent-checkpoints": {|FLK0020:2|},
                "Execution:Checkpointing:Tolerable_Failed_Checkpoints": {|FLK0005:-1|}
              }
            }
            """));
        AssertAt(run.Single("FLK0020"), "/src/appsettings.json", line: 12, column: 59);
        AssertAt(run.Single("FLK0005"), "/src/appsettings.json", line: 13, column: 61);
    }

    [Fact]
    public async Task Json_unknown_deprecated_and_unparsable_settings_are_reported()
    {
        await Verify.DiagnosticsAsync(Program, TestFile.Json("""
            {
              "flink": {
                {|FLK0100:"execution.checkpointing.max-concurent-checkpoints"|}: 2,
                {|FLK0102:"state.savepoints.dir"|}: "/var/savepoints",
                "execution.checkpointing.unaligned.enabled": {|FLK0101:"yes"|}
              }
            }
            """, "/src/appsettings.Production.json"));
    }

    [Theory]
    [InlineData("{ \"Flink\": { \"a\": 1 ", "unexpected end of file; the object opened here is not closed", 1, 12)]
    [InlineData("{ \"Flink\": { \"a\": tru } }", "'tru' is not a JSON value", 1, 19)]
    [InlineData("{\n  \"Flink\": { \"X\": 1, \"x\": 2 } }", "A duplicate key 'Flink:x' was found.", 2, 22)]
    [InlineData("[1, 2]", "the top-level JSON value must be an object", 1, 1)]
    public async Task Json_the_runtime_cannot_read_is_reported_with_line_and_column(string json, string reason, int line, int column)
    {
        var run = await AnalyzerHarness.RunAsync([Program, TestFile.Json(json)]);
        var diagnostic = Assert.Single(run.Flk);
        Assert.Equal("FLK0104", diagnostic.Id);
        AssertAt(diagnostic, "/src/appsettings.json", line, column);
        Assert.Equal(
            $"Cannot read configuration file '/src/appsettings.json': {reason} (line {line}, column {column})",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Files_with_other_names_are_not_configuration_files()
    {
        await Verify.DiagnosticsAsync(
            Program,
            TestFile.Yaml("execution.checkpointing.interval: 1 ms", "/src/docker-compose.yaml"),
            TestFile.Json("{ \"Flink\": { \"execution.checkpointing.interval\": \"1 ms\" } }", "/src/settings.json"));
    }

    [Fact]
    public async Task Each_file_is_its_own_configuration_and_gets_its_own_diagnostics()
    {
        await Verify.DiagnosticsAsync(
            Program,
            TestFile.Yaml("execution.checkpointing.interval: {|FLK0001:5 ms|}", "/src/conf/config.yaml"),
            TestFile.Json("{ \"Flink\": { \"execution.checkpointing.interval\": {|FLK0001:\"1 ms\"|} } }", "/src/appsettings.Development.json"),
            TestFile.Json("{ \"Flink\": { \"execution.checkpointing.interval\": \"1 s\" } }", "/src/appsettings.json"));
    }

    private static void AssertAt(Diagnostic diagnostic, string path, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Equal(Location.Create(path, diagnostic.Location.SourceSpan, span.Span), diagnostic.Location);
    }
}
