using Cronos;
using StatelessMind.Labs.Orchestration.Operators;

namespace StatelessMind.Labs.Orchestration.Dags;

/// <summary>
/// A directed acyclic graph of tasks with a schedule. Build it with <see cref="Task"/> and <c>&gt;&gt;</c>, then hand it to
/// a <see cref="Execution.Scheduler"/>, which validates it (a cycle is rejected, named) when it is registered.
/// </summary>
public sealed class Dag
{
    private readonly Dictionary<string, DagTask> _tasks = new(StringComparer.Ordinal);
    private readonly List<DagTask> _order = [];

    public Dag(string dagId, DagOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(dagId)) throw new DagDefinitionException("A DAG needs a dag_id.");
        DagId = dagId;
        Options = options ?? new DagOptions();
        if (Options.MaxActiveRuns < 1) throw new DagDefinitionException($"DAG '{dagId}': max_active_runs must be at least 1, not {Options.MaxActiveRuns}.");
        if (Options.Schedule is { } cron)
        {
            try
            {
                Cron = CronExpression.Parse(cron);
            }
            catch (CronFormatException e)
            {
                throw new DagDefinitionException($"DAG '{dagId}': schedule '{cron}' is not a five-field cron expression: {e.Message}");
            }
        }
    }

    public string DagId { get; }
    public DagOptions Options { get; }

    /// <summary>The parsed schedule (Cronos), or null for a manually triggered DAG.</summary>
    public CronExpression? Cron { get; }

    /// <summary>The tasks in the order they were added.</summary>
    public IReadOnlyList<DagTask> Tasks => _order;

    public DagTask this[string taskId] => _tasks.TryGetValue(taskId, out var t) ? t
        : throw new DagDefinitionException($"DAG '{DagId}' has no task '{taskId}' (tasks: {string.Join(", ", _tasks.Keys)}).");

    /// <summary>Adds a task; its id must be unique in the DAG.</summary>
    public DagTask Task(string taskId, IOperator op, TaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (string.IsNullOrWhiteSpace(taskId)) throw new DagDefinitionException($"DAG '{DagId}': a task needs a task_id.");
        if (_tasks.ContainsKey(taskId)) throw new DagDefinitionException($"DAG '{DagId}' already has a task '{taskId}'.");
        var task = new DagTask(this, taskId, op, options ?? new TaskOptions());
        _tasks.Add(taskId, task);
        _order.Add(task);
        return task;
    }

    /// <summary>The tasks in an order where every task follows its upstream tasks (Kahn's algorithm, ties by insertion order).
    /// Throws <see cref="DagCycleException"/> naming a cycle, and <see cref="DagDefinitionException"/> for a mapped task
    /// whose list source is not one of its upstream tasks.</summary>
    public IReadOnlyList<string> TopologicalOrder()
    {
        foreach (var task in _order)
        {
            if (task.Options.ExpandFrom is { } source && !task.Upstream.Contains(source))
                throw new DagDefinitionException($"DAG '{DagId}': task '{task.TaskId}' expands over the XCom of '{source}', which must be one of its upstream tasks.");
        }
        return Sort();
    }

    private List<string> Sort()
    {
        #region Exercise 2.3-1a: order the tasks so that every task follows its upstream tasks, and name a cycle when there is one (tests: DagGraphTests, DagExecutionTests)
        var indegree = _order.ToDictionary(t => t.TaskId, t => t.Upstream.Count, StringComparer.Ordinal);
        var ready = new Queue<string>(_order.Where(t => t.Upstream.Count == 0).Select(t => t.TaskId));
        var sorted = new List<string>(_order.Count);
        while (ready.Count > 0)
        {
            var id = ready.Dequeue();
            sorted.Add(id);
            foreach (var next in _order.Where(t => _tasks[id].Downstream.Contains(t.TaskId)))
            {
                if (--indegree[next.TaskId] == 0) ready.Enqueue(next.TaskId);
            }
        }
        if (sorted.Count == _order.Count) return sorted;

        // Every task left has an upstream task left: walk upstream until a task repeats; that stretch is a cycle.
        var left = indegree.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var path = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var current = _order.First(t => left.Contains(t.TaskId)).TaskId;
        while (!seen.ContainsKey(current))
        {
            seen[current] = path.Count;
            path.Add(current);
            current = _tasks[current].Upstream.First(left.Contains);
        }
        var loop = path.Skip(seen[current]).Reverse().ToList();
        var first = loop.IndexOf(_order.First(t => loop.Contains(t.TaskId)).TaskId); // start at the task added first
        var cycle = loop.Skip(first).Concat(loop.Take(first)).ToList();
        cycle.Add(cycle[0]);
        throw new DagCycleException(DagId, cycle);
        #endregion
    }
}
