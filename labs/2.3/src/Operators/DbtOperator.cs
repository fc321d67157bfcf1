using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>Runs a dbt command (seed, run, test or build) of a dbt project through lab 2.2's runner, in process. Any model
/// error or failing test fails the try; the return value is the number of nodes that ran.</summary>
public sealed class DbtOperator(string projectDirectory, DbtRunOptions options, string command = "build") : IOperator
{
    public string Kind => "dbt";
    public string Command { get; } = command;

    public async Task<object?> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        var runner = DbtRunner.Open(projectDirectory, options);
        context.Log.Info("dbt", new() { ["command"] = Command, ["project"] = projectDirectory });
        var results = Command switch
        {
            "seed" => await runner.SeedAsync(cancellationToken),
            "run" => await runner.RunAsync(null, cancellationToken),
            "test" => await runner.TestAsync(cancellationToken),
            "build" => await runner.BuildAsync(cancellationToken),
            _ => throw new ArgumentException($"dbt command '{Command}' is not one of seed, run, test, build."),
        };
        foreach (var r in results) context.Log.Info("dbt node", new() { ["node"] = r.UniqueId, ["status"] = r.Status.ToString() });
        var bad = results.Where(r => r.Status is NodeStatus.Error or NodeStatus.Fail).ToList();
        if (bad.Count > 0) throw new InvalidOperationException($"dbt {Command}: {bad.Count} node(s) failed: {string.Join(", ", bad.Select(b => b.UniqueId))}");
        return results.Count;
    }
}
