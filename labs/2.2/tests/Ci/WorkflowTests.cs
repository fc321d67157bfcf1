using StatelessMind.Labs.Transformation.Ci;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Transformation.Tests.Ci;

/// <summary>
/// The dbt CI workflow, which GitHub Actions runs and this machine cannot: parsed with YamlDotNet and audited for the
/// jobs, the service container and the steps it must have; the copy under .github/workflows must be the lab's.
/// </summary>
[Goal("2.2-2")]
public sealed class WorkflowTests
{
    private static string Yaml() => File.ReadAllText(Path.Combine(ShippedProject.Directory("ci"), "dbt.yml"));

    private static string Profiles() => File.ReadAllText(Path.Combine(ShippedProject.Directory("dbt"), "profiles.yml"));

    [Fact]
    public void The_workflow_has_a_dbt_job_on_a_postgres_service_and_a_csharp_job_and_meets_every_requirement()
    {
        var workflow = GitHubWorkflow.Parse(Yaml());
        Assert.Contains("pull_request", workflow.Triggers);
        Assert.Equal(["dbt", "csharp"], workflow.Jobs.Select(j => j.Id));
        var dbt = workflow.Jobs[0];
        Assert.Equal("postgres:15", Assert.Single(dbt.Services).Image);
        var runs = dbt.Steps.Select(s => s.Run).OfType<string>().ToList();
        Assert.True(runs.IndexOf("dbt deps") < runs.IndexOf("dbt build"));
        Assert.Contains(dbt.Steps, s => s.Uses == "actions/checkout@v4");
        var requirements = WorkflowAudit.Check(workflow, Profiles());
        Assert.True(requirements.Count >= 8);
        Assert.All(requirements, r => Assert.True(r.Met, $"{r.Description}: {r.Found}"));
    }

    [Theory]
    [InlineData(WorkflowBug.NoPullRequestTrigger, "runs on every pull request")]
    [InlineData(WorkflowBug.BuildFailureSwallowed, "a failing dbt build fails the job")]
    [InlineData(WorkflowBug.NoPostgresService, "PostgreSQL service container")]
    public void Each_planted_mistake_is_caught(WorkflowBug bug, string requirement)
    {
        var unmet = WorkflowAudit.Check(GitHubWorkflow.Parse(WorkflowExperiment.Plant(Yaml(), bug)), Profiles()).Where(r => !r.Met).ToList();
        Assert.Contains(unmet, r => r.Description.Contains(requirement, StringComparison.Ordinal));
    }

    [Fact]
    public void A_variable_profiles_yml_reads_but_the_job_does_not_set_is_caught()
    {
        var unmet = WorkflowAudit.Check(GitHubWorkflow.Parse(Yaml()), Profiles() + "\n# {{ env_var('DBT_PG_SSLMODE') }}\n").Where(r => !r.Met).ToList();
        Assert.Contains("DBT_PG_SSLMODE", Assert.Single(unmet).Found, StringComparison.Ordinal);
    }
}
