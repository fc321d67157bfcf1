using StatelessMind.Labs.Orchestration.Operators;

namespace StatelessMind.Labs.Orchestration.Dags;

/// <summary>A node of a DAG: an operator with its options and its dependencies (<c>a &gt;&gt; b</c>: a runs before b).</summary>
public sealed class DagTask
{
    private readonly SortedSet<string> _upstream = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _downstream = new(StringComparer.Ordinal);

    internal DagTask(Dag dag, string taskId, IOperator op, TaskOptions options)
    {
        Dag = dag;
        TaskId = taskId;
        Operator = op;
        Options = options;
    }

    public Dag Dag { get; }
    public string TaskId { get; }
    public IOperator Operator { get; }
    public TaskOptions Options { get; }
    public IReadOnlySet<string> Upstream => _upstream;
    public IReadOnlySet<string> Downstream => _downstream;
    public bool IsMapped => Options.ExpandFrom is not null;

    /// <summary>Makes <paramref name="downstream"/> run after this task; returns it, so that chains read left to right.</summary>
    public DagTask SetDownstream(DagTask downstream)
    {
        if (!ReferenceEquals(downstream.Dag, Dag))
            throw new DagDefinitionException($"'{TaskId}' >> '{downstream.TaskId}': the tasks belong to different DAGs.");
        if (downstream.TaskId == TaskId) throw new DagCycleException(Dag.DagId, [TaskId, TaskId]);
        _downstream.Add(downstream.TaskId);
        downstream._upstream.Add(TaskId);
        return downstream;
    }

    public static DagTask operator >>(DagTask upstream, DagTask downstream) => upstream.SetDownstream(downstream);

    /// <summary>Fan-out: every task of the set runs after <paramref name="upstream"/>.</summary>
    public static TaskSet operator >>(DagTask upstream, TaskSet downstream)
    {
        foreach (var task in downstream.Tasks) upstream.SetDownstream(task);
        return downstream;
    }

    public override string ToString() => $"{Dag.DagId}.{TaskId}";
}
