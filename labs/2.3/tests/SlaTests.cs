using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-2")]
public sealed class SlaTests
{
    private static readonly DateTimeOffset End = new(2026, 4, 1, 1, 0, 0, TimeSpan.Zero);

    private static (Dag, DagRunInfo) Setup()
    {
        var dag = new Dag("sla");
        dag.Task("fast", DelegateTasks.Work(TimeSpan.Zero), new TaskOptions { Sla = TimeSpan.FromMinutes(10) });
        dag.Task("none", DelegateTasks.Work(TimeSpan.Zero));
        return (dag, new DagRunInfo("sla", "r", "scheduled", End.AddHours(-1), End.AddHours(-1), End, "running", End, End, null));
    }

    private static TaskInstanceInfo Ti(string task, TaskState state, DateTimeOffset? end) =>
        new(new TaskInstanceKey("sla", "r", task), state, 1, 1, null, null, end, null, null);

    [Fact]
    public void A_task_not_done_by_interval_end_plus_sla_is_a_miss_and_not_before()
    {
        var (dag, run) = Setup();
        var running = new[] { Ti("fast", TaskState.Running, null), Ti("none", TaskState.Running, null) };
        Assert.Empty(SlaCheck.Missed(dag, run, running, End.AddMinutes(10)));
        Assert.Equal(["fast"], SlaCheck.Missed(dag, run, running, End.AddMinutes(10).AddSeconds(1)));
    }

    [Fact]
    public void A_task_that_succeeded_in_time_is_no_miss_and_one_that_succeeded_late_is()
    {
        var (dag, run) = Setup();
        Assert.Empty(SlaCheck.Missed(dag, run, [Ti("fast", TaskState.Success, End.AddMinutes(9))], End.AddHours(5)));
        Assert.Equal(["fast"], SlaCheck.Missed(dag, run, [Ti("fast", TaskState.Success, End.AddMinutes(11))], End.AddHours(5)));
        Assert.Empty(SlaCheck.Missed(dag, run, [Ti("fast", TaskState.Skipped, End.AddMinutes(11))], End.AddHours(5)));
    }
}
