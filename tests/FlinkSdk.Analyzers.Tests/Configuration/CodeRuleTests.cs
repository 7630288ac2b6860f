using FlinkSdk.Analyzers.Tests.Infrastructure;

namespace FlinkSdk.Analyzers.Tests.Configuration;

/// <summary>Every configuration rule, written in C#: a positive case with the exact span, and a negative case.</summary>
public class CodeRuleTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "FLK0001", "env.EnableCheckpointing({|FLK0001:TimeSpan.FromMilliseconds(5)|});", "env.EnableCheckpointing(TimeSpan.FromMilliseconds(10));" },
        { "FLK0002", "env.CheckpointConfig.CheckpointTimeout = {|FLK0002:TimeSpan.FromMilliseconds(9)|};", "env.CheckpointConfig.CheckpointTimeout = TimeSpan.FromMilliseconds(10);" },
        { "FLK0003", "env.CheckpointConfig.MinPauseBetweenCheckpoints = {|FLK0003:-TimeSpan.FromSeconds(1)|};", "env.CheckpointConfig.MinPauseBetweenCheckpoints = TimeSpan.Zero;" },
        { "FLK0004", "env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0004:0|};", "env.CheckpointConfig.MaxConcurrentCheckpoints = 1;" },
        { "FLK0005", "env.CheckpointConfig.TolerableCheckpointFailureNumber = {|FLK0005:-1|};", "env.CheckpointConfig.TolerableCheckpointFailureNumber = 0;" },
        { "FLK0006", "env.CheckpointConfig.CheckpointIntervalDuringBacklog = {|FLK0006:TimeSpan.FromMilliseconds(5)|};", "env.CheckpointConfig.CheckpointIntervalDuringBacklog = TimeSpan.Zero;" },
        {
            "FLK0007",
            "env.EnableCheckpointing(TimeSpan.FromMinutes(1));\n env.CheckpointConfig.CheckpointIntervalDuringBacklog = {|FLK0007:TimeSpan.FromSeconds(30)|};",
            "env.EnableCheckpointing(TimeSpan.FromMinutes(1));\n env.CheckpointConfig.CheckpointIntervalDuringBacklog = TimeSpan.FromMinutes(2);"
        },
        { "FLK0008", "env.CheckpointConfig.MaxRetainedCheckpoints = {|FLK0008:0|};", "env.CheckpointConfig.MaxRetainedCheckpoints = 3;" },
        { "FLK0009", "env.CheckpointConfig.DataInlineThreshold = {|FLK0009:MemorySize.FromMebibytes(2)|};", "env.CheckpointConfig.DataInlineThreshold = MemorySize.FromMebibytes(1);" },
        { "FLK0010", "env.CheckpointConfig.WriteBufferSize = {|FLK0010:-2|};", "env.CheckpointConfig.WriteBufferSize = -1;" },
        { "FLK0011", "env.CheckpointConfig.FileMergingMaxSubtasksPerFile = {|FLK0011:0|};", "env.CheckpointConfig.FileMergingMaxSubtasksPerFile = 1;" },
        { "FLK0012", "env.SetMaxParallelism({|FLK0012:40000|});", "env.SetMaxParallelism(32768);" },
        { "FLK0013", "env.SetParallelism({|FLK0013:0|});", "env.SetParallelism(1);" },
        { "FLK0014", "env.SetParallelism(200);\n env.SetMaxParallelism({|FLK0014:100|});", "env.SetParallelism(100);\n env.SetMaxParallelism(100);" },
        {
            "FLK0020",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.UnalignedCheckpointsEnabled = true;\n env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0020:2|};",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.UnalignedCheckpointsEnabled = true;\n env.CheckpointConfig.MaxConcurrentCheckpoints = 1;"
        },
        {
            "FLK0021",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.MinPauseBetweenCheckpoints = TimeSpan.FromSeconds(1);\n env.CheckpointConfig.MaxConcurrentCheckpoints = {|FLK0021:2|};",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.MinPauseBetweenCheckpoints = TimeSpan.Zero;\n env.CheckpointConfig.MaxConcurrentCheckpoints = 2;"
        },
        {
            "FLK0022",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.FromSequence(1, 10).{|FLK0022:Iterate()|};",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.ForceCheckpointing = true;\n env.FromSequence(1, 10).Iterate();"
        },
        {
            "FLK0023",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10), CheckpointingMode.AtLeastOnce);\n env.CheckpointConfig.UnalignedCheckpointsEnabled = {|FLK0023:true|};",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10), CheckpointingMode.ExactlyOnce);\n env.CheckpointConfig.UnalignedCheckpointsEnabled = true;"
        },
        {
            "FLK0024",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.ForceCheckpointing = true;\n env.CheckpointConfig.UnalignedCheckpointsEnabled = {|FLK0024:true|};\n env.FromSequence(1, 10).Iterate();",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.ForceCheckpointing = true;\n env.CheckpointConfig.UnalignedCheckpointsEnabled = true;\n env.CheckpointConfig.ForceUnalignedCheckpoints = true;\n env.FromSequence(1, 10).Iterate();"
        },
        {
            "FLK0025",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.UnalignedCheckpointsEnabled = {|FLK0025:true|};\n env.FromSequence(1, 10).PartitionCustom();",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.UnalignedCheckpointsEnabled = true;\n env.FromSequence(1, 10).Rebalance();"
        },
        {
            "FLK0026",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.AlignedCheckpointTimeout = {|FLK0026:TimeSpan.FromSeconds(30)|};",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.AlignedCheckpointTimeout = TimeSpan.FromSeconds(30);\n env.CheckpointConfig.EnableUnalignedCheckpoints();"
        },
        {
            "FLK0027",
            "env.CheckpointConfig.{|FLK0027:EnableUnalignedCheckpoints()|};",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(1));\n env.CheckpointConfig.EnableUnalignedCheckpoints();"
        },
        {
            "FLK0028",
            "env.CheckpointConfig.CheckpointStorage = {|FLK0028:\"filesystem\"|};",
            "env.CheckpointConfig.CheckpointStorage = \"filesystem\";\n env.CheckpointConfig.CheckpointDirectory = \"/var/checkpoints\";"
        },
        {
            "FLK0029",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.UnalignedCheckpointsEnabled = true;\n env.Configuration.StateRecovery.ApproximateLocalRecovery = {|FLK0029:true|};",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.UnalignedCheckpointsEnabled = false;\n env.Configuration.StateRecovery.ApproximateLocalRecovery = true;"
        },
        { "FLK0030", "env.CheckpointConfig.CheckpointStorage = {|FLK0030:\"rocks-s3\"|};", "env.CheckpointConfig.CheckpointStorage = \"jobmanager\";" },
        {
            "FLK0031",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.ExternalizedCheckpointRetention = {|FLK0031:ExternalizedCheckpointRetention.RetainOnCancellation|};",
            "env.EnableCheckpointing(TimeSpan.FromSeconds(10));\n env.CheckpointConfig.ExternalizedCheckpointRetention = ExternalizedCheckpointRetention.RetainOnCancellation;\n env.CheckpointConfig.CheckpointDirectory = \"/var/checkpoints\";"
        },
        { "FLK0032", "env.Configuration.Execution.StateBackend = {|FLK0032:\"rocksdb\"|};", "env.Configuration.Execution.StateBackend = \"hashmap\";" },
        {
            "FLK0040",
            "env.Configuration.RestartStrategy.FixedDelay.Attempts = {|FLK0040:3|};",
            "env.Configuration.RestartStrategy.Type = RestartStrategyType.FixedDelay;\n env.Configuration.RestartStrategy.FixedDelay.Attempts = 3;"
        },
        {
            "FLK0041",
            "env.Configuration.RestartStrategy.Type = RestartStrategyType.FixedDelay;\n env.Configuration.RestartStrategy.FixedDelay.Attempts = {|FLK0041:-1|};",
            "env.Configuration.RestartStrategy.Type = RestartStrategyType.FixedDelay;\n env.Configuration.RestartStrategy.FixedDelay.Attempts = 0;"
        },
        { "FLK0100", "env.Configuration.Set({|FLK0100:\"execution.checkpointing.intervall\"|}, \"10 s\");", "env.Configuration.Set(\"execution.checkpointing.interval\", \"10 s\");" },
        { "FLK0101", "env.Configuration.Set(\"execution.checkpointing.interval\", {|FLK0101:\"ten seconds\"|});", "env.Configuration.Set(\"execution.checkpointing.interval\", \"10 seconds\");" },
        { "FLK0102", "env.Configuration.Set({|FLK0102:\"state.checkpoints.dir\"|}, \"/var/checkpoints\");", "env.Configuration.Set(\"execution.checkpointing.dir\", \"/var/checkpoints\");" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Rule_fires_on_its_exact_span_and_not_on_the_valid_configuration(string id, string positive, string negative)
    {
        var run = await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain(positive)));
        Assert.Contains(run.Flk, d => d.Id == id);

        // Verify requires exactly the marked diagnostics: none here.
        await Verify.DiagnosticsAsync(TestFile.Code(JobSource.InMain(negative)));
    }
}
