using System.Globalization;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// A primary and two streaming replicas on loopback, built with the harness's clusters:
/// pg_basebackup -R -X stream with one physical replication slot per replica, hot standbys, and
/// (for a synchronous mode) <c>synchronous_standby_names = 'FIRST 1 (replica1)'</c> with
/// <c>synchronous_commit = on | remote_apply</c>. Roles change at failover; <see cref="Primary"/> follows.
/// </summary>
public sealed class ReplicationTopology : IAsyncDisposable
{
    public const string Table = "ledger";
    private readonly Dictionary<string, PostgresCluster> _members = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string _primary;

    private ReplicationTopology(ReplicationTopologyOptions options, PostgresCluster primary)
    {
        Options = options;
        _primary = options.PrimaryName;
        _members[options.PrimaryName] = primary;
    }

    public ReplicationTopologyOptions Options { get; }

    /// <summary>The commit mode last set with <see cref="SetModeAsync"/>.</summary>
    public ReplicationMode Mode { get; private set; }

    public PostgresCluster Primary
    {
        get { lock (_gate) return _members[_primary]; }
    }

    public string PrimaryName
    {
        get { lock (_gate) return _primary; }
    }

    /// <summary>Every member other than the current primary (stopped ones included).</summary>
    public IReadOnlyList<(string Name, PostgresCluster Cluster)> Standbys
    {
        get { lock (_gate) return _members.Where(m => m.Key != _primary).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (m.Key, m.Value)).ToList(); }
    }

    public PostgresCluster Member(string name)
    {
        lock (_gate) return _members[name];
    }

    public static async Task<ReplicationTopology> StartAsync(ReplicationTopologyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var retry = $"'{(int)options.WalRetrieveRetryInterval.TotalMilliseconds}ms'";
        var primary = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            Name = options.PrimaryName,
            Settings = new Dictionary<string, string>
            {
                ["wal_level"] = "replica",
                ["wal_keep_size"] = "'128MB'",               // a rejoining node can still fetch what it missed
                ["min_wal_size"] = "'32MB'",                 // fewer recycled segments for pg_rewind to copy
                ["wal_retrieve_retry_interval"] = retry,     // copied into each replica by pg_basebackup
                ["checkpoint_timeout"] = "'5min'",
            },
        }, cancellationToken);
        var topology = new ReplicationTopology(options, primary);
        try
        {
            await Sql.ExecuteAsync(Sql.Unpooled(primary.ConnectionString), cancellationToken,
                $"CREATE TABLE {Table} (id bigint PRIMARY KEY, writer int NOT NULL, payload text NOT NULL, committed_at timestamptz NOT NULL DEFAULT clock_timestamp())");
            #region Exercise 1.1.1-3: clone two replicas (pg_basebackup -R, a physical slot each), then choose synchronous or asynchronous commit on the primary
            foreach (var name in options.ReplicaNames)
            {
                var replica = await primary.CreateReplicaAsync(new PostgresReplicaOptions { Name = name, SlotName = name }, cancellationToken);
                lock (topology._gate) topology._members[name] = replica;
            }
            await topology.WaitForStandbysAsync(primary, options.ReplicaNames, TimeSpan.FromSeconds(60), cancellationToken);
            await topology.SetModeAsync(options.Mode, cancellationToken);
            #endregion
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Chooses how the current primary acknowledges commits: a synchronous mode makes the first standby (by name)
    /// the synchronous one (<c>FIRST 1 (name)</c>) with synchronous_commit on or remote_apply; asynchronous clears
    /// synchronous_standby_names. Waits until pg_stat_replication shows the resulting sync states.
    /// </summary>
    public async Task SetModeAsync(ReplicationMode mode, CancellationToken cancellationToken)
    {
        var primary = Primary;
        var standbys = Standbys.Select(s => s.Name).ToList();
        var sync = mode == ReplicationMode.Asynchronous ? "" : $"FIRST 1 ({Sql.QuoteIdentifier(standbys[0])})";
        var commit = mode == ReplicationMode.RemoteApply ? "'remote_apply'" : "'on'";
        await Sql.ExecuteAsync(Sql.Unpooled(primary.ConnectionString), cancellationToken, $"ALTER SYSTEM SET synchronous_standby_names = {Sql.QuoteLiteral(sync)}",
            $"ALTER SYSTEM SET synchronous_commit = {commit}", "SELECT pg_reload_conf()");
        Mode = mode;
        var expected = string.Join(",", standbys.Select((s, i) => $"{s}:{(mode != ReplicationMode.Asynchronous && i == 0 ? "sync" : "async")}"));
        await Eventually.UntilAsync(async () => await Sql.ScalarAsync<string>(Sql.Unpooled(primary.ConnectionString),
                "SELECT coalesce(string_agg(application_name || ':' || sync_state, ',' ORDER BY application_name), '') FROM pg_stat_replication", cancellationToken) == expected,
            TimeSpan.FromSeconds(30), $"pg_stat_replication on {PrimaryName} to show {expected}", cancellationToken, static e => e is NpgsqlException);
    }

    /// <summary>Waits until the primary's pg_stat_replication shows each named standby streaming.</summary>
    public async Task WaitForStandbysAsync(PostgresCluster primary, IEnumerable<string> names, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var list = string.Join(", ", names.Select(Sql.QuoteLiteral));
        var count = names.Count();
        await Eventually.UntilAsync(async () => await Sql.ScalarAsync<long>(Sql.Unpooled(primary.ConnectionString),
                $"SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND application_name IN ({list})", cancellationToken) == count,
            timeout, $"standbys {list} to stream from {primary.Name}", cancellationToken, static e => e is NpgsqlException);
    }

    /// <summary>Row count and sum of ids of the ledger on a member: equal on two members means they converged.</summary>
    public static async Task<(long Rows, decimal IdSum)> FingerprintAsync(PostgresCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await using var conn = new NpgsqlConnection(Sql.Unpooled(cluster.ConnectionString));
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"SELECT count(*), coalesce(sum(id), 0) FROM {Table}", conn);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetDecimal(1));
    }

    /// <summary>Records that <paramref name="name"/> is now the primary.</summary>
    internal void Promoted(string name)
    {
        lock (_gate) _primary = name;
    }

    public override string ToString()
    {
        lock (_gate)
            return string.Join(", ", _members.Select(m => $"{m.Key}{(m.Key == _primary ? " (primary)" : "")}:{m.Value.Port.ToString(CultureInfo.InvariantCulture)}"));
    }

    public async ValueTask DisposeAsync()
    {
        List<PostgresCluster> members;
        lock (_gate) members = [.. _members.Values];
        foreach (var m in members) await m.DisposeAsync();
    }
}
