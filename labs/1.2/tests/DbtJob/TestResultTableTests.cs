using Npgsql;
using StatelessMind.Labs.Lifecycle.DbtJob;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Lifecycle.Tests.DbtJob;

/// <summary>The published rows in PostgreSQL: one per test per run, replaced (not added to) when a run publishes again.</summary>
[Goal("1.2-5")]
public sealed class TestResultTableTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_run_publishes_one_row_per_test_and_publishing_again_replaces_them()
    {
        var db = await postgres.CreateDatabaseAsync("dbt_results");
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var at = new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);
        NodeResult pass = new("test.retail.a", NodeStatus.Pass), fail = new("test.retail.b", NodeStatus.Fail, 3, "Got 3 results");

        await TestResultPublisher.WriteRowsAsync(connection, "dbt_retail_daily", "run1", [pass, fail], at, default);
        await TestResultPublisher.WriteRowsAsync(connection, "dbt_retail_daily", "run2", [pass], at, default);
        await TestResultPublisher.WriteRowsAsync(connection, "dbt_retail_daily", "run1", [pass, fail with { Failures = 2 }], at, default);

        await using var command = new NpgsqlCommand($"select run_id, unique_id, status, failures from {TestResultPublisher.Table} order by run_id, unique_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetInt64(3)}");
        Assert.Equal(["run1 test.retail.a pass 0", "run1 test.retail.b fail 2", "run2 test.retail.a pass 0"], rows);
    }
}
