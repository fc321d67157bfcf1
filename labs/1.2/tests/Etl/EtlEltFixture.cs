using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Lifecycle.Etl;

namespace StatelessMind.Labs.Lifecycle.Tests.Etl;

/// <summary>One PostgreSQL server, one generated source and one run of both pipelines into one warehouse, shared by the class's tests.</summary>
public sealed class EtlEltFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public string Source { get; private set; } = "";

    public string Warehouse { get; private set; } = "";

    public EtlEltResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.AcquireAsync();
        Source = await _server.CreateDatabaseAsync("etl_src");
        Warehouse = await _server.CreateDatabaseAsync("etl_wh");
        await EtlEltRun.LoadSourceAsync(Source, RetailOperationalData.Generate(customers: 120, products: 40, stores: 9, orders: 600, seed: 42), default);
        Result = await EtlEltRun.RunAsync(Source, Warehouse, EtlBug.None, default);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
