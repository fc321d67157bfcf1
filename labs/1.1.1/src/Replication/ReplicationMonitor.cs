using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// Samples replication from both ends at a fixed interval while a workload runs: the primary's
/// pg_stat_replication (one row per standby) and each standby's pg_stat_wal_receiver and
/// pg_last_wal_replay_lsn(). Survives members dying (a failed read is skipped, the next one reconnects)
/// and follows the topology's current primary.
/// </summary>
public sealed class ReplicationMonitor : IAsyncDisposable
{
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

    /// <summary>How many samples taken so far match <paramref name="predicate"/>.</summary>
    public int Count(Func<ReplicationSample, bool> predicate)
    {
        lock (_gate) return _samples.Count(predicate);
    }

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
    }

    /// <summary>Takes one reading of every standby now, from both ends (also used by the loop).</summary>
    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        var seconds = Now;
        var primary = _topology.PrimaryName;
        var standbys = _topology.Standbys.Where(s => s.Cluster.IsRunning).Select(s => s.Name).ToList();
        await ConnectAsync([primary, .. standbys], cancellationToken);
        #region Exercise 1.1.1-3c: read pg_stat_replication on the primary and pg_stat_wal_receiver + pg_last_wal_replay_lsn() on each standby; one sample per standby (tests: ReplicationSetupTests.One_sample_reads_both_ends_of_every_standby)
        // The primary's view of each standby: how far it has sent, and how far the standby says it wrote, flushed, replayed.
        var onPrimary = await ReadAsync(primary, """
            SELECT application_name, state, sync_state, sent_lsn::text, write_lsn::text, flush_lsn::text, replay_lsn::text,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), sent_lsn)::bigint,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn)::bigint,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,
                   (extract(epoch FROM write_lag) * 1000)::float8,
                   (extract(epoch FROM flush_lag) * 1000)::float8,
                   (extract(epoch FROM replay_lag) * 1000)::float8
            FROM pg_stat_replication
            """, cancellationToken);
        foreach (var name in standbys)
        {
            // The standby's own view: its WAL receiver (none while it is cut off) and what it has replayed.
            var own = (await ReadAsync(name, """
                SELECT r.status, r.flushed_lsn::text, pg_last_wal_replay_lsn()::text
                FROM (SELECT 1) AS one LEFT JOIN pg_stat_wal_receiver AS r ON true
                """, cancellationToken)).FirstOrDefault();
            var p = onPrimary.FirstOrDefault(row => (string?)row[0] == name);
            if (p is null && own is null) continue;
            var sample = new ReplicationSample(seconds, name,
                p?[1] as string, p?[2] as string, p?[3] as string, p?[4] as string, p?[5] as string, p?[6] as string,
                p?[7] as long?, p?[8] as long?, p?[9] as long?, p?[10] as double?, p?[11] as double?, p?[12] as double?,
                own?[0] as string, own?[1] as string, own?[2] as string);
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
            try { await Task.Delay(_interval, ct); } // the sampling interval, not a wait for anything
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>Opens a connection to each named member that has none (or whose port changed); a member that is down is skipped.</summary>
    private async Task ConnectAsync(IEnumerable<string> members, CancellationToken ct)
    {
        foreach (var name in members)
        {
            var cluster = _topology.Member(name);
            if (_connections.TryGetValue(name, out var open) && open.Port == cluster.Port) continue;
            await DropAsync(name);
            var conn = new NpgsqlConnection(Sql.Unpooled(cluster.ConnectionString, "replication-monitor"));
            try
            {
                await conn.OpenAsync(ct);
                _connections[name] = conn;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                await conn.DisposeAsync(); // down or restarting: no reading from it this time
            }
        }
    }

    /// <summary>The rows of a query on a member's open connection; none when the member is down or the read fails.</summary>
    private async Task<IReadOnlyList<object?[]>> ReadAsync(string member, string sql, CancellationToken ct)
    {
        if (!_connections.TryGetValue(member, out var conn)) return [];
        try
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(ct))
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            return rows;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
        {
            // The member is down or restarting: skip this reading and reconnect next time.
            await DropAsync(member);
            return [];
        }
    }

    private async Task DropAsync(string member)
    {
        if (_connections.Remove(member, out var broken)) await broken.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        foreach (var conn in _connections.Values) await conn.DisposeAsync();
        _stop.Dispose();
    }
}
