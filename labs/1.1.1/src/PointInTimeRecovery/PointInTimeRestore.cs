using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>
/// Restores the session's base backup into a fresh data folder and replays archived WAL up to a target:
/// copy the backup, set <c>restore_command</c> and <c>recovery_target_*</c>, create <c>recovery.signal</c>,
/// start, and wait until the server has reached the target and promoted itself. When PostgreSQL stops
/// the recovery, its log is read to name the WAL segment at fault.
/// </summary>
public static partial class PointInTimeRestore
{
    [GeneratedRegex(@"restored log file ""([0-9A-F]{24})"" from archive")]
    private static partial Regex RestoredSegment();

    [GeneratedRegex(@"(incorrect resource manager data checksum in record|invalid magic number \w+ in log segment \w+, offset \d+|record with incorrect prev-link \S+|invalid record length|unexpected pageaddr \S+ in log segment \w+, offset \d+)\D*?at (\w+/\w+)")]
    private static partial Regex BadRecord();

    [GeneratedRegex(@"cannot stat '[^']*/([0-9A-F]{24})'")]
    private static partial Regex MissingFile();

    [GeneratedRegex(@"FATAL:\s+(.*)")]
    private static partial Regex Fatal();

    public static async Task<RestoredCluster> RestoreAsync(PitrSession session, RecoveryTarget target, RestoreOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new RestoreOptions();
        var archive = options.Archive ?? session.Archive;
        var verified = options.VerifyArchive ? archive.Verify(session.BackupStartSegment, cancellationToken) : null;

        // A harness cluster gives a folder, a port and clean-up; its data is replaced by the backup.
        var owned = options.Host is null;
        var restored = options.Host ?? await PostgresCluster.StartAsync(new PostgresClusterOptions { Name = $"pitr-restore-{target.Kind.ToString().ToLowerInvariant()}" }, cancellationToken);
        try
        {
            // The planted bug (test hook): a restore that forgets where to stop.
            var stopAt = options.Bug == RestoreBug.IgnoreTarget ? new Dictionary<string, string>() : target.Settings();
            await PrepareDataFolderAsync(restored, session.BaseBackupDirectory, archive, stopAt, cancellationToken);

            var logStart = restored.ReadLog().Length; // a reused host's log holds earlier restores too
            var started = Stopwatch.GetTimestamp();
            try
            {
                await restored.StartAsync(options.Timeout, cancellationToken);
                await WaitForPromotionAsync(restored, options.Timeout, cancellationToken);
            }
            catch (Exception e) when (e is CommandFailedException or NpgsqlException or TimeoutException or RecoveryStoppedException && !restored.IsRunning)
            {
                throw Diagnose(restored.ReadLog()[logStart..]);
            }
            var duration = Stopwatch.GetElapsedTime(started);
            var segments = RestoredSegment().Matches(restored.ReadLog()[logStart..]).Select(m => m.Groups[1].Value).Distinct().Count();
            return new RestoredCluster(restored, target, duration, segments, verified, owned);
        }
        catch
        {
            if (owned) await restored.DisposeAsync();
            else await restored.StopAsync(PostgresStopMode.Immediate, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Stops <paramref name="restored"/> and replaces its data folder with a copy of the base backup set up for archive
    /// recovery: its own port and name, archiving off (a restored copy must not write into the archive it reads), a
    /// restore_command that fetches segments from <paramref name="archive"/>, the target's settings, and recovery.signal.
    /// </summary>
    internal static async Task PrepareDataFolderAsync(PostgresCluster restored, string baseBackup, WalArchive archive,
        IReadOnlyDictionary<string, string> targetSettings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restored);
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(targetSettings);
        await restored.StopAsync(PostgresStopMode.Immediate, cancellationToken);
        #region Exercise 1.1.1-4e: put the base backup in the emptied data folder, point restore_command at the archive, turn archiving off, add the target's settings, create recovery.signal (tests: PitrRestoreTests)
        foreach (var entry in new DirectoryInfo(restored.DataDirectory).EnumerateFileSystemInfos())
            if (entry is DirectoryInfo d) d.Delete(recursive: true); else entry.Delete();
        (await HostCommands.RunAsync("cp", ["-a", baseBackup + "/.", restored.DataDirectory], restored.ServerUser, cancellationToken: cancellationToken))
            .EnsureSuccess();
        var settings = new Dictionary<string, string>
        {
            ["port"] = restored.Port.ToString(CultureInfo.InvariantCulture),
            ["cluster_name"] = PostgresCluster.Quote(restored.Name),
            ["archive_mode"] = "off",
            ["restore_command"] = PostgresCluster.Quote($"cp '{archive.Directory}/%f' '%p'"),
        };
        foreach (var (k, v) in targetSettings) settings[k] = v;
        restored.AppendSettings(settings);
        (await HostCommands.RunAsync("touch", [Path.Combine(restored.DataDirectory, "recovery.signal")], restored.ServerUser, cancellationToken: cancellationToken))
            .EnsureSuccess();
        #endregion
    }

    /// <summary>Waits until the server has left recovery (reached its target and promoted); fails at once if it stopped instead.</summary>
    private static Task WaitForPromotionAsync(PostgresCluster cluster, TimeSpan timeout, CancellationToken ct) =>
        Eventually.UntilAsync(async () =>
        {
            if (!cluster.IsRunning) throw new RecoveryStoppedException();
            return !await Sql.ScalarAsync<bool>(Sql.Unpooled(cluster.ConnectionString, "pitr-restore"), "SELECT pg_is_in_recovery()", ct);
        }, timeout, $"{cluster.Name} to finish recovery and promote", ct, transient: e => e is NpgsqlException && cluster.IsRunning);

    /// <summary>The restored server exited during recovery (its log says why).</summary>
    private sealed class RecoveryStoppedException() : Exception("The server stopped during recovery.");

    /// <summary>Reads the server log of a failed recovery: the bad record's segment, else the file restore_command could not find.</summary>
    private static RecoveryFailedException Diagnose(string log)
    {
        // The startup process's FATAL, not those of clients refused while the server was still recovering.
        var fatals = Fatal().Matches(log).Select(m => m.Groups[1].Value.Trim()).Where(f => !f.StartsWith("the database system is", StringComparison.Ordinal)).ToList();
        var reason = fatals.LastOrDefault(f => f.Contains("recovery", StringComparison.Ordinal)) ?? fatals.LastOrDefault() ?? "the server exited during recovery";
        string? segment = null;
        var bad = BadRecord().Matches(log).LastOrDefault();
        if (bad is not null && !bad.Groups[1].Value.StartsWith("invalid record length", StringComparison.Ordinal))
            segment = WalSegmentName.Containing(Lsn.Parse(bad.Groups[2].Value)).ToString();
        segment ??= MissingFile().Matches(log).LastOrDefault()?.Groups[1].Value;
        if (segment is null && RestoredSegment().Matches(log).LastOrDefault() is { } last)
            segment = WalSegmentName.Parse(last.Groups[1].Value).Next.ToString();
        return new RecoveryFailedException(segment, reason, string.Join('\n', log.Split('\n').TakeLast(25)));
    }
}
