using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.DimensionalModeling.Tests.StarSchema;

/// <summary>The star schema built by the runner on real PostgreSQL, audited; and each planted modeling bug caught.</summary>
[Collection(PostgresCollection.Name)]
[Goal("2.1-1")]
public sealed class StarSchemaAuditTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly RetailOperationalData Data = RetailOperationalData.Generate(customers: 150, products: 60, stores: 5, orders: 1_500, seed: 7);

    private async Task<(IReadOnlyList<NodeResult> Results, StarSchemaAuditReport Audit)> BuildAsync(StarSchemaBug bug)
    {
        var db = await postgres.CreateDatabaseAsync("star");
        var (runner, results) = await StarSchemaBuild.RunAsync(db, Data, bug, CancellationToken.None);
        foreach (var r in results.Where(r => r.Status is not (NodeStatus.Success or NodeStatus.Pass))) output.WriteLine($"{r.Status} {r.UniqueId} {r.Message}");
        var audit = await StarSchemaAudit.RunAsync(db, runner.RelationOf("fct_sales").Schema, Data, CancellationToken.None);
        output.WriteLine(audit.ToString());
        return (results, audit);
    }

    [Fact]
    public async Task The_project_builds_and_every_dbt_test_passes_with_grain_keys_and_totals_intact()
    {
        var (results, audit) = await BuildAsync(StarSchemaBug.None);

        Assert.All(results, r => Assert.True(r.Status is NodeStatus.Success or NodeStatus.Pass, $"{r.UniqueId}: {r.Status} {r.Message}"));
        Assert.Contains(results, r => r.UniqueId == "test.retail.unique_fct_sales_sales_key");
        Assert.Contains(results, r => r.UniqueId == "test.retail.relationships_fct_sales_date_key");
        Assert.Equal(Data.Lines.Count, audit.FactRows);
        Assert.Equal(0, audit.DuplicateGrainRows);
        Assert.Equal(0, audit.DuplicateSalesKeys);
        Assert.All(audit.OrphansByDimension, kv => Assert.Equal(0, kv.Value));
        Assert.Equal(Data.TotalRevenueCents, audit.FactRevenueCents); // expected total computed from the generated rows in C#
        Assert.Equal(Data.TotalUnits, audit.FactUnits);
    }

    [Fact]
    public async Task A_fan_out_join_duplicates_facts_and_the_grain_and_totals_checks_catch_it()
    {
        var (results, audit) = await BuildAsync(StarSchemaBug.FanOutJoin);

        Assert.True(audit.DuplicateGrainRows > 0);
        Assert.True(audit.FactRevenueCents > Data.TotalRevenueCents);
        Assert.False(audit.GrainHolds);
        Assert.False(audit.Reconciles);
        Assert.Contains(results, r => r.UniqueId == "test.retail.assert_fact_revenue_matches_lines" && r.Status == NodeStatus.Fail);
    }

    [Fact]
    public async Task A_surrogate_key_without_a_separator_collides_and_the_unique_key_checks_catch_it()
    {
        var (results, audit) = await BuildAsync(StarSchemaBug.CollidingSurrogateKey);

        // Independently: the keys that order_id and line_number glued together without a separator share.
        var glued = Data.Lines.GroupBy(l => $"{l.OrderId}{l.LineNumber}").Sum(g => g.Count() - 1L);
        output.WriteLine($"colliding (order_id, line_number) pairs in the generated data: {glued}");
        Assert.True(glued > 0, "the generated data must hold pairs such as (1, 12) and (11, 2)");
        Assert.Equal(0, audit.DuplicateGrainRows); // the rows are right; only their keys collide
        Assert.Equal(glued, audit.DuplicateSalesKeys);
        Assert.False(audit.GrainHolds);
        Assert.Contains(results, r => r.UniqueId == "test.retail.unique_fct_sales_sales_key" && r.Status == NodeStatus.Fail);
    }

    [Fact]
    public async Task An_orphan_key_is_counted_per_dimension()
    {
        var db = await postgres.CreateDatabaseAsync("orphan");
        await using var connection = new Npgsql.NpgsqlConnection(db);
        await connection.OpenAsync();
        await using (var setup = new Npgsql.NpgsqlCommand(
            "create table f (k int, order_id int, line_number int); create table d (k int); insert into d values (1), (2); " +
            "insert into f values (1, 1, 1), (2, 1, 2), (3, 2, 1), (null, 2, 2), (1, 2, 2)", connection))
            await setup.ExecuteNonQueryAsync();

        await using var orphans = new Npgsql.NpgsqlCommand(StarSchemaAudit.OrphanQuery("f", "k", "d"), connection);
        Assert.Equal(2L, await orphans.ExecuteScalarAsync()); // 3 has no row, and a null key joins nothing
        await using var duplicates = new Npgsql.NpgsqlCommand(StarSchemaAudit.DuplicateQuery("f", ["order_id", "line_number"]), connection);
        Assert.Equal(1L, await duplicates.ExecuteScalarAsync());
    }
}
