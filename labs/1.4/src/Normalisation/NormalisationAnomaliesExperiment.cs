using System.Globalization;
using Npgsql;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>
/// Goal 1.4-2: the same shop data in the denormalised table and in the 3NF schema, the same business operations
/// on both, and a count of what went wrong: contradictions after updates, rows each update had to rewrite,
/// facts that could not be inserted, facts lost by deletes - and the space each form takes.
/// </summary>
/// <param name="bug">A deliberate design mistake in the normalised form (tests only): its checks must then fail.</param>
public sealed class NormalisationAnomaliesExperiment(ShopFormBug bug) : IExperiment
{
    public NormalisationAnomaliesExperiment() : this(ShopFormBug.None) { }

    public string GoalId => "1.4-2";
    public string Title => "Update, insert and delete anomalies: denormalised table vs 3NF schema";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var data = ShopDataset.Generate(
            customers: context.Size(200, 5_000), products: context.Size(300, 5_000), orders: context.Size(1_000, 50_000), context.Seed);
        var renames = context.Size(50, 500);
        var inserts = context.Size(20, 200);
        var deletes = data.Orders.Count / 10;
        var server = await context.Services.PostgresAsync(cancellationToken);
        // The experiment counts outcomes, not time: its thousands of one-row commits need not wait for the WAL flush.
        var connectionString = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync("anomalies", cancellationToken))
        {
            Options = "-c synchronous_commit=off",
        }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        IShopForm[] forms = [new DenormalisedShop(dataSource), new NormalisedShop(dataSource, bug)];
        var results = forms.ToDictionary(f => f, _ => new Dictionary<string, double>());

        context.Report(0.05, $"loading {data}");
        foreach (var form in forms)
        {
            await form.CreateAsync(cancellationToken);
            await form.LoadAsync(data, cancellationToken);
        }
        await using (var analyze = dataSource.CreateCommand("ANALYZE")) await analyze.ExecuteNonQueryAsync(cancellationToken);
        results[forms[0]]["storage (MB)"] = await SizeAsync(dataSource, ["order_flat"], cancellationToken);
        results[forms[1]]["storage (MB)"] = await SizeAsync(dataSource, ShopSchema.NormalisedTables, cancellationToken);

        // The same random choices for both forms.
        var random = new Random(context.Seed);
        var renamedOrders = Enumerable.Range(0, renames).Select(_ => data.Orders[random.Next(data.Orders.Count)].OrderId).ToList();
        var renamedCustomers = Enumerable.Range(0, renames).Select(_ => data.Orders[random.Next(data.Orders.Count)].Customer).Distinct().ToList();
        var deletedOrders = data.Orders.Select(o => o.OrderId).OrderBy(_ => random.Next()).Take(deletes).ToList();
        var newProducts = Enumerable.Range(1, inserts)
            .Select(i => new ProductFact($"NEW-{i:D5}", $"New arrival {i}", data.Categories[i % data.Categories.Count], 9.99m)).ToList();

        foreach (var form in forms)
        {
            var r = results[form];
            context.Report(0.3 + (form == forms[0] ? 0 : 0.3), $"anomalies in the {form.Name} form");
            #region Exercise 1.4-2e: run the same updates, inserts and deletes on a form and count what its design lets go wrong (tests: NormalisationExperimentTests)
            var written = 0;
            foreach (var orderId in renamedOrders) written += await form.RenameCustomerOfOrderAsync(orderId, $"Renamed via order {orderId}", cancellationToken);
            r["rows written per rename through an order"] = (double)written / renamedOrders.Count;
            r["customers with contradicting names"] = await form.CountContradictionsAsync(cancellationToken);

            written = 0;
            foreach (var c in renamedCustomers) written += await form.RenameCustomerAsync(data.Customers[c].Email, $"Renamed customer {c}", cancellationToken);
            r["rows written per complete rename"] = (double)written / renamedCustomers.Count;

            var rejected = new List<string>();
            foreach (var p in newProducts)
                if (await form.TryRegisterProductAsync(p, cancellationToken) is { } sqlState) rejected.Add(sqlState);
            r["new products that could not be stored"] = rejected.Count;
            r["rejections with SQLSTATE 23502"] = rejected.Count(s => s == PostgresErrorCodes.NotNullViolation);

            var before = await form.CountFactsAsync(cancellationToken);
            foreach (var orderId in deletedOrders) await form.DeleteOrderAsync(orderId, cancellationToken);
            var after = await form.CountFactsAsync(cancellationToken);
            r["customers lost with their orders"] = before.Customers - after.Customers;
            r["products lost with their orders"] = before.Products - after.Products;
            #endregion
        }

        var flat = results[forms[0]];
        var normal = results[forms[1]];
        var builder = new FindingBuilder(GoalId, Title);
        builder.Table(FindingTable.Of($"The same operations on both forms ({data})", ["measure", "denormalised", "normalised (3NF)"],
            flat.Keys.Select(k => new object[] { k, flat[k], normal[k] })));

        builder
            .Check(normal["customers with contradicting names"] == 0 && normal["rows written per complete rename"] == 1,
                "3NF: a customer's name is stored once - one row per rename, never a contradiction")
            .Check(normal["new products that could not be stored"] == 0, "3NF: a product can be stored before anyone orders it")
            .Check(normal["customers lost with their orders"] == 0 && normal["products lost with their orders"] == 0,
                "3NF: deleting orders deletes no customer and no product")
            .Check(flat["customers with contradicting names"] > 0, "denormalised: renaming through one order leaves contradicting names (update anomaly)")
            .Check(flat["rows written per complete rename"] > 1, "denormalised: a complete rename rewrites every line of the customer")
            .Check(flat["rejections with SQLSTATE 23502"] == inserts, "denormalised: a product without an order cannot be stored (insert anomaly, 23502)")
            .Check(flat["customers lost with their orders"] + flat["products lost with their orders"] > 0,
                "denormalised: deleting orders loses customers and products (delete anomaly)");

        var plot = new ScottPlot.Plot();
        string[] shown = ["customers with contradicting names", "rows written per complete rename", "new products that could not be stored", "customers lost with their orders", "products lost with their orders"];
        var flatBars = plot.Add.Bars(shown.Select((_, i) => i - 0.2).ToArray(), shown.Select(k => flat[k]).ToArray());
        flatBars.LegendText = "denormalised";
        var normalBars = plot.Add.Bars(shown.Select((_, i) => i + 0.2).ToArray(), shown.Select(k => normal[k]).ToArray());
        normalBars.LegendText = "normalised (3NF)";
        foreach (var bar in flatBars.Bars.Concat(normalBars.Bars)) bar.Size = 0.4;
        plot.Axes.Bottom.SetTicks([.. shown.Select((_, i) => (double)i)], ["contradicted\ncustomers", "rows per\nrename", "products not\nstorable", "customers\nlost", "products\nlost"]);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.Title($"Anomalies after the same operations ({renames} renames, {inserts} new products, {deletes} deleted orders)");
        builder.Plot(context.SavePlot(plot, "anomalies.png", "What each form let go wrong, same operations on the same data"));

        return builder
            .Figure("contradicted customers, denormalised", flat["customers with contradicting names"], "", key: true, target: "3NF: 0")
            .Figure("facts lost by deletes, denormalised", flat["customers lost with their orders"] + flat["products lost with their orders"], "", key: true, target: "3NF: 0")
            .Figure("rows written per rename, denormalised / 3NF", flat["rows written per complete rename"] / normal["rows written per complete rename"], "×", key: true)
            .Figure("storage, denormalised / 3NF", flat["storage (MB)"] / normal["storage (MB)"], "×")
            .Note("A rename 'through an order' is what an application editing one order writes: the denormalised form keeps the name on the order's rows, the 3NF form only on the customer.")
            .Note("Storage: pg_total_relation_size (heap, indexes, TOAST) after loading, before any operation.")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"The same {renames} renames through an order, {renamedCustomers.Count} complete renames, {inserts} new products and {deletes} order deletions on {data}: " +
                $"contradicted customers {flat["customers with contradicting names"]} (denormalised) vs {normal["customers with contradicting names"]} ({forms[1].Name}); " +
                $"products that could not be stored {flat["new products that could not be stored"]} vs {normal["new products that could not be stored"]}; " +
                $"customers and products lost with deleted orders {flat["customers lost with their orders"] + flat["products lost with their orders"]} vs {normal["customers lost with their orders"] + normal["products lost with their orders"]}."));
    }

    private static async Task<double> SizeAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> tables, CancellationToken cancellationToken) =>
        await Sql.ScalarAsync<double>(dataSource, "SELECT sum(pg_total_relation_size(t::regclass))::float8 FROM unnest($1::text[]) AS t",
            cancellationToken, (object)tables.ToArray()) / 1e6;
}
