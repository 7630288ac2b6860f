namespace FlinkSdk.Analyzers.Tests.CodeFixes;

/// <summary>Each code fix applied in an AdhocWorkspace: the result is the expected source, and it has no diagnostic left.</summary>
public class CodeFixTests
{
    private const string Process = """
            public override void ProcessElement(string value, Context context, ICollector<long> output)
            {
            }
        """;

    [Fact]
    public Task FLK1001_makes_the_operator_partial() => CodeFixHarness.VerifyAsync(
        "FLK1001",
        "Make 'Counter' partial",
        $$"""
        [StatefulOperator]
        public sealed class Counter : KeyedProcessFunction<string, string, long>
        {
            [State(0)] private long _count;
        {{Process}}
        }
        """,
        $$"""
        [StatefulOperator]
        public sealed partial class Counter : KeyedProcessFunction<string, string, long>
        {
            [State(0)] private long _count;
        {{Process}}
        }
        """);

    [Fact]
    public Task FLK1001_makes_a_containing_type_without_modifiers_partial() => CodeFixHarness.VerifyAsync(
        "FLK1001",
        "Make 'Outer' partial",
        $$"""
        /// <summary>Holds the operator.</summary>
        class Outer
        {
            [StatefulOperator]
            public partial class Counter : KeyedProcessFunction<string, string, long>
            {
                [State(0)] private long _count;
        {{Process}}
            }
        }
        """,
        $$"""
        /// <summary>Holds the operator.</summary>
        partial class Outer
        {
            [StatefulOperator]
            public partial class Counter : KeyedProcessFunction<string, string, long>
            {
                [State(0)] private long _count;
        {{Process}}
            }
        }
        """);

    [Fact]
    public Task FLK1004_a_duplicate_id_gets_the_next_free_id() => CodeFixHarness.VerifyAsync(
        "FLK1004",
        "Use the next free id, 3",
        $$"""
        [StatefulOperator]
        public partial class Counter : KeyedProcessFunction<string, string, long>
        {
            [State(1)] private long _first;
            [State(1)] private long _second;
            [State(2)] private long _third;
        {{Process}}
        }
        """,
        $$"""
        [StatefulOperator]
        public partial class Counter : KeyedProcessFunction<string, string, long>
        {
            [State(1)] private long _first;
            [State(3)] private long _second;
            [State(2)] private long _third;
        {{Process}}
        }
        """);

    [Fact]
    public Task FLK1005_a_negative_id_gets_the_next_free_id() => CodeFixHarness.VerifyAsync(
        "FLK1005",
        "Use the next free id, 1",
        $$"""
        [StatefulOperator]
        public partial class Counter : KeyedProcessFunction<string, string, long>
        {
            [State(0)] private long _first;
            [State(-1)] private long _second;
        {{Process}}
        }
        """,
        $$"""
        [StatefulOperator]
        public partial class Counter : KeyedProcessFunction<string, string, long>
        {
            [State(0)] private long _first;
            [State(1)] private long _second;
        {{Process}}
        }
        """);

    [Fact]
    public Task FLK1006_a_missing_id_is_added() => CodeFixHarness.VerifyAsync(
        "FLK1006",
        "Use the next free id, 5",
        $$"""
        [StatefulOperator]
        public partial class Counter : KeyedProcessFunction<string, string, long>
        {
            [State(4)] private long _first;
            [State] private long _second;
        {{Process}}
        }
        """,
        $$"""
        [StatefulOperator]
        public partial class Counter : KeyedProcessFunction<string, string, long>
        {
            [State(4)] private long _first;
            [State(5)] private long _second;
        {{Process}}
        }
        """);

    [Fact]
    public Task FLK1007_fix_all_gives_every_member_without_an_id_its_own_id() => CodeFixHarness.VerifyAsync(
        "FLK1007",
        "Use the next free id, 1",
        """
        [SnapshotType]
        public class Order
        {
            [Key(0)] public string Id { get; set; } = "";
            public decimal Amount { get; set; }
            public int Count;
        }

        [SnapshotType]
        public record Point([property: Key(0)] int X, int Y);
        """,
        """
        [SnapshotType]
        public class Order
        {
            [Key(0)] public string Id { get; set; } = "";
            [Key(1)] public decimal Amount { get; set; }
            [Key(2)] public int Count;
        }

        [SnapshotType]
        public record Point([property: Key(0)] int X, [property: Key(1)] int Y);
        """,
        fixAll: true);

