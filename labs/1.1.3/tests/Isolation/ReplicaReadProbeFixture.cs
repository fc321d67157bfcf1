using StatelessMind.Labs.Consensus.Isolation;

namespace StatelessMind.Labs.Consensus.Tests.Isolation;

/// <summary>One primary with a sync and an async standby for the replica-read tests.</summary>
public sealed class ReplicaReadProbeFixture : IAsyncLifetime
{
    private ReplicaReadProbe? _probe;

    public ReplicaReadProbe Probe => _probe ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync() => _probe = await ReplicaReadProbe.StartAsync();

    public async Task DisposeAsync()
    {
        if (_probe is not null) await _probe.DisposeAsync();
    }
}
