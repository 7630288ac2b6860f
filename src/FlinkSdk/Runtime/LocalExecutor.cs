using FlinkSdk.DataStream;
using FlinkSdk.Graph;
using FlinkSdk.Runtime.Operators;
using FlinkSdk.Runtime.Tasks;

namespace FlinkSdk.Runtime;

/// <summary>
/// Deploys a job graph in this process: creates every task, the channels between them and the operator chains,
/// runs each task on its own thread, and completes when all tasks finished, or fails the whole job (cancelling
/// every task) as soon as one task fails.
/// </summary>
internal sealed class LocalExecutor
{
    private readonly List<StreamTask> _tasks = [];
    private readonly List<INetworkEdge> _edges = [];
    private readonly object _lock = new();
    private Exception? _failure;
    private int _running;

    public static Task<JobExecutionResult> ExecuteAsync(JobGraph graph, string jobName, TimeSpan bufferTimeout, TimeProvider clock, CancellationToken cancellationToken) =>
        new LocalExecutor().Run(graph, jobName, bufferTimeout, clock, cancellationToken);

    private Task<JobExecutionResult> Run(JobGraph graph, string jobName, TimeSpan bufferTimeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tasksOf = Deploy(graph, bufferTimeout, clock);
        var completion = new TaskCompletionSource<JobExecutionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = clock.GetTimestamp();
        var registration = cancellationToken.Register(() => Fail(new OperationCanceledException(cancellationToken)));
        _running = _tasks.Count;
        foreach (var task in _tasks)
        {
            var thread = new Thread(() => RunTask(task, Finished)) { IsBackground = true, Name = $"{task.Name} ({task.SubtaskIndex + 1}/{task.Parallelism})" };
            thread.Start();
        }

        return completion.Task;

        void Finished()
        {
            registration.Dispose();
            var failure = _failure;
            if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                completion.SetCanceled(cancellationToken);
            }
            else if (failure is not null)
            {
                completion.SetException(JobExecutionException.From(jobName, failure));
            }
            else
            {
                completion.SetResult(new JobExecutionResult(jobName, clock.GetElapsedTime(started), tasksOf.Count));
            }
        }
    }

    private Dictionary<JobVertex, StreamTask[]> Deploy(JobGraph graph, TimeSpan bufferTimeout, TimeProvider clock)
    {
        var tasksOf = new Dictionary<JobVertex, StreamTask[]>();
        var vertexOf = new Dictionary<Transformation, JobVertex>();
        foreach (var vertex in graph.Vertices)
        {
            var head = (IOperatorNode)vertex.Head;
            tasksOf[vertex] = [.. Enumerable.Range(0, vertex.Parallelism).Select(s => head.CreateTask(vertex.Name, s, vertex.Parallelism, bufferTimeout, clock))];
            _tasks.AddRange(tasksOf[vertex]);
            foreach (var node in vertex.Chain)
            {
                vertexOf[node] = vertex;
            }
        }

        // One network edge per input of every chain head.
        var inputEdges = new Dictionary<JobVertex, List<INetworkEdge>>();
        var outputEdges = graph.Vertices.ToDictionary(v => v, _ => new List<INetworkEdge>());
        foreach (var vertex in graph.Vertices)
        {
            inputEdges[vertex] = [];
            foreach (var input in vertex.Head.Inputs)
            {
                var producer = vertexOf[input.Source];
                var edge = input.CreateEdge(producer.Parallelism, vertex.Parallelism, graph.MaxParallelismOf(vertex.Head));
                edge.Connect(tasksOf[producer], tasksOf[vertex]);
                inputEdges[vertex].Add(edge);
                outputEdges[producer].Add(edge);
                _edges.Add(edge);
            }
        }

        foreach (var vertex in graph.Vertices)
        {
            for (int s = 0; s < vertex.Parallelism; s++)
            {
                var task = tasksOf[vertex][s];
                object? handler = outputEdges[vertex].Count == 0
                    ? null
                    : vertex.Tail.CombineOutputs(outputEdges[vertex].Select(edge => edge.CreateWriter(s, task)).ToList());
                for (int i = vertex.Chain.Count - 1; i >= 0; i--)
                {
                    var node = vertex.Chain[i];
                    var setup = new OperatorSetup(node.Name, node.EffectiveUid, s, vertex.Parallelism, graph.MaxParallelismOf(node), task);
                    var created = ((IOperatorNode)node).CreateOperator(setup, handler);
                    if (!ReferenceEquals(created, handler))
                    {
                        // A source creates no operator: its "operator" is the chain behind it, registered already.
                        if (created is ILifecycleOperator lifecycle)
                        {
                            task.Register(lifecycle);
                        }

                        if (created is IProcessingTimeOperator timers)
                        {
                            task.Register(timers);
                        }
                    }

                    handler = created;
                }

                ((IOperatorNode)vertex.Head).ConnectHead(task, [.. inputEdges[vertex].SelectMany(edge => edge.ChannelsOf(s))], handler!);
            }
        }

        return tasksOf;
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

    /// <summary>Records the first failure and cancels every task, waking any that wait on a channel.</summary>
    private void Fail(Exception e)
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
}
