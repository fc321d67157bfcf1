using System.Globalization;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Graph;
using StatelessMind.Labs.Transformation.Jinja;
using StatelessMind.Labs.Transformation.Project;
using StatelessMind.Labs.Transformation.Snapshots;

namespace StatelessMind.Labs.Transformation.Cli;

/// <summary>
/// The runner's command line: <see cref="DispatchAsync"/> is the one place where each verb is sent to the code that
/// does it. The exit code follows dbt's: 0 when every node succeeded or passed, 1 when one errored, failed or was
/// skipped, 2 when the command line or the project is wrong.
/// </summary>
public static class DbtCli
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, DbtRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await DispatchAsync(DbtCommandLine.Parse(args), output, options ?? new DbtRunOptions(), cancellationToken);
        }
        catch (Exception e) when (e is DbtUsageException or UnknownNodeException or DbtProjectException or TemplateException or DependencyCycleException or JinjaCallException)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    /// <summary>Sends a parsed command to the runner; every verb goes through this switch.</summary>
    public static async Task<int> DispatchAsync(DbtCommandLine command, TextWriter output, DbtRunOptions options, CancellationToken cancellationToken = default)
    {
        var runner = DbtRunner.Open(command.ProjectDirectory, options with
        {
            ProfilesDirectory = command.ProfilesDirectory ?? options.ProfilesDirectory,
            Target = command.Target ?? options.Target,
            FullRefresh = command.FullRefresh || options.FullRefresh,
        });
        IReadOnlyList<NodeResult> results;
        var started = DateTimeOffset.UtcNow;
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        switch (command.Verb)
        {
            case DbtVerb.Build:
                // The project's snapshots read sources only, so running them before the seeds, models and tests is one
                // of the DAG's orders; with --select they run only when a selector names one of them.
                var snapshots = SnapshotRunner.Load(runner).Where(s => command.Select is null || s.Name == command.Select).ToList();
                results = [.. snapshots.Count == 0 ? [] : await SnapshotRunner.RunAsync(runner, new SnapshotRunOptions { Select = command.Select }, cancellationToken),
                           .. command.Select is not null && snapshots.Count > 0 ? [] : await runner.BuildAsync(command.Select, cancellationToken)];
                break;
            case DbtVerb.Run:
                results = await runner.RunAsync(command.Select, cancellationToken);
                break;
            case DbtVerb.Test:
                results = await runner.TestAsync(command.Select, cancellationToken);
                break;
            case DbtVerb.Seed:
                results = await runner.ExecuteAsync(command.Select, seeds: true, models: false, tests: false, cancellationToken);
                break;
            case DbtVerb.Snapshot:
                results = await SnapshotRunner.RunAsync(runner, new SnapshotRunOptions { Select = command.Select }, cancellationToken);
                break;
            case DbtVerb.Compile:
            {
                var selected = command.Select is null ? null : runner.SelectNodes(command.Select);
                var compiled = runner.CompileAll().Where(m => selected is null || selected.Contains(m.UniqueId)).ToList();
                foreach (var m in compiled) await output.WriteLineAsync($"compiled {m.UniqueId} -> target/compiled/{runner.ProjectName}/{m.RelativePath}");
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Compiled {compiled.Count} models."));
                return 0;
            }
            case DbtVerb.DocsGenerate:
            {
                var docs = runner.GenerateDocs();
                await output.WriteLineAsync($"Catalog written to {docs.ManifestPath} and {docs.IndexPath}");
                return 0;
            }
            default:
                throw new DbtUsageException($"no handler for {command.Verb}");
        }
        // As dbt does after every command that runs nodes: what each node did, for schedulers and CI jobs to read.
        RunResults.Write(runner.TargetDirectory, command.Verb.ToString().ToLowerInvariant(), results, started, elapsed.Elapsed);
        foreach (var r in results) await output.WriteLineAsync($"{r.Status.ToString().ToUpperInvariant(),-8} {r.UniqueId} {r.Message}".TrimEnd());
        var bad = results.Count(r => r.Status is NodeStatus.Error or NodeStatus.Fail or NodeStatus.Skipped);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Done. PASS={results.Count(r => r.Status is NodeStatus.Success or NodeStatus.Pass)} ERROR={results.Count(r => r.Status == NodeStatus.Error)} " +
            $"FAIL={results.Count(r => r.Status == NodeStatus.Fail)} SKIP={results.Count(r => r.Status == NodeStatus.Skipped)} TOTAL={results.Count}"));
        return bad == 0 ? 0 : 1;
    }
}
