using System.Globalization;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Cli;

/// <summary>
/// The orchestrator's command line over a scheduler with its DAGs registered:
/// <c>dags list</c>, <c>dags trigger DAG [--wait]</c>, <c>dags backfill DAG --start DATE --end DATE [--wait]</c>,
/// <c>tasks test DAG TASK DATE</c>, <c>runs show DAG RUN_ID</c> (a table of the run's task states). Returns the exit code.
/// </summary>
public sealed class OrchestratorCli(Scheduler scheduler, TextWriter output)
{
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        try
        {
            await scheduler.StartAsync(cancellationToken);
            return (args.ElementAtOrDefault(0), args.ElementAtOrDefault(1)) switch
            {
                ("dags", "list") => List(),
                ("dags", "trigger") when args.Count >= 3 => await TriggerAsync(args, cancellationToken),
                ("dags", "backfill") when args.Count >= 3 => await BackfillAsync(args, cancellationToken),
                ("tasks", "test") when args.Count >= 5 => await TestAsync(args, cancellationToken),
                ("runs", "show") when args.Count >= 4 => await ShowAsync(args[2], args[3], cancellationToken),
                _ => Usage(),
            };
        }
        catch (Exception e) when (e is Dags.DagDefinitionException or InvalidOperationException or FormatException)
        {
            await output.WriteLineAsync("error: " + e.Message);
            return 1;
        }
    }

    private int Usage()
    {
        output.WriteLine("usage: dags list | dags trigger DAG [--wait] | dags backfill DAG --start DATE --end DATE [--wait] | tasks test DAG TASK DATE | runs show DAG RUN_ID");
        return 2;
    }

    private int List()
    {
        output.WriteLine($"{"dag_id",-24} {"schedule",-16} {"catchup",-8} {"max_active_runs",-16} tasks");
        foreach (var dag in scheduler.Dags.OrderBy(d => d.DagId, StringComparer.Ordinal))
            output.WriteLine($"{dag.DagId,-24} {dag.Options.Schedule ?? "None",-16} {dag.Options.Catchup,-8} {dag.Options.MaxActiveRuns,-16} {string.Join(" ", dag.TopologicalOrder())}");
        return 0;
    }

    private async Task<int> TriggerAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var run = await scheduler.TriggerAsync(args[2], cancellationToken: cancellationToken);
        output.WriteLine($"created {run.RunId}");
        return args.Contains("--wait") ? await WaitAndShowAsync(run.DagId, [run.RunId], cancellationToken) : 0;
    }

    private async Task<int> BackfillAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = Date(Option(args, "--start"));
        var end = Date(Option(args, "--end"));
        var runs = await scheduler.BackfillAsync(args[2], start, end, cancellationToken);
        foreach (var run in runs) output.WriteLine($"created {run.RunId}");
        return args.Contains("--wait") ? await WaitAndShowAsync(args[2], [.. runs.Select(r => r.RunId)], cancellationToken) : 0;
    }

    private async Task<int> WaitAndShowAsync(string dagId, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        await scheduler.RunUntilIdleAsync(cancellationToken: cancellationToken);
        var code = 0;
        foreach (var runId in runIds) code = Math.Max(code, await ShowAsync(dagId, runId, cancellationToken));
        return code;
    }

    private async Task<int> TestAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (result, error, log) = await scheduler.TestTaskAsync(args[2], args[3], Date(args[4]), cancellationToken);
        output.WriteLine(error is null ? $"success: {result}" : $"failed: {error.Message}");
        output.WriteLine($"log: {log}");
        return error is null ? 0 : 1;
    }

    private async Task<int> ShowAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        var run = await scheduler.Store.RunAsync(dagId, runId, cancellationToken)
            ?? throw new InvalidOperationException($"DAG '{dagId}' has no run '{runId}'.");
        output.WriteLine($"{run.DagId} {run.RunId} ({run.RunType}) state={run.State} interval=[{run.DataIntervalStart:O}, {run.DataIntervalEnd:O})");
        output.WriteLine($"{"task_id",-24} {"map_index",-9} {"state",-16} {"try",-4} duration_s");
        foreach (var ti in await scheduler.Store.TaskInstancesAsync(dagId, runId, cancellationToken))
            output.WriteLine($"{ti.Key.TaskId,-24} {ti.Key.MapIndex,-9} {TaskStates.Name(ti.State),-16} {ti.TryNumber,-4} {ti.DurationSeconds?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"}");
        return run.State == "failed" ? 1 : 0;
    }

    private static string Option(IReadOnlyList<string> args, string name)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : throw new FormatException($"{name} DATE is required.");
    }

    private static DateTimeOffset Date(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
