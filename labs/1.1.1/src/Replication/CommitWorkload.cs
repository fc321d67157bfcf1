using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Measurement;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// Writers that insert into the ledger of whatever member is the primary right now, one autocommit
/// INSERT at a time, and remember each id whose COMMIT was acknowledged. An INSERT that failed
/// (connection reset mid-commit) is "in doubt": it may or may not have committed. When the primary
/// dies a writer reconnects, to the new primary once the topology names it.
/// </summary>
public sealed class CommitWorkload : IAsyncDisposable
{
    private readonly ReplicationTopology _topology;
    private readonly int _writers;
    private readonly ConcurrentDictionary<long, (long Timestamp, string Member)> _acknowledged = new(); // id → when and where COMMIT returned
    private readonly ConcurrentBag<long> _inDoubt = [];
    private readonly LatencyRecorder _latency = new();
    private readonly CancellationTokenSource _stop = new();
    private Task[] _tasks = [];
    private long _errors;

    public CommitWorkload(ReplicationTopology topology, int writers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(writers);
        _topology = topology;
        _writers = writers;
    }

    public IReadOnlyCollection<long> Acknowledged => (IReadOnlyCollection<long>)_acknowledged.Keys;

    /// <summary>Acknowledged ids with the Stopwatch timestamp of their acknowledgement and the member that acknowledged them.</summary>
    public IReadOnlyList<(long Id, long Timestamp, string Member)> AcknowledgedWithTimes =>
        _acknowledged.Select(a => (a.Key, a.Value.Timestamp, a.Value.Member)).ToList();
    public IReadOnlyCollection<long> InDoubt => _inDoubt;
    public long Errors => Interlocked.Read(ref _errors);
    public LatencySummary CommitLatency => _latency.Summarize();

    public void Start()
    {
        _tasks = Enumerable.Range(0, _writers).Select(w => Task.Run(() => WriteLoopAsync(w, _stop.Token))).ToArray();
    }

    /// <summary>Stops the writers and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_tasks);
    }

    /// <summary>The first acknowledged commit on <paramref name="member"/> at or after <paramref name="since"/> (a Stopwatch timestamp), if any.</summary>
    public long? FirstCommitOn(string member, long since)
    {
        var times = _acknowledged.Values.Where(c => c.Member == member && c.Timestamp >= since).Select(c => c.Timestamp).ToList();
        return times.Count == 0 ? null : times.Min();
    }

    /// <summary>Waits until some writer has committed on <paramref name="member"/>.</summary>
    public async Task<long> WaitForCommitOnAsync(string member, long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (FirstCommitOn(member, since) is { } first) return first;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No commit on {member} within {timeout.TotalSeconds:0.#} s ({Errors} write errors so far).");
            await Task.Delay(5, cancellationToken);
        }
    }

    private async Task WriteLoopAsync(int writer, CancellationToken ct)
    {
        long sequence = 0;
        NpgsqlConnection? conn = null;
        string? connectedTo = null;
        while (!ct.IsCancellationRequested)
        {
            var id = (long)writer + (++sequence * _writers);
            var sent = false;
            try
            {
                #region Exercise 1.1.1-3: write to the current primary; an id counts as acknowledged only once COMMIT returned
                var member = _topology.PrimaryName;
                if (conn is null || connectedTo != member)
                {
                    if (conn is not null) await conn.DisposeAsync();
                    conn = new NpgsqlConnection(Sql.Unpooled(_topology.Primary.ConnectionString, $"writer-{writer}"));
                    connectedTo = member;
                    await conn.OpenAsync(ct);
                }
                var started = Stopwatch.GetTimestamp();
                sent = true;
                await using (var cmd = new NpgsqlCommand($"INSERT INTO {ReplicationTopology.Table} (id, writer, payload) VALUES ($1, $2, $3)", conn))
                {
                    cmd.Parameters.AddWithValue(id);
                    cmd.Parameters.AddWithValue(writer);
                    cmd.Parameters.AddWithValue(new string('x', 100));
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                var now = Stopwatch.GetTimestamp();
                _latency.RecordSince(started);
                _acknowledged[id] = (now, member);
                #endregion
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                // Sent but not acknowledged: it may have committed before the connection broke (in doubt).
                // A failed connect sent nothing.
                if (sent) _inDoubt.Add(id);
                Interlocked.Increment(ref _errors);
                if (conn is not null) await conn.DisposeAsync();
                conn = null;
                try { await Task.Delay(10, ct); }
                catch (OperationCanceledException) { break; }
            }
        }
        if (conn is not null) await conn.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
