using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-1")]
[Collection(PostgresCollection.Name)]
public sealed class CrashResumeTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_new_scheduler_resumes_a_crashed_run_without_rerunning_completed_tasks()
    {
        var outcome = await DagExecutionExperiment.CrashResumeScenarioAsync(postgres.Server, OrchestrationBug.None, Path.Combine(Path.GetTempPath(), "orch-crash"), default);
        output.WriteLine(outcome.Executions);
        Assert.Equal(0, outcome.CompletedRerun);
        Assert.Equal("success", outcome.RunState);
        Assert.Equal("a=1, b=2, c=1", outcome.Executions);
    }

    [Fact]
    public async Task The_planted_restart_bug_that_reruns_completed_tasks_is_caught()
    {
        var outcome = await DagExecutionExperiment.CrashResumeScenarioAsync(postgres.Server, OrchestrationBug.RestartRerunsCompletedTasks, Path.Combine(Path.GetTempPath(), "orch-crash"), default);
        output.WriteLine(outcome.Executions);
        Assert.True(outcome.CompletedRerun > 0);
    }
}
