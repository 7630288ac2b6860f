using O = FlinkSdk.Configuration.FlinkOptions;

namespace FlinkSdk.Configuration;

/// <summary>Parallelism and state backend of a job (<c>parallelism.default</c>, <c>pipeline.max-parallelism</c>, <c>state.backend.type</c>).</summary>
public sealed class ExecutionConfig : ConfigView
{
    /// <summary>Flink's upper bound of the maximum parallelism, 32768.</summary>
    public const int UpperBoundMaxParallelism = ConfigurationValidator.UpperBoundMaxParallelism;

    internal ExecutionConfig(FlinkConfiguration owner)
        : base(owner)
    {
    }

    /// <summary>Default parallelism of operators (<c>parallelism.default</c>, default 1).</summary>
    public int Parallelism
    {
        get => Get<int>(O.DefaultParallelism);
        set
        {
            Require(value >= 1, value, "Parallelism must be at least one.");
            Set(O.DefaultParallelism, value);
        }
    }

    /// <summary>
    /// Maximum parallelism, i.e. the number of key groups (<c>pipeline.max-parallelism</c>); -1, the default,
    /// derives it from the parallelism as Flink does (1.5 × parallelism rounded up to a power of two, within 128..32768).
    /// </summary>
    public int MaxParallelism
    {
        get => Get<int>(O.MaxParallelism);
        set
        {
            Require(value == -1 || (value >= 1 && value <= UpperBoundMaxParallelism), value, "Maximum parallelism must be -1 or between 1 and 32768 (Must be less than or equal to 32768).");
            Set(O.MaxParallelism, value);
        }
    }

    /// <summary>Whether partly filled output buffers are flushed after <see cref="BufferTimeout"/> (<c>execution.buffer-timeout.enabled</c>, default true).</summary>
    public bool BufferTimeoutEnabled
    {
        get => Get<bool>(O.BufferTimeoutEnabled);
        set => Set(O.BufferTimeoutEnabled, value);
    }

    /// <summary>The longest time records wait in a partly filled output buffer (<c>execution.buffer-timeout.interval</c>, default 100 ms).</summary>
    public TimeSpan BufferTimeout
    {
        get => Get<TimeSpan>(O.BufferTimeoutInterval);
        set
        {
            Require(value >= TimeSpan.Zero, value, "The buffer timeout must be zero or positive.");
            Set(O.BufferTimeoutInterval, value);
        }
    }

    /// <summary>The state backend (<c>state.backend.type</c>, default <c>hashmap</c>, the only one FlinkSdk provides).</summary>
    public string StateBackend
    {
        get => Get<string>(O.StateBackendType);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Set(O.StateBackendType, value);
        }
    }
}
