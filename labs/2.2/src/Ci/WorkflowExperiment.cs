using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Transformation.Cli;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Ci;

/// <summary>
/// Goal 2.2-2: GitHub Actions cannot run here, so the workflow is checked for what makes it a gate — read with
/// YamlDotNet and audited (<see cref="WorkflowAudit"/>): triggered by every pull request, dbt deps and dbt build
/// against a PostgreSQL service container, the C# tests. What makes a failing test block the change is the exit code
/// of <c>dbt build</c>; the runner's <c>build</c> follows dbt there, and the experiment runs it on PostgreSQL twice:
/// the project as it is (exit 0) and with a failing test planted (exit 1).
/// </summary>
public sealed class WorkflowExperiment(WorkflowBug bug) : IExperiment
{
    public WorkflowExperiment() : this(WorkflowBug.None) { }

    public string GoalId => "2.2-2";
    public string Title => "dbt CI: the workflow's jobs, service container and steps, and build's exit code as the gate";

    /// <summary>The workflow text with <paramref name="bug"/> planted.</summary>
    public static string Plant(string yaml, WorkflowBug bug)
    {
        var (from, to) = bug switch
        {
            WorkflowBug.NoPullRequestTrigger => ("on:\n  pull_request:\n", "on:\n"),
            WorkflowBug.BuildFailureSwallowed => ("run: dbt build\n", "run: dbt build || true\n"),
            WorkflowBug.NoPostgresService => ("    services:\n      postgres:\n        image: postgres:15\n", "    services:\n      cache:\n        image: redis:7\n"),
            _ => ("", ""),
        };
        if (from.Length == 0) return yaml;
        var at = yaml.IndexOf(from, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"the workflow no longer holds the text the planted bug {bug} edits");
        return yaml[..at] + to + yaml[(at + from.Length)..];
    }

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var yaml = Plant(File.ReadAllText(Path.Combine(ShippedProject.Directory("ci"), "dbt.yml")), bug);
        var workflow = GitHubWorkflow.Parse(yaml);
        var profiles = File.ReadAllText(Path.Combine(ShippedProject.Directory("dbt"), "profiles.yml"));
        var requirements = WorkflowAudit.Check(workflow, profiles);

        context.Report(0.3, "the runner's build: exit codes with and without a failing test");
        var copy = ShippedProject.Copy();
        int clean, failing;
        string failingOutput;
        try
        {
            var server = await context.Services.PostgresAsync(cancellationToken);
            var db = await server.CreateDatabaseAsync("dbtci", cancellationToken);
            await ShippedProject.LoadSourcesAsync(db, context.Size(ShippedProject.DefaultOrders, 20_000), cancellationToken);
            var options = new DbtRunOptions { Environment = ProfileTarget.Environment(db, "analytics"), TargetDirectory = Path.Combine(copy, "target") };
            clean = await DbtCli.RunAsync(["build", "--project-dir", copy], TextWriter.Null, options, cancellationToken);
            File.WriteAllText(Path.Combine(copy, "tests", "assert_no_orders.sql"), "select order_id from {{ ref('stg_orders') }}\n");
            var output = new StringWriter();
            failing = await DbtCli.RunAsync(["build", "--project-dir", copy], output, options, cancellationToken);
            failingOutput = output.ToString().Split('\n').LastOrDefault(l => l.StartsWith("Done.", StringComparison.Ordinal)) ?? "";
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }

        var builder = new FindingBuilder(GoalId, Title);
        builder.Table(FindingTable.Of("The workflow's jobs", ["job", "runs on", "services", "steps"],
            workflow.Jobs.Select(j => new object[] { j.Id, j.RunsOn ?? "", string.Join(", ", j.Services.Select(s => s.Image)), string.Join(" → ", j.Steps.Select(s => s.Name ?? s.Uses ?? s.Run)) })));
        builder.Table(FindingTable.Of("Requirements", ["requirement", "met", "found"], requirements.Select(r => new object[] { r.Description, r.Met ? "yes" : "NO", r.Found })));
        foreach (var r in requirements) builder.Check(r.Met, r.Description);
        builder
            .Check(clean == 0, $"build of the project as it is exits 0 (exit {clean})")
            .Check(failing == 1, $"build with a failing test exits 1, which fails the CI step (exit {failing}: {failingOutput})");
        var dbtJob = workflow.Jobs.FirstOrDefault(j => j.Steps.Any(s => s.Run == "dbt build"));
        return builder
            .Figure("workflow requirements met", requirements.Count(r => r.Met), "", key: true, target: $"{requirements.Count}")
            .Figure("jobs", workflow.Jobs.Count, "")
            .Figure("steps of the dbt job", dbtJob?.Steps.Count ?? 0, "")
            .Figure("build exit code with a failing test", failing, "", key: true, target: "1")
            .Note("GitHub Actions cannot run on this machine: the workflow is checked as a file (labs/2.2/ci/dbt.yml, kept identical to .github/workflows/dbt.yml), and the gate it relies on — a non-zero exit of dbt build when a test fails — is shown with the lab's runner on PostgreSQL.")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{requirements.Count(r => r.Met)} of {requirements.Count} workflow requirements met over {workflow.Jobs.Count} jobs; build exits {clean} as it is and {failing} with a failing test."));
    }
}
