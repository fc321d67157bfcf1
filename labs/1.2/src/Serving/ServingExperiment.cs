using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;
using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Lifecycle.Etl;

namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>
/// 1.2-6: the serving layer over the marts, on loopback against real PostgreSQL: every endpoint, answers equal to the
/// warehouse's rows, pages that cover every row once, conditional GET, injection payloads that change nothing, the
/// rate limit, the three planted bugs each caught, and a wrk load test (requests/s, p50, p99).
/// </summary>
public sealed class ServingExperiment : IExperiment
{
    private const string Schema = "marts";
    private const string LoadTestQuery = "limit=50&from=2024-06-01";

    public string GoalId => "1.2-6";
    public string Title => "A data serving layer: minimal API over the marts with OpenAPI, keyset pages, ETags, rate limits, metrics; load test";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var b = new FindingBuilder(GoalId, Title);
        var postgres = await context.Services.PostgresAsync(cancellationToken);
        var source = await postgres.CreateDatabaseAsync("serve_src", cancellationToken);
        var warehouse = await postgres.CreateDatabaseAsync("serve_wh", cancellationToken);
        context.Report(0.05, "building the marts");
        await EtlEltRun.LoadSourceAsync(source, RetailOperationalData.Generate(context.Size(150, 4_000), 40, context.Size(8, 40), context.Size(1_000, 40_000), context.Seed), cancellationToken);
        await EtlEltRun.RunEtlAsync(source, warehouse, Schema, EtlBug.None, cancellationToken);
        await ServingIndexes.EnsureAsync(warehouse, Schema, cancellationToken);

        await using var host = await ServingHost.StartAsync(new ServingOptions(warehouse, Schema), cancellationToken);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        context.Report(0.2, "every endpoint");
        var endpoints = new[] { "health/live", "health/ready", "metrics", "openapi/v1.json", "scalar/", "scalar/scalar.js", "api/stores", "api/daily-sales" };
        var codes = new List<(string, HttpStatusCode)>();
        foreach (var e in endpoints) codes.Add((e, (await client.GetAsync(e, cancellationToken)).StatusCode));
        b.Table(FindingTable.Of("Endpoints", ["GET", "status"], codes.Select(c => new object?[] { "/" + c.Item1, (int)c.Item2 })))
         .Check(codes.All(c => c.Item2 == HttpStatusCode.OK), "every endpoint answers 200 (health, readiness, metrics, OpenAPI document, Scalar's page and script, the API)");

        // Answers equal the warehouse's rows: the whole mart walked in pages against one direct query.
        var all = await WarehouseRowsAsync(warehouse, cancellationToken);
        var pageSize = context.Size(7, 50);
        var (walked, pages) = await WalkAsync(client, $"limit={pageSize}", cancellationToken);
        b.Figure("rows served by page walk", walked.Count, "rows")
         .Check(walked.SequenceEqual(all) && all.Count > 0, $"walking {pages:N0} pages of {pageSize} gives the {all.Count:N0} warehouse rows, each once, in order");
        var store = all[all.Count / 2].StoreKey;
        var filtered = await client.GetFromJsonAsync<DailySalesPage>($"api/daily-sales?store={store}&from=2024-04-01&to=2024-06-30&min_revenue_cents=1000&limit=500", JsonSerializerOptions.Web, cancellationToken);
        var expected = all.Where(r => r.StoreKey == store && r.DateKey is >= 20240401 and <= 20240630 && r.RevenueCents >= 1000).ToList();
        b.Check(filtered!.Items.SequenceEqual(expected) && expected.Count > 0, $"a filtered query gives the same {expected.Count} rows as the warehouse");
        var bad = await client.GetAsync("api/daily-sales?limit=0&from=2024-13-01", cancellationToken);
        b.Check(bad.StatusCode == HttpStatusCode.BadRequest && bad.Content.Headers.ContentType?.MediaType == "application/problem+json",
            "bad input gives 400 with problem details");

