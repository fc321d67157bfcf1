using System.Globalization;
using Npgsql;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.DimensionalModeling.StarSchema;

/// <summary>
/// Goal 2.1-1: generate the operational database, build the dbt project's star schema on PostgreSQL with the C#
/// runner, and check it: dbt's own tests, the declared grain, a dimension row for every fact key, and fact totals
/// equal to the totals of the generated data computed in C#.
/// </summary>
/// <param name="bug">A modeling mistake planted in a copy of the project (tests only): a check must then fail.</param>
public sealed class StarSchemaExperiment(StarSchemaBug bug) : IExperiment
{
    public StarSchemaExperiment() : this(StarSchemaBug.None) { }

    public string GoalId => "2.1-1";
    public string Title => "A star schema built as dbt models: grain, referential integrity and reconciled totals";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var data = RetailOperationalData.Generate(customers: context.Size(300, 20_000), products: context.Size(120, 2_000),
            stores: context.Size(8, 60), orders: context.Size(2_000, 100_000), context.Seed);
        var server = await context.Services.PostgresAsync(cancellationToken);
        var connectionString = await server.CreateDatabaseAsync("star", cancellationToken);
        context.Report(0.1, $"building the star schema over {data}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (runner, results) = await StarSchemaBuild.RunAsync(connectionString, data, bug, cancellationToken);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var marts = runner.RelationOf("fct_sales").Schema;
        context.Report(0.8, "auditing");
        var audit = await StarSchemaAudit.RunAsync(connectionString, marts, data, cancellationToken);

        var models = results.Count(r => r.UniqueId.StartsWith("model.", StringComparison.Ordinal));
        var built = results.Count(r => r.UniqueId.StartsWith("model.", StringComparison.Ordinal) && r.Status == NodeStatus.Success);
        var tests = results.Where(r => r.UniqueId.StartsWith("test.", StringComparison.Ordinal)).ToList();
        var failedTests = tests.Where(t => t.Status != NodeStatus.Pass).Select(t => t.UniqueId[(t.UniqueId.LastIndexOf('.') + 1)..]).ToList();
        var calendarDays = DateOnly.Parse("2024-12-31", CultureInfo.InvariantCulture).DayNumber - DateOnly.Parse("2024-01-01", CultureInfo.InvariantCulture).DayNumber + 1;
        long dateRows;
        long? dailyRevenue = null; // stays null when build skipped the store-day fact after a failing test upstream
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var c1 = new NpgsqlCommand($"select count(*) from \"{marts}\".dim_date", connection);
            dateRows = (long)(await c1.ExecuteScalarAsync(cancellationToken))!;
            if (results.Any(r => r.UniqueId.EndsWith(".fct_daily_store_sales", StringComparison.Ordinal) && r.Status == NodeStatus.Success))
            {
                await using var c2 = new NpgsqlCommand($"select coalesce(sum(revenue_cents), 0)::bigint from \"{marts}\".fct_daily_store_sales", connection);
                dailyRevenue = (long)(await c2.ExecuteScalarAsync(cancellationToken))!;
            }
        }

        var builder = new FindingBuilder(GoalId, Title);
        builder.Table(FindingTable.Of($"The audit of fct_sales ({data})", ["measure", "found", "expected"],
        [
            ["fact rows", audit.FactRows, audit.ExpectedRows],
            ["rows beyond the first per (order_id, line_number)", audit.DuplicateGrainRows, 0],
            ["rows sharing a sales_key", audit.DuplicateSalesKeys, 0],
            .. audit.OrphansByDimension.Select(kv => new object[] { $"fact rows without a {kv.Key} row", kv.Value, 0 }),
            ["revenue (cents)", audit.FactRevenueCents, audit.ExpectedRevenueCents],
            ["units", audit.FactUnits, audit.ExpectedUnits],
            ["dim_date rows", dateRows, calendarDays],
        ]));
        builder
            .Check(built == models && models > 0, $"every model builds ({built} of {models})")
            .Check(failedTests.Count == 0, $"every dbt test passes ({tests.Count - failedTests.Count} of {tests.Count}{(failedTests.Count > 0 ? "; failing: " + string.Join(", ", failedTests) : "")})")
            .Check(audit.GrainHolds, "the grain holds: one fact row per order line, a unique sales_key")
            .Check(audit.ReferentiallyIntact, "every fact row joins to every dimension")
            .Check(audit.Reconciles, "fact revenue and units equal the operational data's totals")
            .Check(dateRows == calendarDays, "dim_date has one row per day of the calendar (date spine)")
            .Check(dailyRevenue == audit.FactRevenueCents, dailyRevenue is null
                ? "the store-day fact, on the same conformed dimensions, adds up to fct_sales (it was not built: build skipped it)"
                : "the store-day fact, on the same conformed dimensions, adds up to fct_sales");

        var inflation = audit.ExpectedRevenueCents == 0 ? 0 : (double)audit.FactRevenueCents / audit.ExpectedRevenueCents;
        return builder
            .Figure("fact rows", audit.FactRows, "", key: true)
            .Figure("dbt tests passed", tests.Count - failedTests.Count, "", key: true, target: $"{tests.Count}")
            .Figure("fact revenue / source revenue", inflation, "×", key: true, target: "1")
            .Figure("orphan fact rows", audit.OrphansByDimension.Values.Sum(), "", target: "0")
            .Figure("build time (seeds, models, tests)", buildSeconds, "s")
            .Note("dbt's tests run inside the build; the audit measures the same properties again with its own SQL, and the expected totals come from the generated rows in C#, not from the database.")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{built} of {models} models built over {data}; {tests.Count - failedTests.Count} of {tests.Count} dbt tests passed; " +
                $"{audit.DuplicateGrainRows} duplicate grain rows, {audit.DuplicateSalesKeys} duplicate sales keys, {audit.OrphansByDimension.Values.Sum()} orphan keys; " +
                $"fact revenue / source revenue = {inflation:0.####}."));
    }
}
