using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// Writers that insert into the ledger of whatever member is the primary right now, one autocommit
/// INSERT at a time, and remember each id whose COMMIT was acknowledged. An INSERT that failed
/// after it was sent (connection reset mid-commit) is "in doubt": it may or may not have committed.
/// When the primary dies a writer reconnects, to the new primary once the topology names it.
/// </summary>
public sealed class CommitWorkload : IAsyncDisposable
{
    private readonly ReplicationTopology _topology;
    private readonly int _writers;
    private readonly ConcurrentDictionary<long, Acknowledgement> _acknowledged = new();
    private readonly ConcurrentBag<long> _inDoubt = [];
    private readonly LatencyRecorder _latency = new();
    private readonly CancellationTokenSource _stop = new();
    private Task[] _tasks = [];
    private long _errors;

    public CommitWorkload(ReplicationTopology topology, int writers)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(writers);
        _topology = topology;
        _writers = writers;
    }

    /// <summary>Every acknowledged commit so far.</summary>
    public IReadOnlyList<Acknowledgement> Acknowledged => [.. _acknowledged.Values];

    public int AcknowledgedCount => _acknowledged.Count;
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

    /// <summary>Acknowledged commits on <paramref name="member"/> whose INSERT was sent at or after <paramref name="since"/> (a Stopwatch timestamp).</summary>
    public int CountOn(string member, long since = 0) => _acknowledged.Values.Count(a => a.Member == member && a.SentAt >= since);

    /// <summary>Waits until some writer has committed on <paramref name="member"/> at or after <paramref name="since"/>; returns when that commit was acknowledged.</summary>
    public async Task<long> WaitForCommitOnAsync(string member, long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long? first = null;
        await Eventually.UntilAsync(() =>
        {
            var times = _acknowledged.Values.Where(a => a.Member == member && a.AcknowledgedAt >= since).Select(a => a.AcknowledgedAt).ToList();
            first = times.Count == 0 ? null : times.Min();
            return first is not null;
        }, timeout, $"a commit on {member} ({Errors} write errors so far)", cancellationToken);
        return first!.Value;
    }

    /// <summary>
    /// Sends one autocommit INSERT of ledger id <paramref name="id"/> to the member that is the primary now and returns
    /// its acknowledgement once COMMIT has returned. Sets <see cref="WriterSession.SentAt"/> just before the statement
    /// goes out: if anything fails after that, the caller counts the id as in doubt, not as acknowledged.
    /// </summary>
    internal async Task<Acknowledgement> CommitOneAsync(WriterSession session, long id, CancellationToken cancellationToken)
    {
        var member = _topology.PrimaryName;
        var connection = await session.ConnectionToAsync(member, _topology.Member(member), cancellationToken);
        #region Exercise 1.1.1-3b: send the INSERT (autocommit) and acknowledge the id only once COMMIT returned; note when it was sent (tests: ReplicationSetupTests.An_id_counts_as_acknowledged_only_once_its_commit_returned)
        session.SentAt = Stopwatch.GetTimestamp();
        await using var insert = new NpgsqlCommand($"INSERT INTO {ReplicationTopology.Table} (id, writer, payload) VALUES ($1, $2, $3)", connection);
        insert.Parameters.AddWithValue(id);
        insert.Parameters.AddWithValue(session.Writer);
        insert.Parameters.AddWithValue(new string('x', 100));
        await insert.ExecuteNonQueryAsync(cancellationToken); // returns after COMMIT: with synchronous_commit, after the standby too
        return new Acknowledgement(id, session.SentAt.Value, Stopwatch.GetTimestamp(), member);
        #endregion
    }

    private async Task WriteLoopAsync(int writer, CancellationToken ct)
    {
        long sequence = 0;
        await using var session = new WriterSession(writer);
        while (!ct.IsCancellationRequested)
        {
            var id = writer + (++sequence * _writers);
            session.SentAt = null;
            try
            {
                var ack = await CommitOneAsync(session, id, ct);
                _latency.Record(Stopwatch.GetElapsedTime(ack.SentAt, ack.AcknowledgedAt));
                _acknowledged[id] = ack;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping: a statement cancelled in flight is in doubt like any other.
                if (session.SentAt is not null) _inDoubt.Add(id);
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                // Sent but not acknowledged: it may have committed before the connection broke. A failed connect sent nothing.
                if (session.SentAt is not null) _inDoubt.Add(id);
                Interlocked.Increment(ref _errors);
                await session.DropAsync();
                try { await Task.Delay(10, ct); } // back off before reconnecting
                catch (OperationCanceledException) { break; }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