        context.Report(0.35, "conditional GET, injection, rate limit");
        b.Check(await StaleAfterChangeAsync(client, warehouse, cancellationToken) == false, "the ETag answers 304 for the same data and changes when the data changes");
        var before = await FingerprintAsync(warehouse, Schema, cancellationToken);
        var refused = 0;
        var payloads = new[] { "' OR '1'='1", "'; DROP TABLE marts.fct_daily_store_sales; --", "1; UPDATE marts.fct_daily_store_sales SET units = 0", "x'; DELETE FROM marts.dim_store; --" };
        foreach (var payload in payloads)
        {
            foreach (var p in new[] { "store", "from", "to", "min_revenue_cents", "limit", "after" })
                if ((await client.GetAsync($"api/daily-sales?{p}={Uri.EscapeDataString(payload)}", cancellationToken)).StatusCode == HttpStatusCode.BadRequest) refused++;
            var stores = await client.GetFromJsonAsync<List<StoreRow>>($"api/stores?region={Uri.EscapeDataString(payload)}", JsonSerializerOptions.Web, cancellationToken);
            if (stores!.Count == 0) refused++;
        }
        b.Check(refused == payloads.Length * 7 && before == await FingerprintAsync(warehouse, Schema, cancellationToken),
            $"{payloads.Length} injection payloads in each of the 7 parameters are refused or match nothing, and the marts are unchanged");
        await using (var limitedHost = await ServingHost.StartAsync(new ServingOptions(warehouse, Schema) { RequestsPerWindow = 5, Window = TimeSpan.FromMinutes(1) }, cancellationToken))
        {
            using var limited = new HttpClient { BaseAddress = limitedHost.BaseAddress };
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 7; i++) statuses.Add((await limited.GetAsync("api/stores", cancellationToken)).StatusCode);
            b.Check(statuses.Count(s => s == HttpStatusCode.OK) == 5 && statuses.Skip(5).All(s => s == HttpStatusCode.TooManyRequests), "past 5 requests a minute a client gets 429");
        }

        context.Report(0.5, "planted bugs");
        await using (var bugHost = await ServingHost.StartAsync(new ServingOptions(warehouse, Schema) { Bug = ServingBug.KeysetSkipsTies }, cancellationToken))
        {
            using var bugClient = new HttpClient { BaseAddress = bugHost.BaseAddress };
            var (rows, _) = await WalkAsync(bugClient, $"limit={pageSize}", cancellationToken);
            b.Check(rows.Count < all.Count, $"planted bug KeysetSkipsTies is caught: the walk serves {rows.Count:N0} of {all.Count:N0} rows");
        }
        await using (var bugHost = await ServingHost.StartAsync(new ServingOptions(warehouse, Schema) { Bug = ServingBug.EtagFromQuery }, cancellationToken))
        {
            using var bugClient = new HttpClient { BaseAddress = bugHost.BaseAddress };
            b.Check(await StaleAfterChangeAsync(bugClient, warehouse, cancellationToken), "planted bug EtagFromQuery is caught: 304 after the data changed");
        }
        await EtlEltRun.RunEtlAsync(source, warehouse, "marts_injectable", EtlBug.None, cancellationToken);
        await ServingIndexes.EnsureAsync(warehouse, "marts_injectable", cancellationToken);
        await using (var bugHost = await ServingHost.StartAsync(new ServingOptions(warehouse, "marts_injectable") { Bug = ServingBug.ConcatenatedFilter }, cancellationToken))
        {
            using var bugClient = new HttpClient { BaseAddress = bugHost.BaseAddress };
            var widened = await bugClient.GetFromJsonAsync<List<StoreRow>>($"api/stores?region={Uri.EscapeDataString("' OR '1'='1")}", JsonSerializerOptions.Web, cancellationToken);
            b.Check(widened!.Count > 0, $"planted bug ConcatenatedFilter is caught: the payload returns {widened.Count} stores instead of none");
        }

        context.Report(0.65, "load test");
        var rps = double.NaN;
        if (HostCommands.FindOnPath("wrk") is { } wrk)
        {
            await client.GetAsync("api/daily-sales?limit=50", cancellationToken); // warm
            await using (var dataSource = NpgsqlDataSource.Create(warehouse))
            {
                // The load test's own query string, read as the endpoint reads it, so the plan shown is the one wrk exercises.
                var (page, _) = QueryValidation.Parse(new QueryCollection(QueryHelpers.ParseQuery(LoadTestQuery)));
                var plan = await new MartReader(dataSource, Schema).ExplainDailySalesAsync(page!, cancellationToken);
                b.Table(FindingTable.Of("The load test's page query in PostgreSQL (EXPLAIN ANALYZE, one run)", ["plan"], plan.Select(line => new object?[] { new string('\u00a0', line.Length - line.TrimStart().Length) + line.TrimStart() })));
            }
            var load = await WrkRun.RunAsync(wrk, new Uri(host.BaseAddress, "api/daily-sales?" + LoadTestQuery), TimeSpan.FromSeconds(context.Size(3, 10)), 16, cancellationToken);
            rps = load.RequestsPerSecond;
            b.Figure("requests per second (wrk, 16 connections)", load.RequestsPerSecond, "req/s", key: true)
             .Figure("latency p50", load.P50Milliseconds, "ms")
             .Figure("latency p99", load.P99Milliseconds, "ms", key: true)
             .Table(FindingTable.Of($"Load test: GET /api/daily-sales?{LoadTestQuery} (a 50-row page from PostgreSQL per request)",
                 ["requests", "requests/s", "p50 ms", "p99 ms", "errors"],
                 [[load.Requests, Math.Round(load.RequestsPerSecond, 0), Math.Round(load.P50Milliseconds, 2), Math.Round(load.P99Milliseconds, 2), load.Errors]]))
             .Check(load.Errors == 0 && load.Requests > 0, "the load test got no errors");
        }
        else
        {
            b.Unmeasured("load test", "wrk is not installed (make setup installs it)");
        }
        b.Note("Server and load generator share this machine (loopback); the figures are this machine's, reported, not bounds.");
        return b.Build(string.Create(CultureInfo.InvariantCulture, $"{all.Count:N0} mart rows served in pages; {rps:N0} req/s under wrk"));
    }

    private static async Task<(List<DailySalesRow> Rows, int Pages)> WalkAsync(HttpClient client, string query, CancellationToken cancellationToken)
    {
        var rows = new List<DailySalesRow>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = await client.GetFromJsonAsync<DailySalesPage>($"api/daily-sales?{query}{(next is null ? "" : "&after=" + next)}", JsonSerializerOptions.Web, cancellationToken);
            rows.AddRange(page!.Items);
            next = page.Next;
            pages++;
        }
        while (next is not null && pages < 100_000);
        return (rows, pages);
    }

    /// <summary>Fetches a page, changes one of its rows in the warehouse, asks again with the tag: true when the answer is a (stale) 304. The row is changed back.</summary>
    private static async Task<bool> StaleAfterChangeAsync(HttpClient client, string warehouse, CancellationToken cancellationToken)
    {
        const string url = "api/daily-sales?from=2024-02-01&to=2024-02-10&limit=500";
        var tag = (await client.GetAsync(url, cancellationToken)).Headers.ETag!;
        using (var same = new HttpRequestMessage(HttpMethod.Get, url)) { same.Headers.IfNoneMatch.Add(tag); if ((await client.SendAsync(same, cancellationToken)).StatusCode != HttpStatusCode.NotModified) return true; }
        await using var connection = new NpgsqlConnection(warehouse);
        await connection.OpenAsync(cancellationToken);
        const string change = "update marts.fct_daily_store_sales set revenue_cents = revenue_cents + @d where (date_key, store_key) = (select date_key, store_key from marts.fct_daily_store_sales where date_key between 20240201 and 20240210 order by 1, 2 limit 1)";
        await using (var up = new NpgsqlCommand(change, connection)) { up.Parameters.AddWithValue("d", 1m); await up.ExecuteNonQueryAsync(cancellationToken); }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(tag);
            return (await client.SendAsync(request, cancellationToken)).StatusCode == HttpStatusCode.NotModified;
        }
        finally
        {
            await using var down = new NpgsqlCommand(change, connection);
            down.Parameters.AddWithValue("d", -1m);
            await down.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<DailySalesRow>> WarehouseRowsAsync(string warehouse, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(warehouse);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            select f.store_key, s.store_name, f.date_key, f.line_count, f.units, f.revenue_cents
            from {Schema}.fct_daily_store_sales f left join {Schema}.dim_store s using (store_key) order by f.date_key, f.store_key
            """, connection);
        var rows = new List<DailySalesRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new DailySalesRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDecimal(5)));
        return rows;
    }

    private static async Task<string> FingerprintAsync(string warehouse, string schema, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(warehouse);
        await connection.OpenAsync(cancellationToken);
        var parts = new List<string>();
        foreach (var table in EtlEltRun.Marts)
        {
            await using var command = new NpgsqlCommand($"select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from {schema}.{table} t", connection);
            parts.Add($"{table}={await command.ExecuteScalarAsync(cancellationToken)}");
        }
        return string.Join(", ", parts);
    }
}
