using FlinkSdk.State;

namespace FlinkSdk.DataStream;

/// <summary>Receives the records a function emits.</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface ICollector<in T>
{
    /// <summary>Emits a record downstream.</summary>
    /// <param name="value">The record.</param>
    void Collect(T value);
}

/// <summary>Information about the parallel instance a function runs in, and access to its state.</summary>
public interface IRuntimeContext
{
    /// <summary>The operator's name.</summary>
    string OperatorName { get; }

    /// <summary>The index of this parallel instance, from 0.</summary>
    int SubtaskIndex { get; }

    /// <summary>The operator's parallelism.</summary>
    int Parallelism { get; }

    /// <summary>The operator's maximum parallelism (number of key groups).</summary>
    int MaxParallelism { get; }

    /// <summary>Declares keyed state: one value per key, read and written for the current key. Only in keyed operators.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="descriptor">The state's name (unique within the operator) and default.</param>
    /// <returns>The state.</returns>
    IValueState<T> GetState<T>(ValueStateDescriptor<T> descriptor);

    /// <summary>Declares operator (non-keyed) state: a list owned by this parallel instance.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="descriptor">The state's name (unique within the operator).</param>
    /// <returns>The state.</returns>
    IListState<T> GetListState<T>(ListStateDescriptor<T> descriptor);
}

/// <summary>Base of user functions with a life cycle: <see cref="Open"/> before the first record, <see cref="Close"/> after the last.</summary>
public abstract class RichFunction
{
    /// <summary>
    /// Each parallel instance runs its own copy of the function object the job was built with (a shallow copy,
    /// as Flink gives each subtask its own deserialized copy): initialize per-instance fields in <see cref="Open"/>.
    /// </summary>
    internal RichFunction CloneForSubtask() => (RichFunction)MemberwiseClone();

    /// <summary>Called once before processing; declare state here.</summary>
    /// <param name="context">The runtime context.</param>
    public virtual void Open(IRuntimeContext context)
    {
    }

    /// <summary>Called once after the last record (also when the job fails).</summary>
    public virtual void Close()
    {
    }
}

/// <summary>
/// Implemented by functions that want to know when a checkpoint completed or was aborted (Flink's
/// <c>CheckpointListener</c>): best effort, in increasing id order; a completed id subsumes all lower ones.
/// </summary>
public interface ICheckpointListener
{
    /// <summary>Checkpoint <paramref name="checkpointId"/> completed (and with it every lower id).</summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    void NotifyCheckpointComplete(long checkpointId);

    /// <summary>Checkpoint <paramref name="checkpointId"/> was aborted; act as if it was never triggered.</summary>
    /// <param name="checkpointId">The checkpoint id.</param>
    void NotifyCheckpointAborted(long checkpointId)
    {
    }
}

/// <summary>Timers and time of a keyed function (Flink's <c>TimerService</c>).</summary>
public interface ITimerService
{
    /// <summary>The current processing time, in milliseconds since the Unix epoch.</summary>
    long CurrentProcessingTime { get; }

    /// <summary>The current event time watermark (<see cref="long.MinValue"/> before the first watermark).</summary>
    long CurrentWatermark { get; }

    /// <summary>Calls <c>OnTimer</c> for the current key when processing time reaches <paramref name="time"/>.</summary>
    /// <param name="time">Milliseconds since the Unix epoch.</param>
    void RegisterProcessingTimeTimer(long time);

    /// <summary>Calls <c>OnTimer</c> for the current key when the watermark reaches <paramref name="time"/>.</summary>
    /// <param name="time">The event time.</param>
    void RegisterEventTimeTimer(long time);

    /// <summary>Deletes a processing-time timer of the current key.</summary>
    /// <param name="time">The timer's time.</param>
    void DeleteProcessingTimeTimer(long time);

    /// <summary>Deletes an event-time timer of the current key.</summary>
    /// <param name="time">The timer's time.</param>
    void DeleteEventTimeTimer(long time);
}

/// <summary>Which clock fired a timer.</summary>
public enum TimeDomain
{
    /// <summary>The watermark passed the timer's time.</summary>
    EventTime,

    /// <summary>The wall clock passed the timer's time.</summary>
    ProcessingTime,
}

/// <summary>A function over each record of a non-keyed stream (Flink's <c>ProcessFunction</c>).</summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class ProcessFunction<TIn, TOut> : RichFunction
{
    /// <summary>Processes one record.</summary>
    /// <param name="value">The record.</param>
    /// <param name="context">The record's timestamp and the time.</param>
    /// <param name="output">Where to emit results.</param>
    public abstract void ProcessElement(TIn value, Context context, ICollector<TOut> output);

    /// <summary>What a <see cref="ProcessFunction{TIn,TOut}"/> knows about the record being processed.</summary>
    public abstract class Context
    {
        /// <summary>The record's event-time timestamp, if it has one.</summary>
        public abstract long? Timestamp { get; }

        /// <summary>The current processing time, in milliseconds since the Unix epoch.</summary>
        public abstract long CurrentProcessingTime { get; }

        /// <summary>The current watermark.</summary>
        public abstract long CurrentWatermark { get; }
    }
}

/// <summary>
/// A function over each record of a keyed stream, with keyed state and timers (Flink's <c>KeyedProcessFunction</c>).
/// State declared in <see cref="RichFunction.Open"/> is scoped to the current key.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public abstract class KeyedProcessFunction<TKey, TIn, TOut> : RichFunction
{
    /// <summary>Processes one record; state and timers refer to its key.</summary>
    /// <param name="value">The record.</param>
    /// <param name="context">The key, timestamp and timer service.</param>
    /// <param name="output">Where to emit results.</param>
    public abstract void ProcessElement(TIn value, Context context, ICollector<TOut> output);

    /// <summary>Called when a timer registered for the current key fires.</summary>
    /// <param name="timestamp">The timer's time.</param>
    /// <param name="context">The key, time domain and timer service.</param>
    /// <param name="output">Where to emit results.</param>
    public virtual void OnTimer(long timestamp, OnTimerContext context, ICollector<TOut> output)
    {
    }

    /// <summary>What a keyed function knows while processing a record.</summary>
    public abstract class Context
    {
        /// <summary>The key of the record (or timer) being processed.</summary>
        public abstract TKey CurrentKey { get; }

        /// <summary>The record's (or timer's) event-time timestamp, if it has one.</summary>
        public abstract long? Timestamp { get; }

        /// <summary>Timers and time.</summary>
        public abstract ITimerService TimerService { get; }
    }

    /// <summary>What a keyed function knows while a timer fires.</summary>
    public abstract class OnTimerContext : Context
    {
        /// <summary>Which clock fired the timer.</summary>
        public abstract TimeDomain TimeDomain { get; }
    }
}
