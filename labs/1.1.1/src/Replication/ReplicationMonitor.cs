using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// Samples replication from both ends at a fixed interval while a workload runs: the primary's
/// pg_stat_replication (one row per standby) and each standby's pg_stat_wal_receiver and
/// pg_last_wal_replay_lsn(). Survives members dying (a failed read is skipped, the next one reconnects).
/// </summary>
public sealed class ReplicationMonitor : IAsyncDisposable
{
    private const string PrimaryView = """
        SELECT application_name, state, sync_state, sent_lsn::text, write_lsn::text, flush_lsn::text, replay_lsn::text,
               pg_wal_lsn_diff(pg_current_wal_lsn(), sent_lsn)::bigint,
               pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn)::bigint,
               pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,
               (extract(epoch FROM write_lag) * 1000)::float8,
               (extract(epoch FROM flush_lag) * 1000)::float8,
               (extract(epoch FROM replay_lag) * 1000)::float8
        FROM pg_stat_replication
        """;

    private const string StandbyView = """
        SELECT r.status, r.flushed_lsn::text, pg_last_wal_replay_lsn()::text
        FROM (SELECT 1) AS one LEFT JOIN pg_stat_wal_receiver AS r ON true
        """;

    private readonly ReplicationTopology _topology;
    private readonly TimeSpan _interval;
    private readonly List<ReplicationSample> _samples = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NpgsqlConnection> _connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private Task? _loop;
    private long _failedReadings;

    public ReplicationMonitor(ReplicationTopology topology, TimeSpan interval)
    {
        _topology = topology;
        _interval = interval;
    }

    /// <summary>Readings that threw (other than a member being down, which is expected during failover).</summary>
    public long FailedReadings => Interlocked.Read(ref _failedReadings);

    public Exception? LastError { get; private set; }

    public IReadOnlyList<ReplicationSample> Samples
    {
        get { lock (_gate) return [.. _samples]; }
    }

    /// <summary>Seconds since the monitor started, on the same clock as the samples.</summary>
    public double Now => Stopwatch.GetElapsedTime(_started).TotalSeconds;

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
    }

    /// <summary>Takes one reading now (also used by the loop).</summary>
    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        var seconds = Now;
        #region Exercise 1.1.1-3: read pg_stat_replication on the primary and pg_stat_wal_receiver on each standby; join them by standby name
        var primaryRows = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        await ReadAsync(_topology.PrimaryName, _topology.Primary, PrimaryView, row => primaryRows[(string)row[0]!] = row, cancellationToken);
        foreach (var (name, cluster) in _topology.Standbys)
        {
            object?[]? standby = null;
            if (cluster.IsRunning) await ReadAsync(name, cluster, StandbyView, row => standby = row, cancellationToken);
            primaryRows.TryGetValue(name, out var p);
            if (p is null && standby is null) continue;
            var sample = new ReplicationSample(seconds, name,
                p?[1] as string, p?[2] as string, p?[3] as string, p?[4] as string, p?[5] as string, p?[6] as string,
                p?[7] as long?, p?[8] as long?, p?[9] as long?, p?[10] as double?, p?[11] as double?, p?[12] as double?,
                standby?[0] as string, standby?[1] as string, standby?[2] as string);
            lock (_gate) _samples.Add(sample);
        }
        #endregion
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await SampleOnceAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A monitor must outlive what it watches: note the error and keep sampling.
                Interlocked.Increment(ref _failedReadings);
                LastError = e;
            }
            try { await Task.Delay(_interval, ct); }
            catch (OperationCanceledException) { break; }
        }
    }

    private async Task ReadAsync(string name, PostgresCluster cluster, string sql, Action<object?[]> onRow, CancellationToken ct)
    {
        try
        {
            if (!_connections.TryGetValue(name, out var conn) || conn.Port != cluster.Port)
            {
                if (conn is not null) await conn.DisposeAsync();
                conn = new NpgsqlConnection(Sql.Unpooled(cluster.ConnectionString, "replication-monitor"));
                _connections[name] = conn;
                await conn.OpenAsync(ct);
            }
            await using var cmd = new NpgsqlCommand(sql, conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                onRow(row);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
        {
            // The member is down or restarting: skip this reading and reconnect next time.
            if (_connections.Remove(name, out var broken)) await broken.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        foreach (var conn in _connections.Values) await conn.DisposeAsync();
        _stop.Dispose();
    }
}
