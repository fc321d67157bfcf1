using StatelessMind.Harness.Services;

namespace StatelessMind.Harness;

/// <summary>xUnit fixture: one Redis server (<c>REDIS_URL</c> or an embedded redis-server) for the tests that share it.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public async Task InitializeAsync() => _server = await RedisServer.AcquireAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
