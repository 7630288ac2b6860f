namespace FlinkSdk.Runtime.Operators;

/// <summary>A user function failed; carries the operator, subtask and record so the job's error can name them.</summary>
internal sealed class OperatorException(string operatorName, int subtaskIndex, int parallelism, string? record, Exception inner)
    : Exception(Format(operatorName, subtaskIndex, parallelism, record, inner), inner)
{
    private const int MaxRecordText = 200;

    public string OperatorName { get; } = operatorName;

    public int SubtaskIndex { get; } = subtaskIndex;

    public string? Record { get; } = record;

    /// <summary>Wraps an exception thrown by a user function; exceptions already wrapped downstream pass unchanged.</summary>
    public static Exception Wrap(Exception e, OperatorSetup setup, object? record) =>
        e is OperatorException or OperationCanceledException
            ? e
            : new OperatorException(setup.Name, setup.SubtaskIndex, setup.Parallelism, Describe(record), e);

    /// <summary>Runs a life-cycle call of a user function, naming the operator if it fails.</summary>
    public static void Run(OperatorSetup setup, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            throw Wrap(e, setup, null);
        }
    }

    public static string? Describe(object? record)
    {
        if (record is null)
        {
            return null;
        }

        string text = record.ToString() ?? string.Empty;
        return text.Length <= MaxRecordText ? text : text[..MaxRecordText] + "…";
    }

    private static string Format(string name, int subtask, int parallelism, string? record, Exception inner) =>
        $"Operator '{name}' (subtask {subtask + 1}/{parallelism}) failed" +
        (record is null ? string.Empty : $" on record '{record}'") + $": {inner.GetType().Name}: {inner.Message}";
}
