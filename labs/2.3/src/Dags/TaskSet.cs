namespace StatelessMind.Labs.Orchestration.Dags;

/// <summary>Several tasks on one side of <c>&gt;&gt;</c>: <c>a &gt;&gt; TaskSet.Of(b, c) &gt;&gt; d</c> fans out and back in.</summary>
public sealed record TaskSet(IReadOnlyList<DagTask> Tasks)
{
    public static TaskSet Of(params DagTask[] tasks) => new(tasks);

    /// <summary>Every task of the set runs before <paramref name="downstream"/> (fan-in).</summary>
    public static DagTask operator >>(TaskSet upstream, DagTask downstream)
    {
        foreach (var task in upstream.Tasks) task.SetDownstream(downstream);
        return downstream;
    }
}
