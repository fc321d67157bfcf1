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

    [Fact]
    public void The_github_copy_is_the_labs_file_where_the_repository_has_one()
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && root is null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "labs", "goals.yaml"))) root = dir.FullName;
        Assert.NotNull(root);
        var github = Path.Combine(root, ".github", "workflows", "dbt.yml");
        var lab = File.ReadAllText(Path.Combine(root, "labs", "2.2", "ci", "dbt.yml"));
        Assert.Equal(Yaml(), lab); // the copy beside the assembly is the lab's file
        if (File.Exists(github)) Assert.Equal(lab, File.ReadAllText(github));
    }

    [Fact]
    public void The_compose_dbt_service_points_every_variable_profiles_yml_reads_at_the_compose_postgres()
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && root is null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "labs", "goals.yaml"))) root = dir.FullName;
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        using (var reader = new StreamReader(Path.Combine(root!, "infra", "compose", "dbt", "compose.yml"))) stream.Load(reader);
        var dbt = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode)["services"])["dbt"];
        Assert.StartsWith("ghcr.io/dbt-labs/dbt-postgres:1.8", dbt["image"].ToString(), StringComparison.Ordinal);
        var env = ((YamlDotNet.RepresentationModel.YamlMappingNode)dbt["environment"]).Children.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString());
        Assert.Equal("postgres-primary", env["DBT_PG_HOST"]);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(Profiles(), @"env_var\('(\w+)'"))
            Assert.True(env.ContainsKey(m.Groups[1].Value), m.Groups[1].Value);
    }
}
