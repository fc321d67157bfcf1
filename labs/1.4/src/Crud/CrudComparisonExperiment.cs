using System.Globalization;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>
/// Goal 1.4-3: the same CRUD workload through the Npgsql repository and the EF Core repository, each on its own
/// fresh database of the same server: throughput, latency percentiles and commands sent per operation side by
/// side, the size of each implementation's code, and a check that both left exactly the same data behind.
/// </summary>
/// <param name="bug">A deliberate mistake for the Npgsql repository (tests only): the checks must then fail.</param>
public sealed class CrudComparisonExperiment(RepositoryBug bug) : IExperiment
{
    public CrudComparisonExperiment() : this(RepositoryBug.None) { }

    public string GoalId => "1.4-3";
    public string Title => "Full CRUD with Npgsql and with EF Core: throughput and p99 side by side";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        // Small: 25 rounds in all, so that round 25 places the one order beyond stock that must be refused.
        var warmupRounds = context.Size(5, 200);
        var blocks = context.Size(2, 10);
        var roundsPerBlock = context.Size(10, 200);
        var server = await context.Services.PostgresAsync(cancellationToken);
        var finding = new FindingBuilder(GoalId, Title);

        // Both clients' sessions commit without waiting for the WAL flush (synchronous_commit=off): the comparison is
        // about the work each client does per call, which a shared disk's fsync latency would otherwise drown.
        var npgsqlDb = WithoutFlushWait(await server.CreateDatabaseAsync("crud_npgsql", cancellationToken));
        var efDb = WithoutFlushWait(await server.CreateDatabaseAsync("crud_efcore", cancellationToken));
        using var npgsqlCommands = new CommandCounter(new NpgsqlConnectionStringBuilder(npgsqlDb).Database!);
        using var efCommands = new CommandCounter(new NpgsqlConnectionStringBuilder(efDb).Database!);
        await using var npgsql = await NpgsqlShopRepository.OpenAsync(npgsqlDb, bug, cancellationToken);
        await using var ef = await EfCoreShopRepository.OpenAsync(efDb, cancellationToken);
        (IShopRepository Repository, CrudWorkload Workload)[] runs =
        [
            (npgsql, await CrudWorkload.SetUpAsync(npgsql, context.Seed, npgsqlCommands, cancellationToken)),
            (ef, await CrudWorkload.SetUpAsync(ef, context.Seed, efCommands, cancellationToken)),
        ];

        context.Report(0.05, $"warm-up: {warmupRounds} rounds each");
        foreach (var (_, workload) in runs) await workload.RunAsync(warmupRounds, record: false, cancellationToken);
        // Alternate the order block by block, so that drift on a shared machine hits both alike.
        for (var b = 0; b < blocks; b++)
        {
            foreach (var (repository, workload) in b % 2 == 0 ? runs : Enumerable.Reverse(runs))
            {
                context.Report(0.1 + 0.8 * b / blocks, $"block {b + 1}/{blocks}: {repository.Name}");
                await workload.RunAsync(roundsPerBlock, record: true, cancellationToken);
            }
        }

        var (a, e) = (runs[0].Workload, runs[1].Workload);
        var rows = CrudWorkload.Operations.Select(op => new object[]
        {
            op,
            a.Latency[op].Count,
            a.Latency[op].Summarize().P50Ms, a.Latency[op].Summarize().P99Ms, PerCall(a.CommandsSent[op], a.Latency[op].Count),
            e.Latency[op].Summarize().P50Ms, e.Latency[op].Summarize().P99Ms, PerCall(e.CommandsSent[op], e.Latency[op].Count),
            e.Latency[op].Summarize().P99Ms / a.Latency[op].Summarize().P99Ms,
        }).ToList();
        var npgsqlRate = a.MeasuredOperations / a.MeasuredTime.TotalSeconds;
        var efRate = e.MeasuredOperations / e.MeasuredTime.TotalSeconds;
        rows.Add(["all operations", a.MeasuredOperations, a.All.Summarize().P50Ms, a.All.Summarize().P99Ms,
            PerCall(a.CommandsSent.Values.Sum(), a.MeasuredOperations), e.All.Summarize().P50Ms, e.All.Summarize().P99Ms,
            PerCall(e.CommandsSent.Values.Sum(), e.MeasuredOperations), e.All.Summarize().P99Ms / a.All.Summarize().P99Ms]);
        finding.Table(FindingTable.Of("Latency (ms) and commands per call, Npgsql vs EF Core",
            ["operation", "calls", "Npgsql p50", "Npgsql p99", "Npgsql cmds", "EF p50", "EF p99", "EF cmds", "EF/Npgsql p99"], rows));

        // Same calls, same seed: both databases must end up with the same products and the same orders.
        var sameData = await FingerprintAsync(npgsqlDb, cancellationToken) == await FingerprintAsync(efDb, cancellationToken);
        finding.Check(sameData, "both repositories left identical products, orders and order lines");
        var orderRoundTrips = PerCall(a.CommandsSent["place order"], a.Latency["place order"].Count);
        var efOrderCommands = PerCall(e.CommandsSent["place order"], e.Latency["place order"].Count);
        finding.Check(orderRoundTrips == 2, $"Npgsql places an order in 2 round trips whatever its lines (one INSERT, one batch): measured {orderRoundTrips:0.##}")
            .Check(efOrderCommands > orderRoundTrips, $"EF Core sends more commands than Npgsql to place an order (one ExecuteUpdate per line, a price query, SaveChanges): {efOrderCommands:0.##} vs {orderRoundTrips:0.##}");
        foreach (var (repository, workload) in runs)
        {
            var stored = await Sql.ScalarAsync<long>(repository == npgsql ? npgsqlDb : efDb, "SELECT count(*) FROM purchase_order", cancellationToken);
            finding.Check(workload.RefusedOrders > 0 && workload.UnrefusedOrders == 0 && stored == workload.PlacedOrders,
                $"{repository.Name}: {workload.RefusedOrders} orders beyond stock refused with InsufficientStockException, none stored " +
                $"({stored} orders in the database, {workload.PlacedOrders} placed)");
        }

