using StatelessMind.Labs.Storage.Indexing;

namespace StatelessMind.Labs.Storage.Tests;

/// <summary>One PostgreSQL database with a 100,000-row orders table, and every indexing case run once against it.</summary>
public sealed class IndexingFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public IndexingLab Lab { get; private set; } = null!;
    public IReadOnlyDictionary<string, IndexingCaseResult> Results { get; private set; } = new Dictionary<string, IndexingCaseResult>();
    public bool TrigramAvailable { get; private set; }

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.AcquireAsync();
        Lab = new IndexingLab(await _server.CreateDatabaseAsync("indexing_test"), rows: 100_000);
        await Lab.LoadAsync();
        TrigramAvailable = await Lab.ExtensionAvailableAsync("pg_trgm");
        var results = new Dictionary<string, IndexingCaseResult>();
        foreach (var c in Lab.Cases().Where(c => c.RequiresExtension is null || TrigramAvailable))
            results[c.Name] = await Lab.RunCaseAsync(c);
        Results = results;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
