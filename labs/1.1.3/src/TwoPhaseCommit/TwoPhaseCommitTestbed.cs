using Microsoft.EntityFrameworkCore;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// Two or three PostgreSQL clusters, each holding a <c>bank</c> database with its accounts (created
/// through EF Core), with max_prepared_transactions raised so that PREPARE TRANSACTION is allowed.
/// Gives the checks the invariant needs: the total over all databases, the prepared transactions
/// left, and which databases hold a transfer's rows.
/// </summary>
public sealed class TwoPhaseCommitTestbed : IAsyncDisposable
{
    public const string DatabaseName = "bank";
    private readonly List<PostgresCluster> _clusters;
    private readonly List<NpgsqlDataSource> _participants;

    private TwoPhaseCommitTestbed(List<PostgresCluster> clusters, int accounts, long initialBalance)
    {
        _clusters = clusters;
        AccountsPerParticipant = accounts;
        InitialBalance = initialBalance;
        ConnectionStrings = clusters.Select(c => c.ConnectionStringFor(DatabaseName)).ToList();
        _participants = ConnectionStrings.Select(cs => NpgsqlDataSource.Create(cs)).ToList();
    }

    public IReadOnlyList<PostgresCluster> Clusters => _clusters;
    public IReadOnlyList<string> ConnectionStrings { get; }

    /// <summary>One connection pool per participant's bank database: what coordinators and recovery use.</summary>
    public IReadOnlyList<NpgsqlDataSource> Participants => _participants;
    public int AccountsPerParticipant { get; }
    public long InitialBalance { get; }
    /// <summary>The total over all databases when no transfer has broken atomicity (transfers move money, never make it).</summary>
    public long ExpectedTotal => _clusters.Count * AccountsPerParticipant * InitialBalance;

