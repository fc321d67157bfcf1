using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;
using StatelessMind.Labs.Reliability.PointInTimeRecovery;

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

    /// <summary>A planted mistake (test hook); <see cref="FailoverBug.None"/> in normal runs.</summary>
    public FailoverBug Bug { get; init; } = FailoverBug.None;

    [GeneratedRegex(@"servers diverged at WAL location (\S+) on timeline (\d+)")]
    private static partial Regex Diverged();

    /// <summary>SIGKILLs the primary and fails over; returns once the new primary accepts writes and the other standbys follow it.</summary>
    public async Task<FailoverResult> KillPrimaryAndFailOverAsync(CancellationToken cancellationToken = default)
    {
        var oldName = topology.PrimaryName;
        var old = topology.Primary;
        var killedAt = Stopwatch.GetTimestamp();
        await old.KillAsync(cancellationToken);

        // 1. Detection: the primary is declared dead after N consecutive failed probes.
        await DeclareDeadAsync(() => ProbeAsync(old, cancellationToken), FailedProbesToDeclareDead, ProbeInterval, cancellationToken);
        var detected = Stopwatch.GetTimestamp();

        // 2. The replica to promote, from what each one has received.
        var received = await ReceivedPositionsAsync(cancellationToken);
        var winner = Bug == FailoverBug.PromoteLeastAdvanced
            ? received.Where(r => r.Value is not null).MinBy(r => r.Value)!.Key // the planted mistake
            : ChooseMostAdvanced(received);

        // 3. Promote it and make everyone else follow it.
        await PromoteAndRepointAsync(winner, oldName, cancellationToken);
        var repointed = Stopwatch.GetTimestamp();
        if (topology.PrimaryName != winner || topology.PromotedAtTimestamp < detected)
            throw new InvalidOperationException($"The topology does not name {winner} as the new primary (it names {topology.PrimaryName}).");
        return new FailoverResult(oldName, winner, received.ToDictionary(r => r.Key, r => r.Value is { } v ? Lsn.Format(v) : "none", StringComparer.Ordinal),
            Stopwatch.GetElapsedTime(killedAt, detected), Stopwatch.GetElapsedTime(detected, topology.PromotedAtTimestamp),
            Stopwatch.GetElapsedTime(topology.PromotedAtTimestamp, repointed), killedAt);
    }

    /// <summary>
    /// Probes until <paramref name="failuresInARow"/> consecutive probes have failed, <paramref name="interval"/> apart
    /// (a probe that succeeds resets the count: one lost packet is not a dead server). Returns how many probes it took.
    /// </summary>
    public static async Task<int> DeclareDeadAsync(Func<Task<bool>> probe, int failuresInARow, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failuresInARow);
        var probes = 0;
        for (var failures = 0; failures < failuresInARow;)
        {
            probes++;
            failures = await probe() ? 0 : failures + 1;
            if (failures < failuresInARow) await Task.Delay(interval, cancellationToken); // the probe interval is part of the detector
        }
        return probes;
    }

    /// <summary>
    /// The replica to promote: the one that has received the most WAL (it holds every commit any replica holds, and the
    /// others can follow it without rewinding). Ties go to the first name. Null positions (no WAL received) lose.
    /// </summary>
    public static string ChooseMostAdvanced(IReadOnlyDictionary<string, ulong?> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        #region Exercise 1.1.1-3d: choose the replica with the highest received WAL position; ties by name; refuse when none has received any (tests: FailoverChoiceTests.The_replica_that_received_the_most_WAL_is_promoted, FailoverChoiceTests.A_tie_goes_to_the_first_name_and_a_replica_that_received_nothing_never_wins)
        var candidates = received.Where(r => r.Value is not null).ToList();
        if (candidates.Count == 0)
            throw new InvalidOperationException($"No replica has received any WAL ({string.Join(", ", received.Keys)}): there is nothing safe to promote.");
        return candidates.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).First().Key;
        #endregion
    }

    /// <summary>pg_last_wal_receive_lsn() of every running standby (null when it has received nothing by streaming).</summary>
    public async Task<IReadOnlyDictionary<string, ulong?>> ReceivedPositionsAsync(CancellationToken cancellationToken)
    {
        var received = new Dictionary<string, ulong?>(StringComparer.Ordinal);
        foreach (var (name, cluster) in topology.Standbys.Where(s => s.Cluster.IsRunning))
        {
            var lsn = await Sql.ScalarAsync<string?>(Sql.Unpooled(cluster.ConnectionString), "SELECT pg_last_wal_receive_lsn()::text", cancellationToken);
            received[name] = lsn is null ? null : Lsn.Parse(lsn);
        }
        return received;
    }

    /// <summary>
    /// Promotes <paramref name="winner"/> (pg_promote waits until it has replayed what it received and accepts writes), records
    /// it as the primary, gives it a slot for every other member, makes it wait for one of them in a synchronous mode, and
    /// points every running standby except the dead <paramref name="oldPrimary"/> at it.
    /// </summary>
    public async Task PromoteAndRepointAsync(string winner, string oldPrimary, CancellationToken cancellationToken)
    {
        var connection = Sql.Unpooled(topology.Member(winner).ConnectionString);
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(cancellationToken);
        #region Exercise 1.1.1-3e: pg_promote the winner, record it as primary, create slots for the others, set synchronous_standby_names in a synchronous mode, re-point the other standbys (tests: FailoverTests)
        if (!await Sql.ScalarAsync<bool>(conn, "SELECT pg_promote(true, 60)", cancellationToken))
            throw new InvalidOperationException($"pg_promote on {winner} did not finish within 60 s.");
        topology.Promoted(winner);
        var others = topology.Standbys.Select(s => s.Name).ToList();
        foreach (var other in others)
            await Sql.ExecuteAsync(conn, cancellationToken,
                $"SELECT pg_create_physical_replication_slot({Sql.QuoteLiteral(other)}, true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = {Sql.QuoteLiteral(other)})");
        if (topology.Mode != ReplicationMode.Asynchronous)
            await Sql.ExecuteAsync(conn, cancellationToken,
                $"ALTER SYSTEM SET synchronous_standby_names = {Sql.QuoteLiteral($"ANY 1 ({string.Join(", ", others.Select(Sql.QuoteIdentifier))})")}", "SELECT pg_reload_conf()");
        foreach (var other in others.Where(o => o != oldPrimary && topology.Member(o).IsRunning))
            await topology.FollowPrimaryAsync(other, cancellationToken); // its WAL receiver restarts and follows the new timeline
        #endregion
    }

    /// <summary>
    /// Brings a stopped former primary back as a follower of the current primary: pg_rewind undoes the
    /// WAL it wrote after the timelines diverged (and copies the changed files from the new primary),
    /// -R writes standby.signal and primary_conninfo; then it starts as a hot standby on its own slot.
    /// </summary>
    public async Task<RejoinResult> RejoinAsFollowerAsync(string member, CancellationToken cancellationToken = default)
    {
        var node = topology.Member(member);
        if (node.IsRunning) throw new InvalidOperationException($"{member} is running; only a stopped former primary can be rewound.");
        var started = Stopwatch.GetTimestamp();
        var output = await RewindAndStartAsync(member, cancellationToken);
        var diverged = Diverged().Match(output);
        return new RejoinResult(member, !output.Contains("no rewind required", StringComparison.Ordinal),
            diverged.Success ? $"{diverged.Groups[1].Value} (timeline {diverged.Groups[2].Value})" : null,
            Stopwatch.GetElapsedTime(started), output.Trim());
    }

    /// <summary>
    /// Rewinds the stopped <paramref name="member"/> against the current primary, gives it back its own port, name and slot
    /// (pg_rewind copied the primary's configuration files), starts it and waits until it streams. Returns pg_rewind's output.
    /// (--no-sync skips the final fsync of the data folder, as the harness's throwaway clusters do; keep it in production.)
    /// </summary>
    private async Task<string> RewindAndStartAsync(string member, CancellationToken cancellationToken)
    {
        var node = topology.Member(member);
        var primary = topology.Primary;
        // pg_rewind reads the source's timeline from its control file, which moves to the new timeline only at the first
        // checkpoint after promotion; before it, pg_rewind sees "the same timeline" and rewinds nothing. Force it.
        await Sql.ExecuteAsync(Sql.Unpooled(primary.ConnectionString), cancellationToken, "CHECKPOINT");
        #region Exercise 1.1.1-3f: pg_rewind the old primary against the new one (-R), restore its own port, name and slot, start it and wait until it streams (tests: FailoverTests.The_old_primary_rejoins_with_pg_rewind_and_every_member_converges)
        var source = $"host=127.0.0.1 port={primary.Port.ToString(CultureInfo.InvariantCulture)} user=postgres dbname=postgres application_name={member}";
        var rewind = await node.RunToolAsync("pg_rewind",
            ["--target-pgdata", node.DataDirectory, "--source-server", source, "--write-recovery-conf", "--progress", "--no-sync"], cancellationToken);
        node.AppendSettings(new Dictionary<string, string>
        {
            ["port"] = node.Port.ToString(CultureInfo.InvariantCulture),
            ["cluster_name"] = PostgresCluster.Quote(member),
        });
        await File.AppendAllTextAsync(Path.Combine(node.DataDirectory, "postgresql.auto.conf"), $"primary_slot_name = {Sql.QuoteLiteral(member)}\n", cancellationToken);
        await node.StartAsync(cancellationToken: cancellationToken);
        await topology.WaitForStandbysAsync(primary, [member], TimeSpan.FromSeconds(60), cancellationToken);
        return rewind.StandardOutput + rewind.StandardError;
        #endregion
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
    public async Task<IReadOnlyList<long>> LostAcknowledgedAsync(IEnumerable<Acknowledgement> acknowledged, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledged);
        var present = (await Sql.ScalarAsync<long[]>(Sql.Unpooled(topology.Primary.ConnectionString),
            $"SELECT coalesce(array_agg(id), '{{}}') FROM {ReplicationTopology.Table}", cancellationToken)).ToHashSet();
        return acknowledged.Select(a => a.Id).Where(id => !present.Contains(id)).Order().ToList();
    }

    private static async Task<bool> ProbeAsync(PostgresCluster cluster, CancellationToken ct)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(Sql.Unpooled(cluster.ConnectionString, "health-probe")) { Timeout = 1 };
            return await Sql.ScalarAsync<int>(builder.ConnectionString, "SELECT 1", ct) == 1;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
