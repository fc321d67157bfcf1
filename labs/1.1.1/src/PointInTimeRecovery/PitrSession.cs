using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>
/// The source side of point-in-time recovery: a cluster that archives every finished WAL segment
/// (<c>archive_command</c> copies it into an archive folder), a base backup taken with pg_basebackup, then
/// a workload whose commit times, xids and LSNs are recorded, named restore points, and finally an
/// accident (<c>DROP TABLE</c>). Everything a restore needs stays on disk until the session is disposed.
/// </summary>
public sealed partial class PitrSession : IAsyncDisposable
{
    public const string Table = "ledger";
    public const string BeforeAccident = "before-accident";
    private readonly List<CommittedTransaction> _history = [];
    private readonly Dictionary<string, int> _restorePoints = new(StringComparer.Ordinal);

    private PitrSession(PostgresCluster source, WalArchive archive, string baseBackup)
    {
        Source = source;
        Archive = archive;
        BaseBackupDirectory = baseBackup;
    }

    public PostgresCluster Source { get; }
    public WalArchive Archive { get; }
    public string BaseBackupDirectory { get; }
    public WalSegmentName BackupStartSegment { get; private set; }
    public string BackupStartLsn { get; private set; } = "";
    public long BaseBackupBytes { get; private set; }
    public IReadOnlyList<CommittedTransaction> History => _history;

    /// <summary>Restore point name → the last transaction committed before it.</summary>
    public IReadOnlyDictionary<string, int> RestorePoints => _restorePoints;

    public DateTimeOffset AccidentTime { get; private set; }

    [GeneratedRegex(@"START WAL LOCATION: (\S+) \(file ([0-9A-F]{24})\)")]
    private static partial Regex BackupStart();

