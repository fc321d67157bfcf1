using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// Runs a failover the way a cluster manager (Patroni, repmgr) does, step by step: notice the primary
/// is gone (consecutive failed health probes), promote the replica that has received the most WAL
/// (<c>pg_promote</c>), point the other replica at it (primary_conninfo + slot, reload), and later bring
/// the old primary back as a follower with <c>pg_rewind</c>.
/// </summary>
public sealed partial class FailoverCoordinator(ReplicationTopology topology)
{
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    public int FailedProbesToDeclareDead { get; init; } = 3;

    [GeneratedRegex(@"servers diverged at WAL location (\S+) on timeline (\d+)")]
    private static partial Regex Diverged();

    /// <summary>SIGKILLs the primary and fails over; returns once the workload has committed on the new primary.</summary>
    public async Task<FailoverResult> KillPrimaryAndFailOverAsync(CommitWorkload workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var oldName = topology.PrimaryName;
        var old = topology.Primary;
        var killedAt = Stopwatch.GetTimestamp();
        await old.KillAsync(cancellationToken);

        #region Exercise 1.1.1-3: detect the failure, promote the replica with the highest received LSN, re-point the other one
        // 1. Detection: the primary is declared dead after N consecutive failed probes.
        for (var failures = 0; failures < FailedProbesToDeclareDead;)
        {
            failures = await ProbeAsync(old, cancellationToken) ? 0 : failures + 1;
            if (failures < FailedProbesToDeclareDead) await Task.Delay(ProbeInterval, cancellationToken);
        }
        var detected = Stopwatch.GetTimestamp();

        // 2. The most advanced replica: it has flushed the most WAL, so it holds every commit any replica has.
        var received = new Dictionary<string, string>(StringComparer.Ordinal);
        var best = (Name: "", Position: decimal.MinValue);
        foreach (var name in topology.Standbys.Select(s => s.Name))
        {
            var cluster = topology.Member(name);
            await using var conn = new NpgsqlConnection(Sql.Unpooled(cluster.ConnectionString));
            await conn.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand("SELECT pg_last_wal_receive_lsn()::text, pg_wal_lsn_diff(pg_last_wal_receive_lsn(), '0/0')", conn);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var lsn = reader.IsDBNull(0) ? "none" : reader.GetString(0);
            var position = reader.IsDBNull(1) ? -1 : reader.GetDecimal(1);
            received[name] = lsn;
            if (position > best.Position) best = (name, position);
        }
        var winner = topology.Member(best.Name);

        // 3. Promote it (waits until it has replayed all it received and accepts writes).
        if (!await Sql.ScalarAsync<bool>(Sql.Unpooled(winner.ConnectionString), "SELECT pg_promote(true, 60)", cancellationToken))
            throw new InvalidOperationException($"pg_promote on {best.Name} did not finish within 60 s.");
        topology.Promoted(best.Name);
        var promoted = Stopwatch.GetTimestamp();

        // 4. Slots on the new primary for every other member, and the remaining replica follows it.
        var others = topology.Standbys.Select(s => s.Name).ToList();
        var onWinner = others.Select(other =>
            $"SELECT pg_create_physical_replication_slot({Sql.QuoteLiteral(other)}, true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = {Sql.QuoteLiteral(other)})").ToList();
        if (topology.Mode != ReplicationMode.Asynchronous)
            onWinner.AddRange([$"ALTER SYSTEM SET synchronous_standby_names = {Sql.QuoteLiteral($"ANY 1 ({string.Join(", ", others.Select(Sql.QuoteIdentifier))})")}", "SELECT pg_reload_conf()"]);
        await Sql.ExecuteAsync(Sql.Unpooled(winner.ConnectionString), cancellationToken, [.. onWinner]);
        foreach (var other in others.Where(o => o != oldName))
            await FollowAsync(topology.Member(other), other, winner, cancellationToken);
        var repointed = Stopwatch.GetTimestamp();
        #endregion

        // 5. Recovery is complete when a client's write succeeds on the new primary.
        var firstWrite = await workload.WaitForCommitOnAsync(best.Name, killedAt, TimeSpan.FromSeconds(60), cancellationToken);
        return new FailoverResult(oldName, best.Name, received,
            Stopwatch.GetElapsedTime(killedAt, detected), Stopwatch.GetElapsedTime(detected, promoted),
            Stopwatch.GetElapsedTime(promoted, repointed), Stopwatch.GetElapsedTime(killedAt, firstWrite), killedAt);
    }

