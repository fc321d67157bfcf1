using Npgsql;
using StatelessMind.Labs.Programming.Sql;
using static StatelessMind.Labs.Programming.Tests.Sql.TinyCompany;

namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>The suite on a real PostgreSQL: every query equals the C# reference, on generated data and on the hand-checked company.</summary>
[Collection(PostgresCollection.Name)]
[Goal("1.3-2")]
public sealed class SqlSuiteTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_query_matches_the_reference_on_generated_data()
    {
        var data = SalesDataset.Generate(250, 6, 45, seed: 11);
        await using var conn = new NpgsqlConnection(await postgres.CreateDatabaseAsync("suite"));
        await conn.OpenAsync();
        await SalesDatabase.LoadAsync(conn, data);
        var outcomes = await new SqlQuerySuite().RunAsync(conn, data);
        foreach (var o in outcomes) output.WriteLine($"{o.Query.Name}: {o.Actual.Rows.Count} rows, {(o.Matches ? "match" : o.Comparison.FirstDifference)}");
        Assert.Equal(SqlResources.QueryNames().Count, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Matches && o.Actual.Rows.Count > 0, $"{o.Query.Name}: {o.Comparison.FirstDifference}"));
    }

    [Fact]
    public async Task On_the_hand_checked_company_postgresql_gives_the_hand_computed_rows()
    {
        await using var conn = new NpgsqlConnection(await postgres.CreateDatabaseAsync("tiny"));
        await conn.OpenAsync();
        await SalesDatabase.LoadAsync(conn, Data);
        var outcomes = (await new SqlQuerySuite().RunAsync(conn, Data)).ToDictionary(o => o.Query.Name);
        Assert.All(outcomes.Values, o => Assert.True(o.Matches, $"{o.Query.Name}: {o.Comparison.FirstDifference}"));
        // A few straight from PostgreSQL against the values worked out by hand (see the reference tests for the rest).
        AssertRows(outcomes["rank_dense_rank"].Actual, [1, 1, 300, 1, 1], [1, 2, 200, 2, 2], [1, 3, 200, 2, 2], [1, 4, 100, 4, 3], [2, 5, 250, 1, 1]);
        AssertRows(outcomes["running_total"].Actual,
            [2, 1, Mon, 100L, 100L], [2, 2, Mon, 50L, 150L], [2, 4, Wed, 30L, 180L], [4, 6, NextMon, 10L, 10L], [5, 3, Tue, 400_000L, 400_000L], [5, 5, Fri, 20L, 400_020L]);
        AssertRows(outcomes["anti_join"].Actual, [1, 1], [3, 1], [6, null]);
        AssertRows(outcomes["percentiles"].Actual, [1, 4, 200m, 175m, 300], [2, 1, 250m, 250m, 250]);
    }
}
