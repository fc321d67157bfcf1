using System.Diagnostics;
using StackExchange.Redis;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>
/// Redis as the BASE side: a primary and a replica (<c>--replicaof</c> through the <see cref="ReplicationLink"/>),
/// replicated asynchronously: the primary answers a write before any replica has it. With
/// <see cref="UseWait"/>, a write counts as acknowledged only once <c>WAIT 1 timeout</c> reports that the
/// replica has processed it.
/// </summary>
public sealed class RedisAsyncStore : IReplicatedStore
{
    private readonly RedisServer _primary;
    private readonly RedisServer _replica;
    private readonly ConnectionMultiplexer _toPrimary;
    private readonly ConnectionMultiplexer _toReplica;

    private RedisAsyncStore(RedisServer primary, RedisServer replica, ReplicationLink link, ConnectionMultiplexer toPrimary, ConnectionMultiplexer toReplica, bool useWait)
    {
        _primary = primary;
        _replica = replica;
        Link = link;
        _toPrimary = toPrimary;
        _toReplica = toReplica;
        UseWait = useWait;
    }

    public bool UseWait { get; }
    public string Name => UseWait ? "Redis, asynchronous replica + WAIT 1" : "Redis, asynchronous replica";
    public ReplicationLink Link { get; }

    public static async Task<RedisAsyncStore> StartAsync(TimeSpan linkDelay, bool useWait, CancellationToken ct = default)
    {
        var primary = await RedisServer.StartAsync(null, ct);
        var link = new ReplicationLink(primary.Port, linkDelay);
        RedisServer? replica = null;
        try
        {
            replica = await RedisServer.StartAsync(["--replicaof", "127.0.0.1", link.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], ct);
            var toPrimary = await ConnectionMultiplexer.ConnectAsync(Options(primary));
            var toReplica = await ConnectionMultiplexer.ConnectAsync(Options(replica));
            var store = new RedisAsyncStore(primary, replica, link, toPrimary, toReplica, useWait);
            await store.WaitForLinkAsync(ct);
            return store;
        }
        catch
        {
            if (replica is not null) await replica.DisposeAsync();
            await link.DisposeAsync();
            await primary.DisposeAsync();
            throw;
        }
    }

    /// <summary>One endpoint only, no topology discovery: reads go exactly where they are sent.</summary>
    private static ConfigurationOptions Options(RedisServer server)
    {
        var options = ConfigurationOptions.Parse(server.Configuration);
        options.AllowAdmin = true;
        options.ConnectTimeout = 5000;
        options.SyncTimeout = 5000;
        options.AsyncTimeout = 5000;
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(50);
        return options;
    }

    private async Task WaitForLinkAsync(CancellationToken ct)
    {
        var server = _toReplica.GetServer(_replica.Host, _replica.Port);
        await Eventually.ValueAsync(async () => (await server.InfoRawAsync("replication")) ?? "",
            info => info.Contains("master_link_status:up", StringComparison.Ordinal), TimeSpan.FromSeconds(30),
            "the Redis replica to sync with its primary through the link", ct);
    }

    public async Task<bool> WriteAsync(string key, long value, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var db = _toPrimary.GetDatabase();
        var start = Stopwatch.GetTimestamp();
        try
        {
            await db.StringSetAsync(key, value).WaitAsync(timeout, cancellationToken);
            if (!UseWait) return true;
            var left = timeout - Stopwatch.GetElapsedTime(start);
            if (left <= TimeSpan.Zero) return false;
            // WAIT numreplicas timeout: blocks until that many replicas acknowledged every earlier write of this connection.
            var replicas = (long)await db.ExecuteAsync("WAIT", 1, (long)Math.Ceiling(left.TotalMilliseconds));
            return replicas >= 1;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    public async Task<long?> ReadReplicaAsync(string key, CancellationToken cancellationToken)
    {
        var value = await _toReplica.GetDatabase().StringGetAsync(key, CommandFlags.DemandReplica);
        return value.IsNull ? null : (long)value;
    }

    public async Task FailoverAsync(CancellationToken cancellationToken)
    {
        await _primary.KillAsync();
        await _toReplica.GetServer(_replica.Host, _replica.Port).ExecuteAsync("REPLICAOF", "NO", "ONE");
    }

    public async Task<IReadOnlyDictionary<string, long>> ReadAllAfterFailoverAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var db = _toReplica.GetDatabase();
        var values = await db.StringGetAsync(keys.Select(k => (RedisKey)k).ToArray());
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        var i = 0;
        foreach (var key in keys)
        {
            if (!values[i].IsNull) result[key] = (long)values[i];
            i++;
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _toPrimary.DisposeAsync();
        await _toReplica.DisposeAsync();
        await Link.DisposeAsync();
        await _replica.DisposeAsync();
        await _primary.DisposeAsync();
    }
}
