using Npgsql;
using StatelessMind.Labs.Programming.QueryOptimization;

namespace StatelessMind.Labs.Programming.Tests.QueryOptimization;

/// <summary>A fresh small shop database (1,000 customers, 20,000 orders over a week) and its workload, for one test.</summary>
internal static class ShopLab
{
    public static async Task<(NpgsqlConnection Connection, QueryOptimizationLab Lab, OptimizationWorkload Workload)> OpenAsync(PostgresFixture postgres)
    {
        var conn = new NpgsqlConnection(await postgres.CreateDatabaseAsync("shop"));
        await conn.OpenAsync();
        await ShopDatabase.LoadAsync(conn, customers: 1_000, ordersPerCustomer: 20, days: 7, seed: 17);
        var workload = await ShopDatabase.ChooseWorkloadAsync(conn, pageSize: 25);
        return (conn, new QueryOptimizationLab(conn, workload) { Repetitions = 1 }, workload);
    }
}
