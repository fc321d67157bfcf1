using Npgsql;
using StatelessMind.Labs.DimensionalModeling.Hierarchies;

namespace StatelessMind.Labs.DimensionalModeling.Tests.Hierarchies;

/// <summary>The two bridge rollups on four hand-written rows whose answers are known.</summary>
[Collection(PostgresCollection.Name)]
[Goal("2.1-3")]
public sealed class BridgeRollupTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_shared_account_counts_once_weighted_and_once_per_holder_unweighted()
    {
        await using var connection = new NpgsqlConnection(await postgres.CreateDatabaseAsync("bridge"));
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand("""
            create schema m;
            create table m.dim_customer (customer_key text, segment text);
            create table m.bridge_account_holder (account_key text, customer_key text, weighting_factor numeric(9, 4));
            create table m.fct_account_transactions (account_key text, amount_cents bigint);
            insert into m.dim_customer values ('c1', 'consumer'), ('c2', 'corporate'), ('c3', 'consumer');
            insert into m.bridge_account_holder values ('a', 'c1', 0.7), ('a', 'c2', 0.3), ('b', 'c3', 1);
            insert into m.fct_account_transactions values ('a', 100), ('a', 60), ('b', 40);
            """, connection))
            await setup.ExecuteNonQueryAsync();

        async Task<Dictionary<string, decimal>> RollupAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new Dictionary<string, decimal>();
            while (await reader.ReadAsync()) rows[reader.GetString(0)] = reader.GetDecimal(1);
            return rows;
        }

        var weighted = await RollupAsync(HierarchyAudit.WeightedRollupQuery("m"));
        Assert.Equal(160m * 0.7m + 40m, weighted["consumer"]);
        Assert.Equal(160m * 0.3m, weighted["corporate"]);
        Assert.Equal(200m, weighted.Values.Sum()); // the fact's total
        var unweighted = await RollupAsync(HierarchyAudit.UnweightedRollupQuery("m"));
        Assert.Equal(200m, unweighted["consumer"]);
        Assert.Equal(160m, unweighted["corporate"]);
        Assert.Equal(360m, unweighted.Values.Sum()); // account a counted twice
    }
}
