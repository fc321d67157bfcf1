using Npgsql;
using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Lifecycle.Etl;
using StatelessMind.Labs.Lifecycle.Serving;

namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>
/// One PostgreSQL server for the serving tests: a warehouse whose marts are built by the ETL (schema <c>marts</c>),
/// and one serving host on loopback over it. Hosts with a planted bug or other limits are started by the tests that need them.
/// </summary>
public sealed class ServingFixture : IAsyncLifetime
{
    public const string Schema = "marts";
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public string Source { get; private set; } = "";

    public string Warehouse { get; private set; } = "";

    public ServingHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.AcquireAsync();
        Source = await _server.CreateDatabaseAsync("serve_src");
        Warehouse = await _server.CreateDatabaseAsync("serve_wh");
        await EtlEltRun.LoadSourceAsync(Source, RetailOperationalData.Generate(customers: 100, products: 30, stores: 6, orders: 500, seed: 7), default);
        await BuildMartsAsync(Schema);
        Host = await ServingHost.StartAsync(new ServingOptions(Warehouse, Schema));
        Client = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    /// <summary>Another copy of the marts in the warehouse (for a test that changes or may damage them), indexed for serving.</summary>
    public async Task BuildMartsAsync(string schema)
    {
        await EtlEltRun.RunEtlAsync(Source, Warehouse, schema, EtlBug.None, default);
        await ServingIndexes.EnsureAsync(Warehouse, schema, default);
    }

    /// <summary>Rows and a checksum of every mart of a schema: equal before and after means unchanged.</summary>
    public async Task<string> FingerprintAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(Warehouse);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var table in EtlEltRun.Marts)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from \"{schema}\".\"{table}\" t", connection);
            parts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }
        return string.Join(", ", parts);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