    public static async Task<PitrSession> StartAsync(PitrSessionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            Name = "pitr-source",
            Settings = new Dictionary<string, string>
            {
                ["wal_level"] = "replica",
                ["archive_mode"] = "on",                 // needs a restart: set before the first start
                ["archive_command"] = "''",              // set below, once the archive folder exists
                ["track_commit_timestamp"] = "on",       // pg_xact_commit_timestamp(): the exact time a target compares against
            },
        }, cancellationToken);
        try
        {
            #region Exercise 1.1.1-4: archive every finished segment (copy, then rename into place), then take a base backup
            var archiveDir = await source.CreateServerOwnedDirectoryAsync("wal-archive", cancellationToken);
            source.AppendSettings(new Dictionary<string, string>
            {
                ["archive_command"] = PostgresCluster.Quote($"test ! -f '{archiveDir}/%f' && cp %p '{archiveDir}/%f.partial' && mv '{archiveDir}/%f.partial' '{archiveDir}/%f'"),
            });
            await ExecuteAsync(source, "SELECT pg_reload_conf()", cancellationToken);
            await ExecuteAsync(source, $"CREATE TABLE {Table} (id int PRIMARY KEY, note text NOT NULL)", cancellationToken);

            var backups = await source.CreateServerOwnedDirectoryAsync("backups", cancellationToken);
            var baseBackup = Path.Combine(backups, "base");
            await source.RunToolAsync("pg_basebackup",
                ["-h", "127.0.0.1", "-p", source.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-D", baseBackup,
                 "-X", "stream", "-c", "fast", "--no-sync", "-l", "stateless-mind pitr base"], cancellationToken);
            #endregion
            var session = new PitrSession(source, new WalArchive(archiveDir), baseBackup);
            var label = BackupStart().Match(await File.ReadAllTextAsync(Path.Combine(baseBackup, "backup_label"), cancellationToken));
            if (!label.Success) throw new InvalidDataException($"{baseBackup}/backup_label has no START WAL LOCATION line.");
            session.BackupStartLsn = label.Groups[1].Value;
            session.BackupStartSegment = WalSegmentName.Parse(label.Groups[2].Value);
            session.BaseBackupBytes = new DirectoryInfo(baseBackup).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

            await session.RunWorkloadAsync(options, cancellationToken);
            await session.CommitAccidentAsync(cancellationToken);
            return session;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    /// <summary>The ids a restore to <paramref name="target"/> must hold: exactly the transactions committed before it.</summary>
    public IReadOnlyList<int> ExpectedIds(RecoveryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        IEnumerable<CommittedTransaction> before = target.Kind switch
        {
            RecoveryTargetKind.Time => _history.Where(t => t.CommitTime <= DateTimeOffset.Parse(target.Value, CultureInfo.InvariantCulture)),
            RecoveryTargetKind.Lsn => _history.Where(t => Lsn.Parse(t.LsnAfterCommit) <= Lsn.Parse(target.Value)),
            RecoveryTargetKind.Name => _history.Where(t => t.Id <= _restorePoints[target.Value]),
            RecoveryTargetKind.Xid => _history.Where(t => t.Xid <= long.Parse(target.Value, CultureInfo.InvariantCulture)),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        return before.Select(t => t.Id).Order().ToList();
    }

    /// <summary>A time strictly between the commits of transactions <paramref name="id"/> and id + 1.</summary>
    public DateTimeOffset TimeBetween(int id)
    {
        var a = _history.Single(t => t.Id == id).CommitTime;
        var b = _history.Single(t => t.Id == id + 1).CommitTime;
        return a + (b - a) / 2;
    }

    /// <summary>A copy of the archive (owned by the server's user) that a test can damage without touching the original.</summary>
    public async Task<WalArchive> CopyArchiveAsync(string name, CancellationToken cancellationToken = default)
    {
        var copy = await Source.CreateServerOwnedDirectoryAsync(name, cancellationToken);
        foreach (var file in Directory.EnumerateFiles(Archive.Directory))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        if (Source.ServerUser is { } user) await HostCommands.GiveToUserAsync(copy, user, cancellationToken);
        return new WalArchive(copy);
    }

    private async Task RunWorkloadAsync(PitrSessionOptions options, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString(Source));
        await conn.OpenAsync(ct);
        for (var id = 1; id <= options.Transactions; id++)
        {
            #region Exercise 1.1.1-4: commit one transaction and record its xid, commit timestamp and the WAL position after it
            long xid;
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                await using (var insert = new NpgsqlCommand($"INSERT INTO {Table} (id, note) VALUES ($1, $2)", conn, tx))
                {
                    insert.Parameters.AddWithValue(id);
                    insert.Parameters.AddWithValue($"transaction {id}");
                    await insert.ExecuteNonQueryAsync(ct);
                }
                await using (var getXid = new NpgsqlCommand("SELECT pg_current_xact_id()::text::bigint", conn, tx))
                    xid = (long)(await getXid.ExecuteScalarAsync(ct))!;
                await tx.CommitAsync(ct);
            }
            await using (var after = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()::text, pg_xact_commit_timestamp($1::text::xid)", conn))
            {
                after.Parameters.AddWithValue(xid.ToString(CultureInfo.InvariantCulture));
                await using var reader = await after.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                _history.Add(new CommittedTransaction(id, xid, new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), reader.GetString(0)));
            }
            #endregion
            if (options.RestorePointsAfter.Contains(id))
                await CreateRestorePointAsync(conn, $"after-transaction-{id}", id, ct);
            if (id % options.SwitchSegmentEvery == 0)
                await using (var sw = new NpgsqlCommand("SELECT pg_switch_wal()", conn)) await sw.ExecuteScalarAsync(ct);
        }
    }

    private async Task CommitAccidentAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString(Source));
        await conn.OpenAsync(ct);
        await CreateRestorePointAsync(conn, BeforeAccident, _history.Count, ct);
        await using (var drop = new NpgsqlCommand($"DROP TABLE {Table}", conn)) await drop.ExecuteNonQueryAsync(ct);
        AccidentTime = DateTimeOffset.UtcNow;
        // Finish the current segment and wait until the archiver has copied it: the archive then holds the accident.
        string segment;
        await using (var sw = new NpgsqlCommand("SELECT pg_walfile_name(pg_switch_wal())", conn)) segment = (string)(await sw.ExecuteScalarAsync(ct))!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(Path.Combine(Archive.Directory, segment)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Segment {segment} was not archived within 60 s; see {Source.LogFile} for archive_command errors.");
            await Task.Delay(20, ct);
        }
    }

    private async Task CreateRestorePointAsync(NpgsqlConnection conn, string name, int lastTransaction, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_create_restore_point($1)::text", conn);
        cmd.Parameters.AddWithValue(name);
        await cmd.ExecuteScalarAsync(ct);
        _restorePoints[name] = lastTransaction;
    }

    internal static string ConnectionString(PostgresCluster cluster) =>
        new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;

    private static async Task ExecuteAsync(PostgresCluster cluster, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString(cluster));
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync() => await Source.DisposeAsync();
}
