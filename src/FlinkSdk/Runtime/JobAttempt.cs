using FlinkSdk.Checkpointing;
using FlinkSdk.Configuration;
using FlinkSdk.Graph;
using FlinkSdk.Runtime.Operators;
using FlinkSdk.Runtime.Tasks;

namespace FlinkSdk.Runtime;

/// <summary>
/// One execution attempt of a job: creates every task, the channels between them and the operator chains
/// (restored from a checkpoint if given), runs each task on its own thread, and ends when all tasks finished or
/// as soon as one failed, cancelling all others.
/// </summary>
internal sealed class JobAttempt
{
    private readonly List<StreamTask> _tasks = [];
    private readonly List<INetworkEdge> _edges = [];
    private readonly object _lock = new();
    private readonly JobGraph _graph;
    private readonly JobRunSettings _settings;
    private readonly CheckpointCoordinator? _coordinator;
    private readonly RestoreSource? _restore;
    private Exception? _failure;
    private int _running;

    public JobAttempt(JobGraph graph, JobRunSettings settings, CheckpointCoordinator? coordinator, RestoreSource? restore)
    {
        _graph = graph;
        _settings = settings;
        _coordinator = coordinator;
        _restore = restore;
    }

    /// <summary>Runs the attempt; returns its failure, or <see langword="null"/> when every task finished.</summary>
    public Task<Exception?> RunAsync(CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            Deploy();
        }
        catch (Exception e)
        {
            return Task.FromResult<Exception?>(e);
        }

        var registration = cancellationToken.Register(() => Fail(new OperationCanceledException(cancellationToken)));
        _coordinator?.SetTasks(_tasks);
        _running = _tasks.Count;
        foreach (var task in _tasks)
        {
            var thread = new Thread(() => RunTask(task, () =>
            {
                registration.Dispose();
                completion.SetResult(_failure);
            }))
            {
                IsBackground = true,
                Name = task.Describe(),
            };
            thread.Start();
        }

        return completion.Task;
    }

    /// <summary>Records the first failure and cancels every task, waking any that wait on a channel.</summary>
    public void Fail(Exception e)
    {
        lock (_lock)
        {
            if (_failure is not null && !(_failure is OperationCanceledException && e is not OperationCanceledException))
            {
                return;
            }

            _failure = e;
        }

        foreach (var task in _tasks)
        {
            task.Cancel();
        }

        foreach (var edge in _edges)
        {
            edge.Cancel();
        }
    }

    private void Deploy()
    {
        var config = _settings.Configuration.Checkpointing;
        bool exactlyOnce = config.CheckpointingMode == CheckpointingMode.ExactlyOnce;
        var tasksOf = new Dictionary<JobVertex, StreamTask[]>();
        var vertexOf = new Dictionary<Transformation, JobVertex>();
        foreach (var vertex in _graph.Vertices)
        {
            var head = (IOperatorNode)vertex.Head;
            tasksOf[vertex] = [.. Enumerable.Range(0, vertex.Parallelism).Select(s => head.CreateTask(vertex.Name, s, vertex.Parallelism, _settings.BufferTimeout, _settings.Clock))];
            foreach (var task in tasksOf[vertex])
            {
                task.Coordinator = _coordinator;
                task.WaitForFinalCheckpoint = _coordinator is not null && config.CheckpointsAfterTasksFinish;
                if (_restore is { } restore)
                {
                    task.RestoredState = restore.For;
                }

                if (task is IExactlyOnceConfigurable configurable)
                {
                    configurable.ExactlyOnce = exactlyOnce;
                }
            }

            _tasks.AddRange(tasksOf[vertex]);
            foreach (var node in vertex.Chain)
            {
                vertexOf[node] = vertex;
            }
        }

        // One network edge per input of every chain head.
        var inputEdges = new Dictionary<JobVertex, List<INetworkEdge>>();
        var outputEdges = _graph.Vertices.ToDictionary(v => v, _ => new List<INetworkEdge>());
        foreach (var vertex in _graph.Vertices)
        {
            inputEdges[vertex] = [];
            foreach (var input in vertex.Head.Inputs)
            {
                var producer = vertexOf[input.Source];
                var edge = input.CreateEdge(producer.Parallelism, vertex.Parallelism, _graph.MaxParallelismOf(vertex.Head));
                edge.Connect(tasksOf[producer], tasksOf[vertex]);
                inputEdges[vertex].Add(edge);
                outputEdges[producer].Add(edge);
                _edges.Add(edge);
            }
        }

        foreach (var vertex in _graph.Vertices)
        {
            for (int s = 0; s < vertex.Parallelism; s++)
            {
                var task = tasksOf[vertex][s];
                object? handler = outputEdges[vertex].Count == 0
                    ? null
                    : vertex.Tail.CombineOutputs([.. outputEdges[vertex].Select(edge => edge.CreateWriter(s, task))]);
                for (int i = vertex.Chain.Count - 1; i >= 0; i--)
                {
                    var node = vertex.Chain[i];
                    var setup = new OperatorSetup(node.Name, node.EffectiveUid, s, vertex.Parallelism, _graph.MaxParallelismOf(node), task);
                    var created = ((IOperatorNode)node).CreateOperator(setup, handler);
                    if (!ReferenceEquals(created, handler))
                    {
                        // A source creates no operator: its "operator" is the chain behind it, registered already.
                        RegisterOperator(task, created);
                    }

                    handler = created;
                }

                ((IOperatorNode)vertex.Head).ConnectHead(task, [.. inputEdges[vertex].SelectMany(edge => edge.ChannelsOf(s))], handler!);
            }
        }
    }

    private static void RegisterOperator(StreamTask task, object op)
    {
        if (op is ILifecycleOperator lifecycle)
        {
            task.Register(lifecycle);
        }

        if (op is IProcessingTimeOperator timers)
        {
            task.Register(timers);
        }

        if (op is ICheckpointedOperator checkpointed)
        {
            task.Register(checkpointed);
        }
    }

    private void RunTask(StreamTask task, Action onAllFinished)
    {
        try
        {
            task.Run();
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0)
            {
                onAllFinished();
            }
        }
    }
}

/// <summary>Tasks whose barrier handling depends on the checkpointing mode.</summary>
internal interface IExactlyOnceConfigurable
{
    bool ExactlyOnce { get; set; }
}
