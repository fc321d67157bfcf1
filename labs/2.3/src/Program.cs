using Npgsql;
using StatelessMind.Labs.Orchestration.Cli;
using StatelessMind.Labs.Orchestration.Config;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration;

/// <summary>The orchestrator's CLI over the YAML DAGs of dags/configs, its state in the PostgreSQL of SM_POSTGRES.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("SM_POSTGRES");
        if (string.IsNullOrEmpty(connection))
        {
            await Console.Error.WriteLineAsync("Set SM_POSTGRES to a PostgreSQL connection string: the orchestrator keeps its state there.");
            return 2;
        }
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var scheduler = new Scheduler(dataSource, new SchedulerOptions { LogDirectory = Path.Combine(Environment.CurrentDirectory, "logs") });
        var configs = Path.Combine(AppContext.BaseDirectory, "dags", "configs");
        foreach (var dag in new YamlDagFactory(connection).LoadDirectory(configs)) scheduler.Register(dag);
        return await new OrchestratorCli(scheduler, Console.Out).RunAsync(args);
    }
}
