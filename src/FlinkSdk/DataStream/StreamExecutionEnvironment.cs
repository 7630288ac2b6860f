using FlinkSdk.Configuration;
using FlinkSdk.Connectors;
using FlinkSdk.Graph;
using FlinkSdk.Runtime;
using FlinkSdk.Time;

namespace FlinkSdk.DataStream;

/// <summary>
/// The context of a streaming job (Flink's <c>StreamExecutionEnvironment</c>): its configuration, and the
/// entry point for sources. Build the dataflow from the streams it returns, then call <see cref="ExecuteAsync"/>.
/// </summary>
public sealed class StreamExecutionEnvironment
{
    private readonly List<Transformation> _sinks = [];
    private int _nextId;

    private StreamExecutionEnvironment(FlinkConfiguration configuration) => Configuration = configuration;

    /// <summary>The job's configuration: every Flink option, with typed views.</summary>
    public FlinkConfiguration Configuration { get; }

    /// <summary>The checkpointing options (Flink's <c>env.getCheckpointConfig()</c>).</summary>
    public CheckpointConfig CheckpointConfig => Configuration.Checkpointing;

    /// <summary>The default parallelism of operators (<c>parallelism.default</c>).</summary>
    public int Parallelism => Configuration.Execution.Parallelism;

    /// <summary>Where the job logs (checkpoints at Information, failures and restarts at Warning).</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>The clock of processing time; replace it in tests.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Creates an environment configured as a Flink job would be: <c>$FLINK_CONF_DIR/config.yaml</c> if present,
    /// then <c>FLINK__*</c> environment variables, then <c>-Dkey=value</c> arguments.
    /// </summary>
    /// <param name="args">Command-line arguments; <c>-D</c> properties are read, others ignored.</param>
    /// <returns>The environment.</returns>
    public static StreamExecutionEnvironment Create(string[]? args = null)
    {
        var configuration = new FlinkConfiguration();
        if (Environment.GetEnvironmentVariable("FLINK_CONF_DIR") is { Length: > 0 } confDir && File.Exists(Path.Combine(confDir, "config.yaml")))
        {
            configuration.AddYamlFile(Path.Combine(confDir, "config.yaml"));
        }

        configuration.AddEnvironmentVariables().AddCommandLine(args ?? []);
        return new StreamExecutionEnvironment(configuration);
    }

    /// <summary>Creates an environment with the given configuration.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The environment.</returns>
    public static StreamExecutionEnvironment Create(FlinkConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new StreamExecutionEnvironment(configuration);
    }

    /// <summary>Sets the default parallelism of operators.</summary>
    /// <param name="parallelism">At least 1.</param>
    /// <returns>This environment.</returns>
    public StreamExecutionEnvironment SetParallelism(int parallelism)
    {
        Configuration.Execution.Parallelism = parallelism;
        return this;
    }

    /// <summary>Sets the maximum parallelism (number of key groups) of keyed operators.</summary>
    /// <param name="maxParallelism">Between 1 and 32768, or -1 to derive it from each operator's parallelism.</param>
    /// <returns>This environment.</returns>
    public StreamExecutionEnvironment SetMaxParallelism(int maxParallelism)
    {
        Configuration.Execution.MaxParallelism = maxParallelism;
        return this;
    }

    /// <summary>Enables periodic checkpoints (Flink's <c>enableCheckpointing(interval, mode)</c>).</summary>
    /// <param name="interval">At least 10 ms.</param>
    /// <param name="mode">Exactly-once (the default) or at-least-once.</param>
    /// <returns>This environment.</returns>
    public StreamExecutionEnvironment EnableCheckpointing(TimeSpan interval, CheckpointingMode mode = CheckpointingMode.ExactlyOnce)
    {
        CheckpointConfig.CheckpointInterval = interval;
        CheckpointConfig.CheckpointingMode = mode;
        return this;
    }

    /// <summary>Reads from a source.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The source.</param>
    /// <param name="watermarks">How timestamps and watermarks are generated.</param>
    /// <param name="name">The source's name.</param>
    /// <returns>The stream of the source's records.</returns>
    public DataStream<T> FromSource<T>(ISource<T> source, WatermarkStrategy<T> watermarks, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(watermarks);
        return new DataStream<T>(this, new StreamInput<T>(new SourceTransformation<T>(NextId(), name, source, watermarks), null));
    }

    /// <summary>Reads from a source without event time.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="source">The source.</param>
    /// <param name="name">The source's name.</param>
    /// <returns>The stream of the source's records.</returns>
    public DataStream<T> FromSource<T>(ISource<T> source, string name) => FromSource(source, WatermarkStrategy.NoWatermarks<T>(), name);

    /// <summary>Emits the elements of a collection, from one subtask (as Flink's <c>fromCollection</c>).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="elements">The elements.</param>
    /// <returns>The stream.</returns>
    public DataStream<T> FromCollection<T>(IEnumerable<T> elements) =>
        FromSource(new CollectionSource<T>([.. elements]), "Collection Source").SetParallelism(1);

    /// <summary>Emits the numbers <paramref name="from"/> to <paramref name="to"/> (inclusive), split over the parallel subtasks.</summary>
    /// <param name="from">The first number.</param>
    /// <param name="to">The last number.</param>
    /// <returns>The stream.</returns>
    public DataStream<long> FromSequence(long from, long to) => FromSource(new SequenceSource(from, to), "Sequence Source");

    /// <summary>
    /// Validates the configuration, builds the job graph and runs it until every bounded input is consumed (an
    /// unbounded job runs until <paramref name="cancellationToken"/> is cancelled).
    /// </summary>
    /// <param name="jobName">The job's name.</param>
    /// <param name="cancellationToken">Cancels the job.</param>
    /// <returns>The job's result.</returns>
    /// <exception cref="FlinkConfigurationException">The configuration has errors.</exception>
    /// <exception cref="JobExecutionException">An operator failed; the message names it, its subtask and the record.</exception>
    public Task<JobExecutionResult> ExecuteAsync(string jobName = "FlinkSdk Streaming Job", CancellationToken cancellationToken = default)
    {
        Configuration.ThrowIfInvalid();
        var execution = Configuration.Execution;
        var graph = JobGraph.Build(_sinks, execution.Parallelism, execution.MaxParallelism);
        var bufferTimeout = execution.BufferTimeoutEnabled ? execution.BufferTimeout : Timeout.InfiniteTimeSpan;
        return LocalExecutor.ExecuteAsync(graph, new JobRunSettings(jobName, bufferTimeout, Clock, Configuration, Configuration.StateRecovery.Path, Logger), cancellationToken);
    }

    internal int NextId() => ++_nextId;

    internal void AddSink(Transformation sink) => _sinks.Add(sink);
}