    [Fact]
    public Task FLK0020_sets_max_concurrent_checkpoints_to_one() => CodeFixHarness.VerifyAsync(
        "FLK0020",
        "Set max-concurrent-checkpoints to 1",
        Job("""
                env.CheckpointConfig.UnalignedCheckpointsEnabled = true;
                env.CheckpointConfig.MaxConcurrentCheckpoints = 2;
        """),
        Job("""
                env.CheckpointConfig.UnalignedCheckpointsEnabled = true;
                env.CheckpointConfig.MaxConcurrentCheckpoints = 1;
        """));

    [Fact]
    public Task FLK0020_sets_max_concurrent_checkpoints_to_one_in_a_Set_call() => CodeFixHarness.VerifyAsync(
        "FLK0020",
        "Set max-concurrent-checkpoints to 1",
        Job("""
                env.Configuration.Set("execution.checkpointing.unaligned.enabled", "true");
                env.Configuration.Set("execution.checkpointing.max-concurrent-checkpoints", "2");
        """),
        Job("""
                env.Configuration.Set("execution.checkpointing.unaligned.enabled", "true");
                env.Configuration.Set("execution.checkpointing.max-concurrent-checkpoints", "1");
        """));

    [Fact]
    public Task FLK0021_sets_max_concurrent_checkpoints_to_one() => CodeFixHarness.VerifyAsync(
        "FLK0021",
        "Set max-concurrent-checkpoints to 1",
        Job("""
                env.CheckpointConfig.MinPauseBetweenCheckpoints = TimeSpan.FromSeconds(1);
                env.CheckpointConfig.MaxConcurrentCheckpoints = 3;
        """),
        Job("""
                env.CheckpointConfig.MinPauseBetweenCheckpoints = TimeSpan.FromSeconds(1);
                env.CheckpointConfig.MaxConcurrentCheckpoints = 1;
        """));

    [Fact]
    public Task FLK0021_or_removes_the_minimum_pause() => CodeFixHarness.VerifyAsync(
        "FLK0021",
        "Remove the minimum pause",
        Job("""
                env.CheckpointConfig.MinPauseBetweenCheckpoints = TimeSpan.FromSeconds(1);
                env.CheckpointConfig.MaxConcurrentCheckpoints = 3;
        """),
        Job("""
                env.CheckpointConfig.MaxConcurrentCheckpoints = 3;
        """));

    [Fact]
    public Task FLK0022_enables_the_force_flag() => CodeFixHarness.VerifyAsync(
        "FLK0022",
        "Force checkpointing of the iterative job (ForceCheckpointing = true)",
        Job("""
                env.FromSequence(1, 10).Iterate();
        """),
        Job("""
                env.FromSequence(1, 10).Iterate();
                env.CheckpointConfig.ForceCheckpointing = true;
        """));

    [Fact]
    public Task FLK0025_enables_forced_unaligned_checkpoints() => CodeFixHarness.VerifyAsync(
        "FLK0025",
        "Force unaligned checkpoints (ForceUnalignedCheckpoints = true)",
        Job("""
                var checkpoints = env.CheckpointConfig;
                checkpoints.UnalignedCheckpointsEnabled = true;
                env.FromSequence(1, 10).PartitionCustom();
        """),
        Job("""
                var checkpoints = env.CheckpointConfig;
                checkpoints.UnalignedCheckpointsEnabled = true;
                env.CheckpointConfig.ForceUnalignedCheckpoints = true;
                env.FromSequence(1, 10).PartitionCustom();
        """));

    [Fact]
    public Task FLK0026_enables_unaligned_checkpoints() => CodeFixHarness.VerifyAsync(
        "FLK0026",
        "Enable unaligned checkpoints",
        Job("""
                env.CheckpointConfig.AlignedCheckpointTimeout = TimeSpan.FromSeconds(30);
        """),
        Job("""
                env.CheckpointConfig.AlignedCheckpointTimeout = TimeSpan.FromSeconds(30);
                env.CheckpointConfig.UnalignedCheckpointsEnabled = true;
        """));

    /// <summary>A job whose environment checkpoints every 10 s, then <paramref name="statements"/>.</summary>
    private static string Job(string statements) => $$"""
        public static class Job
        {
            public static void Main()
            {
                var env = StreamExecutionEnvironment.Create(new FlinkConfiguration());
                env.EnableCheckpointing(TimeSpan.FromSeconds(10));
        {{statements}}
            }
        }
        {{Infrastructure.JobSource.GraphShapeStandIns}}
        """;
}
