using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using StatelessMind.Harness;
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
                ["archive_command"] = "''",              // set by StartArchivingAndBackUpAsync, once the archive folder exists
                ["track_commit_timestamp"] = "on",       // pg_xact_commit_timestamp(): the exact time a target compares against
            },
        }, cancellationToken);
        try
        {
            await Sql.ExecuteAsync(Sql.Unpooled(source.ConnectionString), cancellationToken, $"CREATE TABLE {Table} (id int PRIMARY KEY, note text NOT NULL)");
            var archiveDir = await source.CreateServerOwnedDirectoryAsync("wal-archive", cancellationToken);
            var baseBackup = Path.Combine(await source.CreateServerOwnedDirectoryAsync("backups", cancellationToken), "base");
            await StartArchivingAndBackUpAsync(source, archiveDir, baseBackup, cancellationToken);
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

    /// <summary>
    /// Makes <paramref name="source"/> archive every finished WAL segment into <paramref name="archiveDirectory"/> (copy to a
    /// .partial name, then rename, so a half-copied file never carries a segment's name; never overwrite), then takes a base
    /// backup into <paramref name="baseBackupDirectory"/> with pg_basebackup, WAL streamed alongside so the backup is consistent.
    /// </summary>
    internal static async Task StartArchivingAndBackUpAsync(PostgresCluster source, string archiveDirectory, string baseBackupDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var admin = new NpgsqlConnection(Sql.Unpooled(source.ConnectionString));
        await admin.OpenAsync(cancellationToken);
        #region Exercise 1.1.1-4a: set an archive_command that copies each finished segment into the archive (copy to .partial, then rename; never overwrite), reload, then pg_basebackup -X stream (tests: PitrSessionTests.The_archive_holds_every_segment_from_the_backup_on)
        source.AppendSettings(new Dictionary<string, string>
        {
            ["archive_command"] = PostgresCluster.Quote(
                $"test ! -f '{archiveDirectory}/%f' && cp %p '{archiveDirectory}/%f.partial' && mv '{archiveDirectory}/%f.partial' '{archiveDirectory}/%f'"),
        });
        await Sql.ExecuteAsync(admin, cancellationToken, "SELECT pg_reload_conf()");
        await source.RunToolAsync("pg_basebackup",
            ["-h", "127.0.0.1", "-p", source.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-D", baseBackupDirectory,
             "-X", "stream", "-c", "fast", "--no-sync", "-l", "stateless-mind pitr base"], cancellationToken);
        #endregion
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
        await using var conn = new NpgsqlConnection(Sql.Unpooled(Source.ConnectionString, "pitr-workload"));
        await conn.OpenAsync(ct);
        for (var id = 1; id <= options.Transactions; id++)
        {
            _history.Add(await CommitAndRecordAsync(conn, id, ct));
            if (options.RestorePointsAfter.Contains(id))
                await CreateRestorePointAsync(conn, $"after-transaction-{id}", id, ct);
            if (id % options.SwitchSegmentEvery == 0)
                await Sql.ExecuteAsync(conn, ct, "SELECT pg_switch_wal()");
        }
    }

    /// <summary>
    /// Inserts ledger row <paramref name="id"/> in a transaction of its own and returns what a restore target can name it by:
    /// its xid, its commit timestamp (as recorded with track_commit_timestamp) and the WAL insert position right after its COMMIT.
    /// </summary>
    internal static async Task<CommittedTransaction> CommitAndRecordAsync(NpgsqlConnection conn, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(conn);
        await using var tx = await conn.BeginTransactionAsync(ct);
        #region Exercise 1.1.1-4b: insert the row, read the transaction's xid, commit, then read the WAL insert position and the commit timestamp (tests: PitrSessionTests.The_workload_records_each_commit_with_increasing_xid_time_and_lsn)
        await using (var insert = new NpgsqlCommand($"INSERT INTO {Table} (id, note) VALUES ($1, $2)", conn, tx))
        {
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue($"transaction {id}");
            await insert.ExecuteNonQueryAsync(ct);
        }
        var xid = await Sql.ScalarAsync<long>(conn, "SELECT pg_current_xact_id()::text::bigint", ct);
        await tx.CommitAsync(ct);
        var lsn = await Sql.ScalarAsync<string>(conn, "SELECT pg_current_wal_insert_lsn()::text", ct);
        var committed = await Sql.ScalarAsync<DateTime>(conn, "SELECT pg_xact_commit_timestamp($1::text::xid)", ct, xid.ToString(CultureInfo.InvariantCulture));
        return new CommittedTransaction(id, xid, new DateTimeOffset(committed, TimeSpan.Zero), lsn);
        #endregion
    }

    private async Task CommitAccidentAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(Sql.Unpooled(Source.ConnectionString, "pitr-accident"));
        await conn.OpenAsync(ct);
        await CreateRestorePointAsync(conn, BeforeAccident, _history.Count, ct);
        await Sql.ExecuteAsync(conn, ct, $"DROP TABLE {Table}");
        AccidentTime = DateTimeOffset.UtcNow;
        // Finish the current segment and wait until the archiver has copied it: the archive then holds the accident.
        var segment = await Sql.ScalarAsync<string>(conn, "SELECT pg_walfile_name(pg_switch_wal())", ct);
        await Eventually.UntilAsync(() => File.Exists(Path.Combine(Archive.Directory, segment)), TimeSpan.FromSeconds(60),
            $"segment {segment} to be archived (see {Source.LogFile} for archive_command errors)", ct);
    }

    private async Task CreateRestorePointAsync(NpgsqlConnection conn, string name, int lastTransaction, CancellationToken ct)
    {
        await Sql.ScalarAsync<string>(conn, "SELECT pg_create_restore_point($1)::text", ct, name);
        _restorePoints[name] = lastTransaction;
    }

    public async ValueTask DisposeAsync() => await Source.DisposeAsync();
}
