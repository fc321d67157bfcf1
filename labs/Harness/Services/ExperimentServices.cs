namespace StatelessMind.Harness.Services;

/// <summary>
/// The services an experiment run shares: each started on first request (with its environment
/// override honoured) and disposed when the run ends — every one of them, even when another fails to stop.
/// </summary>
public sealed class ExperimentServices : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<(string Name, IAsyncDisposable Service)> _started = [];
    private PostgresServer? _postgres;
    private RedisServer? _redis;
    private KafkaCluster? _kafka;
    private bool _disposed;

    public async Task<PostgresServer> PostgresAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try { return _postgres ??= Own("PostgreSQL", await PostgresServer.AcquireAsync(cancellationToken: cancellationToken)); }
        finally { _gate.Release(); }
    }

    public async Task<RedisServer> RedisAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try { return _redis ??= Own("Redis", await RedisServer.AcquireAsync(cancellationToken)); }
        finally { _gate.Release(); }
    }

    public async Task<KafkaCluster> KafkaAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try { return _kafka ??= Own("Kafka", KafkaCluster.Acquire()); }
        finally { _gate.Release(); }
    }

    /// <summary>Adds a service to dispose with the others when the run ends (services are disposed newest first).</summary>
    internal T Own<T>(string name, T service) where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _started.Add((name, service switch
        {
            IAsyncDisposable disposable => disposable,
            IDisposable disposable => new SynchronousDisposal(disposable),
            _ => throw new ArgumentException($"{name} ({typeof(T).Name}) is not disposable.", nameof(service)),
        }));
        return service;
    }

    /// <summary>Disposes every service, newest first; when some fail, the others are still disposed and the failures
    /// are thrown together (an <see cref="AggregateException"/> naming each service).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        var errors = new List<Exception>();
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            var (name, service) = _started[i];
            try
            {
                await service.DisposeAsync();
            }
            catch (Exception e)
            {
                errors.Add(new InvalidOperationException($"{name} did not stop cleanly: {e.Message}", e));
            }
        }
        _started.Clear();
        _gate.Dispose();
        if (errors.Count > 0)
            throw new AggregateException($"{errors.Count} of the run's services did not stop cleanly.", errors);
    }

    private sealed class SynchronousDisposal(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
