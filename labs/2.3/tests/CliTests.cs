using StatelessMind.Labs.Orchestration.Cli;
using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-2")]
[Collection(PostgresCollection.Name)]
public sealed class CliTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static Dag Daily()
    {
        var dag = new Dag("daily_report", new DagOptions { Schedule = "0 0 * * *", StartDate = T0.AddYears(1), MaxActiveRuns = 2 });
        var extract = dag.Task("extract", new Operators.BashOperator("echo rows for {{ ds }}"));
        var broken = dag.Task("broken", DelegateTasks.FailFirst(int.MaxValue));
        _ = extract >> broken;
        return dag;
    }

    private async Task<(int Code, string Text)> Run(TestScheduler t, params string[] args)
    {
        using var writer = new StringWriter();
        var code = await new OrchestratorCli(t.Scheduler, writer).RunAsync(args);
        output.WriteLine($"$ {string.Join(' ', args)} → {code}\n{writer}");
        return (code, writer.ToString());
    }

    [Fact]
    public async Task Dags_list_trigger_backfill_and_runs_show_report_the_runs_and_their_task_states()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, T0);
        t.Scheduler.Register(Daily());

        var (code, text) = await Run(t, "dags", "list");
        Assert.Equal(0, code);
        Assert.Contains("daily_report", text, StringComparison.Ordinal);
        Assert.Contains("extract broken", text, StringComparison.Ordinal);

        (code, text) = await Run(t, "dags", "backfill", "daily_report", "--start", "2026-05-01", "--end", "2026-05-03", "--wait");
        Assert.Equal(1, code); // the broken task fails every run
        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("created backfill__", StringComparison.Ordinal)));
        var rows = text.Split('\n').Where(l => l.StartsWith("broken ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Contains(" failed ", r, StringComparison.Ordinal));

        (code, text) = await Run(t, "dags", "trigger", "daily_report");
        Assert.Equal(0, code);
        var runId = text.Trim().Split(' ')[1];
        (code, text) = await Run(t, "runs", "show", "daily_report", runId);
        Assert.Equal(0, code);
        Assert.Contains("state=queued", text, StringComparison.Ordinal);
        Assert.Matches(@"extract\s+-1\s+none\s+0", text);
    }

    [Fact]
    public async Task Tasks_test_runs_one_task_without_its_dependencies_and_records_no_state()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, T0);
        t.Scheduler.Register(Daily());
        var (code, text) = await Run(t, "tasks", "test", "daily_report", "extract", "2026-05-02");
        Assert.Equal(0, code);
        Assert.Contains("success: rows for 2026-05-02", text, StringComparison.Ordinal);
        (code, text) = await Run(t, "tasks", "test", "daily_report", "broken", "2026-05-02");
        Assert.Equal(1, code);
        Assert.Contains("planted failure on try 1", text, StringComparison.Ordinal);
        Assert.Empty(await t.Scheduler.Store.RunsAsync("daily_report"));
        Assert.Equal(2, (await Run(t, "nonsense")).Code);
    }
}
