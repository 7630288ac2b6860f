namespace FlinkSdk.Analyzers.Tests.Infrastructure;

/// <summary>Wraps statements into a compilable job whose environment starts from an empty configuration.</summary>
internal static class JobSource
{
    /// <summary>
    /// Stand-ins for DataStream calls the runtime does not offer yet (Flink's <c>iterate</c> and <c>partitionCustom</c>):
    /// the analyzers recognise these names on DataStream types, so the rules that depend on them can be shown.
    /// </summary>
    public const string GraphShapeStandIns = """

        public static class GraphShapes
        {
            public static DataStream<T> Iterate<T>(this DataStream<T> stream) => stream;

            public static DataStream<T> PartitionCustom<T>(this DataStream<T> stream) => stream;
        }
        """;

    /// <summary>The statements run on <c>env</c>, an environment over <c>new FlinkConfiguration()</c>.</summary>
    public static string InMain(string statements) => $$"""
        public static class Job
        {
            public static void Main(bool flag)
            {
                var env = StreamExecutionEnvironment.Create(new FlinkConfiguration());
                {{statements}}
            }
        }
        {{GraphShapeStandIns}}
        """;
}
