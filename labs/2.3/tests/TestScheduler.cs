using Npgsql;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Tests;

/// <summary>A scheduler on a database of its own, with a manual clock and a temporary log folder.</summary>
internal sealed class TestScheduler : IAsyncDisposable
{
    private TestScheduler(NpgsqlDataSource db, Scheduler scheduler, ManualClock clock, string logs)
    {
        Db = db;
        Scheduler = scheduler;
        Clock = clock;
        Logs = logs;
    }

    public NpgsqlDataSource Db { get; }
    public Scheduler Scheduler { get; }
    public ManualClock Clock { get; }
    public string Logs { get; }

    public static async Task<TestScheduler> CreateAsync(PostgresFixture postgres, DateTimeOffset now, Func<SchedulerOptions, SchedulerOptions>? configure = null)
    {
        var db = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("orch"));
        var clock = new ManualClock(now);
        var logs = Path.Combine(Path.GetTempPath(), "orch-test-logs-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new SchedulerOptions { Clock = clock, LogDirectory = logs };
        var scheduler = new Scheduler(db, configure?.Invoke(options) ?? options);
        await scheduler.StartAsync();
        return new TestScheduler(db, scheduler, clock, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        if (Directory.Exists(Logs)) Directory.Delete(Logs, recursive: true);
    }
}
