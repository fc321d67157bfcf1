namespace StatelessMind.Harness.Services;

/// <summary>
/// The services an experiment run shares: each started on first request (with its environment
/// override honoured) and disposed when the run ends.
/// </summary>
public sealed class ExperimentServices : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PostgresServer? _postgres;
    private RedisServer? _redis;
    private KafkaCluster? _kafka;

    public async Task<PostgresServer> PostgresAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try { return _postgres ??= await PostgresServer.AcquireAsync(cancellationToken: cancellationToken); }
        finally { _gate.Release(); }
    }

    public async Task<RedisServer> RedisAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try { return _redis ??= await RedisServer.AcquireAsync(cancellationToken); }
        finally { _gate.Release(); }
    }

    public async Task<KafkaCluster> KafkaAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try { return _kafka ??= KafkaCluster.Acquire(); }
        finally { _gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        _kafka?.Dispose();
        _gate.Dispose();
    }
}