    /// <summary>
    /// Brings a stopped former primary back as a follower of the current primary: pg_rewind undoes the
    /// WAL it wrote after the timelines diverged (and copies the changed files from the new primary),
    /// -R writes standby.signal and primary_conninfo; then it starts as a hot standby on its own slot.
    /// (--no-sync skips the final fsync of the data folder, as the harness's throwaway clusters do; keep it in production.)
    /// </summary>
    public async Task<RejoinResult> RejoinAsFollowerAsync(string member, CancellationToken cancellationToken = default)
    {
        var node = topology.Member(member);
        if (node.IsRunning) throw new InvalidOperationException($"{member} is running; only a stopped former primary can be rewound.");
        var primary = topology.Primary;
        var started = Stopwatch.GetTimestamp();
        #region Exercise 1.1.1-3: pg_rewind the old primary against the new one, restore its own port/name/slot, start it as a standby
        // pg_rewind reads the source's timeline from its control file, which moves to the new timeline only at the first
        // checkpoint after promotion; before it, pg_rewind sees "the same timeline" and rewinds nothing. Force it.
        await Sql.ExecuteAsync(Sql.Unpooled(primary.ConnectionString), cancellationToken, "CHECKPOINT");
        var source = $"host=127.0.0.1 port={primary.Port.ToString(CultureInfo.InvariantCulture)} user=postgres dbname=postgres application_name={member}";
        var rewind = await node.RunToolAsync("pg_rewind",
            ["--target-pgdata", node.DataDirectory, "--source-server", source, "--write-recovery-conf", "--progress", "--no-sync"], cancellationToken);
        var rewound = Stopwatch.GetTimestamp();
        // pg_rewind copied the new primary's configuration files: give this node back its own port, name and slot.
        node.AppendSettings(new Dictionary<string, string>
        {
            ["port"] = node.Port.ToString(CultureInfo.InvariantCulture),
            ["cluster_name"] = PostgresCluster.Quote(member),
        });
        await File.AppendAllTextAsync(Path.Combine(node.DataDirectory, "postgresql.auto.conf"),
            $"primary_slot_name = {Sql.QuoteLiteral(member)}\n", cancellationToken);
        await node.StartAsync(cancellationToken: cancellationToken);
        await topology.WaitForStandbysAsync(primary, [member], TimeSpan.FromSeconds(60), cancellationToken);
        #endregion
        var output = rewind.StandardOutput + rewind.StandardError;
        var diverged = Diverged().Match(output);
        return new RejoinResult(member, !output.Contains("no rewind required", StringComparison.Ordinal),
            diverged.Success ? $"{diverged.Groups[1].Value} on timeline {diverged.Groups[2].Value}" : null,
            Stopwatch.GetElapsedTime(started, rewound), Stopwatch.GetElapsedTime(started), output.Trim());
    }

    /// <summary>Waits until every running standby has replayed up to the primary's current WAL position;
    /// returns each member's ledger fingerprint (row count, sum of ids).</summary>
    public async Task<IReadOnlyDictionary<string, (long Rows, decimal IdSum)>> ConvergeAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var primary = topology.Primary;
        var target = await Sql.ScalarAsync<string>(Sql.Unpooled(primary.ConnectionString), "SELECT pg_current_wal_lsn()::text", cancellationToken);
        var fingerprints = new Dictionary<string, (long, decimal)>(StringComparer.Ordinal)
        {
            [topology.PrimaryName] = await ReplicationTopology.FingerprintAsync(primary, cancellationToken),
        };
        foreach (var (name, cluster) in topology.Standbys.Where(s => s.Cluster.IsRunning))
        {
            try
            {
                await Eventually.UntilAsync(async () => await Sql.ScalarAsync<decimal>(Sql.Unpooled(cluster.ConnectionString),
                        $"SELECT coalesce(pg_wal_lsn_diff(pg_last_wal_replay_lsn(), {Sql.QuoteLiteral(target)}::pg_lsn), -1)", cancellationToken) >= 0,
                    timeout, $"{name} to replay up to {target}", cancellationToken, static e => e is NpgsqlException);
            }
            catch (TimeoutException e)
            {
                var state = await Sql.ScalarAsync<string>(Sql.Unpooled(cluster.ConnectionString),
                    "SELECT concat_ws(' ', 'receiver:', coalesce((SELECT status || ' from port ' || sender_port FROM pg_stat_wal_receiver), 'none'), " +
                    "'received:', pg_last_wal_receive_lsn()::text, 'replayed:', pg_last_wal_replay_lsn()::text)", cancellationToken);
                throw new TimeoutException($"{e.Message} {name}: {state}. Last lines of its log:\n{cluster.TailOfLog(15)}", e);
            }
            fingerprints[name] = await ReplicationTopology.FingerprintAsync(cluster, cancellationToken);
        }
        return fingerprints;
    }

    /// <summary>Acknowledged ids that the current primary does not hold: the RPO in commits.</summary>
    public async Task<IReadOnlyList<long>> LostAcknowledgedAsync(CommitWorkload workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var present = new HashSet<long>();
        await using var conn = new NpgsqlConnection(Sql.Unpooled(topology.Primary.ConnectionString));
        await conn.OpenAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"SELECT id FROM {ReplicationTopology.Table}", conn);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) present.Add(reader.GetInt64(0));
        return workload.Acknowledged.Where(id => !present.Contains(id)).Order().ToList();
    }

    private static async Task FollowAsync(PostgresCluster standby, string name, PostgresCluster primary, CancellationToken ct)
    {
        var conninfo = $"host=127.0.0.1 port={primary.Port.ToString(CultureInfo.InvariantCulture)} user=postgres application_name={name}";
        await Sql.ExecuteAsync(Sql.Unpooled(standby.ConnectionString), ct, $"ALTER SYSTEM SET primary_conninfo = {Sql.QuoteLiteral(conninfo)}",
            $"ALTER SYSTEM SET primary_slot_name = {Sql.QuoteLiteral(name)}",
            "SELECT pg_reload_conf()"); // the WAL receiver restarts with the new source
    }

    private static async Task<bool> ProbeAsync(PostgresCluster cluster, CancellationToken ct)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(Sql.Unpooled(cluster.ConnectionString, "health-probe")) { Timeout = 1 };
            await using var conn = new NpgsqlConnection(builder.ConnectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT 1", conn);
            await cmd.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
