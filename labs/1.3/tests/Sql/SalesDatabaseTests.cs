using Npgsql;
using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>Loading: every generated row arrives, NULL departments and the root's NULL manager included.</summary>
[Collection(PostgresCollection.Name)]
[Goal("1.3-2")]
public sealed class SalesDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Every_row_and_every_null_arrives()
    {
        var data = SalesDataset.Generate(150, 5, 30, seed: 3);
        await using var conn = new NpgsqlConnection(await postgres.CreateDatabaseAsync("load"));
        await conn.OpenAsync();
        await SalesDatabase.LoadAsync(conn, data);
        var counts = await PostgresRows.ReadAsync(conn,
            "SELECT (SELECT count(*) FROM departments), (SELECT count(*) FROM employees), (SELECT count(*) FROM sales), " +
            "(SELECT count(*) FROM employees WHERE department_id IS NULL), (SELECT count(*) FROM employees WHERE manager_id IS NULL), " +
            "(SELECT sum(amount_cents) FROM sales), (SELECT max(sold_on) FROM sales)");
        Assert.Equal(ResultSet.Of(counts.Columns, [[
            data.Departments.Count, data.Employees.Count, data.Sales.Count,
            data.Employees.Count(e => e.DepartmentId is null), 1, data.Sales.Sum(s => s.AmountCents), data.Sales.Max(s => s.SoldOn),
        ]]).Rows[0], counts.Rows[0]);
    }
}
