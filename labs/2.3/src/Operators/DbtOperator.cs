using System.Diagnostics;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Snapshots;

namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>Runs a dbt command (seed, snapshot, run, test or build) of a dbt project through lab 2.2's runner, in process,
/// and writes dbt's run_results.json to the runner's target folder, whose path it pushes as the XCom
/// <see cref="RunResultsKey"/> whatever the outcome. Any node that errored or any failing test fails the try with a
/// <see cref="DbtCommandException"/> that carries the results; the return value is the number of nodes that ran.</summary>
public sealed class DbtOperator(string projectDirectory, DbtRunOptions options, string command = "build") : IOperator
{
    public const string RunResultsKey = "run_results";

    public string Kind => "dbt";
    public string Command { get; } = command;

    public async Task<object?> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var runner = DbtRunner.Open(projectDirectory, options);
        context.Log.Info("dbt", new() { ["command"] = Command, ["project"] = projectDirectory });
        var started = context.Clock.GetUtcNow();
        var elapsed = Stopwatch.StartNew();
        var results = Command switch
        {
            "seed" => await runner.SeedAsync(cancellationToken),
            "snapshot" => await SnapshotRunner.RunAsync(runner, cancellationToken: cancellationToken),
            "run" => await runner.RunAsync(null, cancellationToken),
            "test" => await runner.TestAsync(cancellationToken),
            "build" => await runner.BuildAsync(cancellationToken),
            _ => throw new ArgumentException($"dbt command '{Command}' is not one of seed, snapshot, run, test, build."),
        };
        var path = RunResults.Write(runner.TargetDirectory, Command, results, started, elapsed.Elapsed);
        await context.XCom.PushAsync(RunResultsKey, path, cancellationToken);
        foreach (var r in results) context.Log.Info("dbt node", new() { ["node"] = r.UniqueId, ["status"] = r.Status.ToString() });
        var bad = results.Where(r => r.Status is NodeStatus.Error or NodeStatus.Fail).ToList();
        if (bad.Count > 0) throw new DbtCommandException(Command, results);
        return results.Count;
    }
}
