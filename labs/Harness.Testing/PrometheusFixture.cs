using StatelessMind.Harness.Services;

namespace StatelessMind.Harness;

/// <summary>
/// xUnit fixture: one embedded Prometheus (Debian's <c>prometheus</c> on a free loopback port) for the tests that share
/// it. Always embedded, never <c>PROMETHEUS_URL</c>'s: the tests choose its scrape targets and rules
/// (<see cref="PrometheusServer.ConfigureAsync"/>), which only an embedded server lets them do.
/// </summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    private PrometheusServer? _server;

    public PrometheusServer Server => _server ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public async Task InitializeAsync() => _server = await PrometheusServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
