using System.Text.RegularExpressions;

namespace StatelessMind.Labs.Transformation.Ci;

/// <summary>
/// What the dbt CI workflow must have for a failing dbt test to block a pull request: it runs on every pull request;
/// a job with a PostgreSQL service container (health-checked, port 5432 published) installs dbt-postgres, points
/// every variable profiles.yml reads at that container, loads the source data, runs <c>dbt deps</c> then
/// <c>dbt build</c> without swallowing its exit code; and a job runs the lab's C# tests.
/// </summary>
public static partial class WorkflowAudit
{
    [GeneratedRegex(@"env_var\(\s*'(\w+)'")]
    private static partial Regex EnvVar();

    /// <param name="profilesYml">The project's profiles.yml: the variables its <c>env_var()</c> calls read must be set by the job.</param>
    public static IReadOnlyList<WorkflowRequirement> Check(GitHubWorkflow workflow, string profilesYml)
    {
        var requirements = new List<WorkflowRequirement>();
        #region Exercise 2.2-2b: the requirements a dbt CI workflow must meet (tests: WorkflowTests, WorkflowExperimentTests)
        requirements.Add(new("runs on every pull request (pull_request, unfiltered)", workflow.Triggers.Contains("pull_request") && !workflow.PullRequestFiltered,
            string.Join(", ", workflow.Triggers)));
        var dbtJob = workflow.Jobs.FirstOrDefault(j => j.Steps.Any(s => IsRun(s, "dbt build")));
        requirements.Add(new("a job runs dbt build", dbtJob is not null, string.Join(", ", workflow.Jobs.Select(j => j.Id))));
        var steps = dbtJob?.Steps ?? [];
        var postgres = dbtJob?.Services.FirstOrDefault(s => s.Image.StartsWith("postgres:", StringComparison.Ordinal));
        requirements.Add(new("that job has a PostgreSQL service container, health-checked, on port 5432",
            postgres is not null && postgres.Options.Contains("--health-cmd", StringComparison.Ordinal) && postgres.Ports.Any(p => p.EndsWith(":5432", StringComparison.Ordinal) || p == "5432"),
            postgres is null ? "no postgres:* service" : $"{postgres.Image}, ports {string.Join(" ", postgres.Ports)}"));
        int Index(string command) => steps.ToList().FindIndex(s => IsRun(s, command));
        requirements.Add(new("it installs dbt-postgres", steps.Any(s => s.Run?.Contains("pip install", StringComparison.Ordinal) == true && s.Run.Contains("dbt-postgres", StringComparison.Ordinal)),
            string.Join(" | ", steps.Select(s => s.Run).OfType<string>())));
        var load = steps.ToList().FindIndex(s => s.Run?.Contains("retail_ops.sql", StringComparison.Ordinal) == true);
        requirements.Add(new("it loads the source data before dbt build", load >= 0 && load < Index("dbt build"), $"load at step {load}, build at step {Index("dbt build")}"));
        requirements.Add(new("dbt deps runs before dbt build", Index("dbt deps") >= 0 && Index("dbt deps") < Index("dbt build"), $"deps at step {Index("dbt deps")}, build at step {Index("dbt build")}"));
        var build = Index("dbt build") >= 0 ? steps[Index("dbt build")] : null;
        requirements.Add(new("a failing dbt build fails the job (no continue-on-error, no '|| true')",
            build is not null && !build.ContinueOnError && dbtJob is { ContinueOnError: false } && !build.Run!.Contains("||", StringComparison.Ordinal),
            build?.Run ?? "no dbt build step"));
        var needed = EnvVar().Matches(profilesYml).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var missing = needed.Where(v => dbtJob?.Environment.ContainsKey(v) != true).ToList();
        requirements.Add(new("the job sets every variable profiles.yml reads", dbtJob is not null && missing.Count == 0,
            missing.Count == 0 ? string.Join(", ", needed) : "missing: " + string.Join(", ", missing)));
        requirements.Add(new("a job runs the lab's C# tests", workflow.Jobs.Any(j => j.Steps.Any(s => s.Run?.Contains("dotnet test labs/2.2", StringComparison.Ordinal) == true)),
            string.Join(" | ", workflow.Jobs.SelectMany(j => j.Steps).Select(s => s.Run).OfType<string>().Where(r => r.Contains("dotnet", StringComparison.Ordinal)))));
        #endregion
        return requirements;
    }

    /// <summary>A step whose command is <paramref name="command"/> (alone or followed by arguments).</summary>
    private static bool IsRun(WorkflowStep step, string command) =>
        step.Run is { } run && (run.Trim() == command || run.TrimStart().StartsWith(command + " ", StringComparison.Ordinal));
}
