using Npgsql;
using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>Each planted bug returns wrong rows on PostgreSQL, and the suite's row-for-row check must say so.</summary>
[Collection(PostgresCollection.Name)]
[Goal("1.3-2")]
public sealed class PlantedSqlBugTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Theory]
    [InlineData(SqlSuiteBug.RangeFrameInRunningTotal, "running_total")]
    [InlineData(SqlSuiteBug.InnerJoinForAntiJoin, "anti_join")]
    public async Task The_check_catches_the_planted_query(SqlSuiteBug bug, string query)
    {
        var data = SalesDataset.Generate(120, 6, 30, seed: 5);
        Assert.Contains(data.Sales.GroupBy(s => (s.EmployeeId, s.SoldOn)), g => g.Count() > 1); // the RANGE trap is in the data
        await using var conn = new NpgsqlConnection(await postgres.CreateDatabaseAsync("planted"));
        await conn.OpenAsync();
        await SalesDatabase.LoadAsync(conn, data);
        var outcomes = await new SqlQuerySuite(bug).RunAsync(conn, data);
        var planted = outcomes.Single(o => o.Query.Name == query);
        output.WriteLine($"{bug}: {planted.Comparison.FirstDifference}");
        Assert.Equal(query, SqlQuerySuite.PlantedIn(bug));
        Assert.False(planted.Matches);
        Assert.NotNull(planted.Comparison.FirstDifference);
        Assert.All(outcomes.Where(o => o.Query.Name != query), o => Assert.True(o.Matches, o.Query.Name));
    }
}