    public static async Task<TwoPhaseCommitTestbed> StartAsync(int participants = 3, int accountsPerParticipant = 8, long initialBalance = 1_000,
        CancellationToken cancellationToken = default)
    {
        if (participants is < 2 or > 3) throw new ArgumentOutOfRangeException(nameof(participants), participants, "two or three participants");
        var clusters = new List<PostgresCluster>();
        try
        {
            // Started side by side: initdb and the first start spend much of their time waiting on the disk.
            var starting = Enumerable.Range(0, participants).Select(i => PostgresCluster.StartAsync(new PostgresClusterOptions
            {
                Name = $"bank-{(char)('a' + i)}",
                DataChecksums = false,
                // PREPARE TRANSACTION is refused while this is 0 (the default).
                Settings = new Dictionary<string, string> { ["max_prepared_transactions"] = "20" },
            }, cancellationToken)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                clusters.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
            foreach (var c in clusters)
            {
                await Sql.ExecuteAsync(c.ConnectionString, cancellationToken, $"CREATE DATABASE {DatabaseName}");
            }
            var bed = new TwoPhaseCommitTestbed(clusters, accountsPerParticipant, initialBalance);
            foreach (var p in bed._participants) await bed.CreateSchemaAsync(p, cancellationToken);
            return bed;
        }
        catch
        {
            foreach (var c in clusters) await c.DisposeAsync();
            throw;
        }
    }

    private async Task CreateSchemaAsync(NpgsqlDataSource participant, CancellationToken ct)
    {
        await using var context = new AccountsContext(AccountsContext.OptionsFor(participant));
        await context.Database.EnsureCreatedAsync(ct); // creates the tables from the EF model
        context.Accounts.AddRange(Enumerable.Range(1, AccountsPerParticipant)
            .Select(id => new Account { Id = id, Owner = $"owner-{id}", Balance = InitialBalance }));
        await context.SaveChangesAsync(ct);
        await context.Database.ExecuteSqlRawAsync("CREATE EXTENSION IF NOT EXISTS pgrowlocks", ct);
    }

    /// <summary>The sum of every balance in every participant (each read in its own snapshot, so only
    /// meaningful while no transfer runs).</summary>
    public async Task<long> TotalAsync(CancellationToken ct = default)
    {
        long total = 0;
        foreach (var p in _participants) total += await Sql.ScalarAsync<long>(p, "SELECT coalesce(sum(balance), 0) FROM accounts", ct);
        return total;
    }

    /// <summary>Prepared transactions still waiting for a decision, over all participants.</summary>
    public async Task<long> PreparedCountAsync(CancellationToken ct = default)
    {
        long n = 0;
        foreach (var p in _participants) n += await Sql.ScalarAsync<long>(p, "SELECT count(*) FROM pg_prepared_xacts", ct);
        return n;
    }

    /// <summary>How many participants hold a transfer prepared (in doubt), whichever coordinator prepared it.</summary>
    public async Task<int> InDoubtAsync(string transferId, CancellationToken ct = default)
    {
        var n = 0;
        foreach (var p in _participants)
            n += await Sql.ScalarAsync<int>(p, "SELECT count(*) FROM pg_prepared_xacts WHERE right(gid, length($1) + 1) = ':' || $1", ct, transferId);
        return n;
    }

    /// <summary>The participants (of the given ones) whose database holds rows of this transfer.</summary>
    public async Task<IReadOnlyList<int>> ParticipantsHoldingAsync(string transferId, IEnumerable<int> participants, CancellationToken ct = default)
    {
        var holding = new List<int>();
        foreach (var p in participants)
            if (await Sql.ScalarAsync<long>(_participants[p], "SELECT count(*) FROM applied_transfers WHERE transfer_id = $1", ct, transferId) > 0)
                holding.Add(p);
        return holding;
    }

    /// <summary>Transfers (whose id starts with <paramref name="idPrefix"/>) whose rows are in some but not all of the
    /// participants their rows name: an atomicity break.</summary>
    public async Task<int> PartiallyAppliedTransfersAsync(string idPrefix = "", CancellationToken ct = default)
    {
        // Each row set records the legs of one participant; a transfer's legs all sum to zero, so a
        // transfer present everywhere it should be has deltas summing to zero across databases.
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in _participants)
        {
            await using var conn = await p.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT transfer_id, sum(delta) FROM applied_transfers WHERE starts_with(transfer_id, $1) GROUP BY transfer_id", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = idPrefix });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                sums[reader.GetString(0)] = sums.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
        }
        return sums.Count(kv => kv.Value != 0);
    }

    /// <summary>Waits until no participant that is up still serves a session of <paramref name="applicationName"/>: after a
    /// coordinator process is killed, its backends notice the dropped connection and exit, rolling back unprepared work.</summary>
    public Task WaitForSessionsToCloseAsync(string applicationName, CancellationToken ct = default) =>
        Eventually.UntilAsync(async () =>
        {
            for (var i = 0; i < _clusters.Count; i++)
                if (_clusters[i].IsRunning && await Sql.ScalarAsync<long>(_participants[i], "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", ct, applicationName) > 0)
                    return false;
            return true;
        }, TimeSpan.FromSeconds(30), $"the sessions of {applicationName} to close on every participant", ct);

    /// <summary>Crash a participant: SIGKILL its postmaster (prepared transactions are on disk and survive).</summary>
    public async Task KillAsync(int participant, CancellationToken ct = default)
    {
        await _clusters[participant].KillAsync(ct);
        _participants[participant].Clear();
    }

    /// <summary>Starts every participant that is down (crash recovery replays its WAL, prepared transactions included).</summary>
    public async Task<int> RestartStoppedAsync(CancellationToken ct = default)
    {
        var restarted = 0;
        for (var i = 0; i < _clusters.Count; i++)
        {
            if (_clusters[i].IsRunning) continue;
            await _clusters[i].StartAsync(cancellationToken: ct);
            // The pool's idle connections died with the server: drop them rather than hand them out.
            _participants[i].Clear();
            restarted++;
        }
        return restarted;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _participants) await p.DisposeAsync();
        foreach (var c in _clusters) await c.DisposeAsync();
    }
}
