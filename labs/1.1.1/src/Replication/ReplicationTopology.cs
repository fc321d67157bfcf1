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

    /// <summary>Where a cut-off standby is pointed: nothing listens on port 1, so its WAL receiver can never connect.</summary>
    internal const string NowhereConninfo = "host=127.0.0.1 port=1 user=postgres connect_timeout=1";

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

    /// <summary>Every member other than the current primary (stopped ones included), by name.</summary>
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
            // Each replica: pg_basebackup -R -X stream through a physical slot of its own, started as a hot standby.
            foreach (var name in options.ReplicaNames)
            {
                var replica = await primary.CreateReplicaAsync(new PostgresReplicaOptions { Name = name, SlotName = name }, cancellationToken);
                lock (topology._gate) topology._members[name] = replica;
            }
            await topology.WaitForStandbysAsync(primary, options.ReplicaNames, TimeSpan.FromSeconds(60), cancellationToken);
            await topology.SetModeAsync(options.Mode, cancellationToken);
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
        var primary = Sql.Unpooled(Primary.ConnectionString);
        var standbys = Standbys.Select(s => s.Name).ToList();
        Mode = mode;
        #region Exercise 1.1.1-3a: set synchronous_standby_names and synchronous_commit for the mode, reload, and wait until pg_stat_replication shows the sync states (tests: ReplicationSetupTests.The_mode_decides_which_standby_the_primary_waits_for)
        var names = mode == ReplicationMode.Asynchronous ? "" : $"FIRST 1 ({Sql.QuoteIdentifier(standbys[0])})";
        var commit = mode == ReplicationMode.RemoteApply ? "remote_apply" : "on";
        await Sql.ExecuteAsync(primary, cancellationToken,
            $"ALTER SYSTEM SET synchronous_standby_names = {Sql.QuoteLiteral(names)}",
            $"ALTER SYSTEM SET synchronous_commit = {Sql.QuoteLiteral(commit)}",
            "SELECT pg_reload_conf()");
        var expected = string.Join(",", standbys.Select((s, i) => $"{s}:{(mode != ReplicationMode.Asynchronous && i == 0 ? "sync" : "async")}"));
        await Eventually.UntilAsync(async () => await Sql.ScalarAsync<string>(primary,
                "SELECT coalesce(string_agg(application_name || ':' || sync_state, ',' ORDER BY application_name), '') FROM pg_stat_replication", cancellationToken) == expected,
            TimeSpan.FromSeconds(30), $"pg_stat_replication on {PrimaryName} to show {expected}", cancellationToken, static e => e is NpgsqlException);
        #endregion
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

    /// <summary>
    /// Cuts a standby off its primary, the way a network partition would: its primary_conninfo is pointed at a port
    /// nothing listens on and reloaded, so its WAL receiver stops and cannot reconnect. Returns once the primary no
    /// longer lists it and it has no WAL receiver, with the last WAL position it received (it will receive no more).
    /// </summary>
    public async Task<string> CutOffAsync(string standby, CancellationToken cancellationToken)
    {
        var cluster = Sql.Unpooled(Member(standby).ConnectionString);
        var primary = Sql.Unpooled(Primary.ConnectionString);
        await Sql.ExecuteAsync(cluster, cancellationToken, $"ALTER SYSTEM SET primary_conninfo = {Sql.QuoteLiteral(NowhereConninfo)}", "SELECT pg_reload_conf()");
        await Eventually.UntilAsync(async () =>
                await Sql.ScalarAsync<long>(primary, "SELECT count(*) FROM pg_stat_replication WHERE application_name = $1", cancellationToken, standby) == 0
                && await Sql.ScalarAsync<long>(cluster, "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'", cancellationToken) == 0,
            TimeSpan.FromSeconds(30), $"{standby} to stop receiving WAL from {PrimaryName}", cancellationToken, static e => e is NpgsqlException);
        return await Sql.ScalarAsync<string>(cluster, "SELECT coalesce(pg_last_wal_receive_lsn()::text, 'none')", cancellationToken);
    }

    /// <summary>Points a standby at the current primary (its primary_conninfo and slot) and reloads: its WAL receiver
    /// restarts and streams from there (on a new timeline after a failover).</summary>
    public async Task FollowPrimaryAsync(string standby, CancellationToken cancellationToken)
    {
        var conninfo = $"host=127.0.0.1 port={Primary.Port.ToString(CultureInfo.InvariantCulture)} user=postgres application_name={standby}";
        await Sql.ExecuteAsync(Sql.Unpooled(Member(standby).ConnectionString), cancellationToken,
            $"ALTER SYSTEM SET primary_conninfo = {Sql.QuoteLiteral(conninfo)}",
            $"ALTER SYSTEM SET primary_slot_name = {Sql.QuoteLiteral(standby)}",
            "SELECT pg_reload_conf()");
    }

    /// <summary>Row count and sum of ids of the ledger on a member: equal on two members means they converged.</summary>
    public static async Task<(long Rows, decimal IdSum)> FingerprintAsync(PostgresCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var both = await Sql.ScalarAsync<decimal[]>(Sql.Unpooled(cluster.ConnectionString),
            $"SELECT ARRAY[count(*), coalesce(sum(id), 0)]::numeric[] FROM {Table}", cancellationToken);
        return ((long)both[0], both[1]);
    }

    /// <summary>When <see cref="Promoted"/> last named a new primary (a Stopwatch timestamp; 0 before any failover).</summary>
    public long PromotedAtTimestamp { get; private set; }

    /// <summary>Records that <paramref name="name"/> is now the primary: writers and the monitor turn to it from here on.</summary>
    internal void Promoted(string name)
    {
        lock (_gate)
        {
            if (!_members.ContainsKey(name)) throw new ArgumentException($"{name} is not a member of {this}.", nameof(name));
            _primary = name;
            PromotedAtTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        }
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
