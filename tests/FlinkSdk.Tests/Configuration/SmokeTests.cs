using FlinkSdk.Configuration;

namespace FlinkSdk.Tests.Configuration;

public class SmokeTests
{
    [Fact]
    public void YamlNestedAndFlatKeysLoad()
    {
        var config = new FlinkConfiguration().AddYaml("""
            execution:
              checkpointing:
                interval: 10 s
            execution.checkpointing.max-concurrent-checkpoints: 2
            state.checkpoints.dir: /tmp/cp
            execution.checkpointing.unaligned.enabled: true
            execution.checkpointing.max-concurent-checkpoints: 3
            taskmanager.numberOfTaskSlots: 4
            """, "config.yaml");
        Assert.Equal(TimeSpan.FromSeconds(10), config.Checkpointing.CheckpointInterval);
        Assert.Equal(2, config.Checkpointing.MaxConcurrentCheckpoints);
        Assert.Equal("/tmp/cp", config.Checkpointing.CheckpointDirectory);
        var problems = config.Validate();
        Assert.Contains(problems, p => p.RuleId == "FLK0020" && p.Location == "file config.yaml:4");
        Assert.Contains(problems, p => p.RuleId == "FLK0100" && p.Message.Contains("Did you mean 'execution.checkpointing.max-concurrent-checkpoints'?"));
        Assert.Contains(problems, p => p.RuleId == "FLK0102" && p.Location == "file config.yaml:5");
    }
}
