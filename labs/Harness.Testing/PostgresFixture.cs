using StatelessMind.Harness.Services;

namespace StatelessMind.Harness;

/// <summary>
/// xUnit class/collection fixture: one PostgreSQL server for the tests that share it
/// (<c>SM_POSTGRES</c> or an embedded cluster). Each test should take its own database
/// with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public Task<string> CreateDatabaseAsync(string prefix = "test") => Server.CreateDatabaseAsync(prefix);

    public async Task InitializeAsync() => _server = await PostgresServer.AcquireAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