        var plot = new ScottPlot.Plot();
        var ops = CrudWorkload.Operations.ToArray();
        var np = plot.Add.Bars(ops.Select((_, i) => i - 0.2).ToArray(), ops.Select(op => a.Latency[op].Summarize().P99Ms).ToArray());
        np.LegendText = $"Npgsql ({npgsqlRate:N0} ops/s)";
        foreach (var bar in np.Bars) bar.Size = 0.4;
        var efBars = plot.Add.Bars(ops.Select((_, i) => i + 0.2).ToArray(), ops.Select(op => e.Latency[op].Summarize().P99Ms).ToArray());
        efBars.LegendText = $"EF Core ({efRate:N0} ops/s)";
        foreach (var bar in efBars.Bars) bar.Size = 0.4;
        plot.Axes.Bottom.SetTicks([.. ops.Select((_, i) => (double)i)], ops);
        plot.Axes.Left.Label.Text = "p99 latency (ms)";
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.Title("Same CRUD workload, one client, embedded PostgreSQL");
        finding.Plot(context.SavePlot(plot, "crud-p99.png", "p99 latency per operation; throughput in the legend"));

        finding
            .Figure("Npgsql throughput", npgsqlRate, "ops/s", key: true)
            .Figure("EF Core throughput", efRate, "ops/s", key: true)
            .Figure("EF Core / Npgsql throughput", efRate / npgsqlRate, "×", key: true)
            .Figure("Npgsql p99 (all operations)", a.All.Summarize().P99Ms, "ms")
            .Figure("EF Core p99 (all operations)", e.All.Summarize().P99Ms, "ms")
            .Figure("Npgsql commands per operation", PerCall(a.CommandsSent.Values.Sum(), a.MeasuredOperations), "")
            .Figure("EF Core commands per operation", PerCall(e.CommandsSent.Values.Sum(), e.MeasuredOperations), "");
        if (CodeLines("NpgsqlShopRepository.cs") is { } npgsqlLines &&
            CodeLines("EfCoreShopRepository.cs", "EfCore/ShopDbContext.cs", "EfCore/CategoryRow.cs", "EfCore/CustomerRow.cs",
                "EfCore/ProductRow.cs", "EfCore/OrderRow.cs", "EfCore/OrderLineRow.cs") is { } efLines)
            finding.Figure("Npgsql repository code", npgsqlLines, "lines").Figure("EF Core repository + model code", efLines, "lines")
                .Note("Code lines: non-blank, non-comment lines; EF Core's count includes its model (DbContext and row classes) but not the generated migration, Npgsql's schema is sql/schema.sql.");
        return finding
            .Note($"{a.MeasuredOperations:N0} measured calls per implementation in {blocks} alternating blocks after {warmupRounds} warm-up rounds; one client, sequential calls, on {server.Description}.")
            .Note("Sessions ran with synchronous_commit=off: a commit returns before its WAL reaches the disk, so writes cost CPU and round trips, not fsync.")
            .Note("Commands: Npgsql tracing activities per call (one per command or batch = one round trip; the COMMIT of an explicit transaction is not counted).")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"The same {a.MeasuredOperations:N0} calls ran at {npgsqlRate:N0} ops/s through {npgsql.Name} and {efRate:N0} ops/s through EF Core ({efRate / npgsqlRate:0.00}×); p99 {a.All.Summarize().P99Ms:0.##} ms vs {e.All.Summarize().P99Ms:0.##} ms."));
    }

    private static string WithoutFlushWait(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c synchronous_commit=off" }.ConnectionString;

    private static double PerCall(long commands, long calls) => calls == 0 ? 0 : (double)commands / calls;

    private static Task<string> FingerprintAsync(string connectionString, CancellationToken cancellationToken) =>
        // Order ids may differ (a refused order burns an id in one implementation and not the other), so orders
        // are compared by their content in id order; product ids are compared as they are.
        Sql.ScalarAsync<string>(connectionString, """
            SELECT (SELECT md5(string_agg(format('%s|%s|%s|%s|%s|%s', product_id, sku, name, category_id, unit_price, stock), ',' ORDER BY product_id)) FROM product)
                || ' ' ||
                   (SELECT md5(string_agg(content, ',' ORDER BY order_id)) FROM (
                        SELECT o.order_id, o.customer_id || ':' || string_agg(format('%s/%s/%s/%s', l.line_no, l.product_id, l.quantity, l.unit_price), ';' ORDER BY l.line_no) AS content
                          FROM purchase_order o JOIN order_line l USING (order_id)
                         GROUP BY o.order_id, o.customer_id) AS orders)
            """, cancellationToken);

    /// <summary>Non-blank, non-comment lines of source files under labs/1.4/src/Crud; null when the sources are not at hand.</summary>
    private static int? CodeLines(params string[] files)
    {
        string folder;
        try
        {
            folder = Path.Combine(RepositoryLayout.Locate().LabDirectory("1.4"), "src", "Crud");
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        var paths = files.Select(f => Path.Combine(folder, f)).ToList();
        if (!paths.All(File.Exists)) return null;
        return paths.SelectMany(File.ReadLines).Select(l => l.Trim()).Count(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && l != "{" && l != "}");
    }
}
