using StatelessMind.Harness.Services;

namespace StatelessMind.Harness;

/// <summary>xUnit fixture: one S3-compatible store (<c>S3_ENDPOINT</c> or an embedded s3rver) for the tests that share it.</summary>
public sealed class S3Fixture : IAsyncLifetime
{
    private S3Server? _server;

    public S3Server Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public async Task InitializeAsync() => _server = await S3Server.AcquireAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
