using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>
/// 1.1.1-4: automated point-in-time recovery. A source cluster archives its WAL; after a base backup a
/// workload records each commit's time, xid and LSN, creates restore points, and ends with DROP TABLE.
/// The experiment restores into fresh data folders to a time, an LSN, a restore point, an xid and the
/// point before the accident, checks each holds exactly the transactions committed before its target,
/// times each recovery, and shows that a missing or corrupt WAL segment is reported by name.
/// </summary>
public sealed class PitrExperiment : IExperiment
{
    public string GoalId => "1.1.1-4";
    public string Title => "Point-in-time recovery: WAL archive, base backup, restores to time / LSN / restore point / xid";

    public IReadOnlyList<RestoreOutcome> Restores { get; private set; } = [];
    public IReadOnlyList<DamagedArchiveOutcome> Damaged { get; private set; } = [];
    public WalArchiveReport? ArchiveCheck { get; private set; }

    /// <summary>The restore run with <see cref="RestoreBug.IgnoreTarget"/>: it must not be exact.</summary>
    public RestoreOutcome? PlantedBug { get; private set; }

    public static PitrSessionOptions OptionsFor(Scale scale) => scale == Scale.Full
        ? new PitrSessionOptions { Transactions = 400, SwitchSegmentEvery = 25, RestorePointsAfter = [250] }
        : new PitrSessionOptions { Transactions = 64, SwitchSegmentEvery = 16, RestorePointsAfter = [40] };

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Report(0, "source cluster with WAL archiving, base backup, workload, accident");
        await using var session = await PitrSession.StartAsync(OptionsFor(context.Scale), cancellationToken);
        return await RunAsync(context, session, cancellationToken);
    }

    /// <summary>Runs the restores against an existing session (the tests share one).</summary>
    public async Task<Finding> RunAsync(ExperimentContext context, PitrSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        var n = session.History.Count;
        var restorePoint = session.RestorePoints.Keys.First(k => k != PitrSession.BeforeAccident);
        var pointId = session.RestorePoints[restorePoint];
        var targets = new List<(string Description, RecoveryTarget Target)>
        {
            ($"time between transactions {n / 4} and {n / 4 + 1}", RecoveryTarget.Time(session.TimeBetween(n / 4))),
            ($"LSN after transaction {n / 2 - 3}", RecoveryTarget.AtLsn(session.History[n / 2 - 4].LsnAfterCommit)),
            ($"restore point '{restorePoint}'", RecoveryTarget.RestorePoint(restorePoint)),
            ($"xid of transaction {7 * n / 8}", RecoveryTarget.Transaction(session.History[7 * n / 8 - 1].Xid)),
            ("restore point before the DROP TABLE", RecoveryTarget.RestorePoint(PitrSession.BeforeAccident)),
        };

        ArchiveCheck = session.Archive.Verify(session.BackupStartSegment, cancellationToken);
        // One folder and port for every restore (each replaces the data folder): saves an initdb per restore.
        await using var host = await PostgresCluster.StartAsync(new PostgresClusterOptions { Name = "pitr-restore" }, cancellationToken);
        var restores = new List<RestoreOutcome>();
        foreach (var (description, target) in targets)
        {
            context.Report(0.1 + 0.6 * restores.Count / targets.Count, $"restoring to {description}");
            await using var restored = await PointInTimeRestore.RestoreAsync(session, target, new RestoreOptions { Host = host }, cancellationToken);
            restores.Add(new RestoreOutcome(description, target, session.ExpectedIds(target), await restored.LedgerIdsAsync(cancellationToken),
                restored.Duration, restored.SegmentsRestored));
        }
        Restores = restores;

        // The exactness check must be able to fail: the same xid restore, with its target left out (a planted bug).
        context.Report(0.7, "planted bug: a restore that ignores its target");
        var xidTarget = targets[3].Target;
        await using (var careless = await PointInTimeRestore.RestoreAsync(session, xidTarget, new RestoreOptions { Host = host, Bug = RestoreBug.IgnoreTarget }, cancellationToken))
            PlantedBug = new RestoreOutcome($"{targets[3].Description}, target ignored (planted bug)", xidTarget, session.ExpectedIds(xidTarget),
                await careless.LedgerIdsAsync(cancellationToken), careless.Duration, careless.SegmentsRestored);

        // The segment that holds the restore point's transaction, removed from one copy of the archive and damaged in another.
        context.Report(0.75, "a missing and a corrupt WAL segment");
        var commit = Lsn.Parse(session.History[pointId - 1].LsnAfterCommit);
        var segment = WalSegmentName.Containing(commit);
        var damaged = new List<DamagedArchiveOutcome>();
        var missing = await session.CopyArchiveAsync("archive-missing", cancellationToken);
        File.Delete(missing.PathOf(segment));
        damaged.Add(await TryRestoreAsync(session, host, "segment deleted", segment, missing, RecoveryTarget.RestorePoint(restorePoint), cancellationToken));
        var corrupt = await session.CopyArchiveAsync("archive-corrupt", cancellationToken);
        FlipByte(corrupt.PathOf(segment), (long)(commit % segment.SegmentSize) - 16); // inside the commit record of that transaction
        damaged.Add(await TryRestoreAsync(session, host, "one byte flipped", segment, corrupt, RecoveryTarget.RestorePoint(restorePoint), cancellationToken));
        Damaged = damaged;

        var finding = new FindingBuilder(GoalId, Title);
        finding.Table(FindingTable.Of("Restores from the base backup + archived WAL",
            ["target", "setting", "transactions expected", "restored", "exactly those", "recovery s", "segments replayed"],
            restores.Append(PlantedBug!).Select(r => new object?[]
            {
                r.Description, $"{r.Target.Kind}={r.Target.Value}", Range(r.Expected), r.Restored is null ? "table missing" : Range(r.Restored),
                r.Exact ? "yes" : "NO", r.Duration.TotalSeconds, r.SegmentsRestored,
            })));
        finding.Table(FindingTable.Of("Damaged archive copies (restore to the same restore point)",
            ["damage", "segment", "preflight check says", "PostgreSQL (preflight off) says"],
            damaged.Select(d => new object?[] { d.Damage, d.Segment, FirstLine(d.Preflight?.Message), FirstLine(d.Server?.Message) })));

        var times = restores.Select(r => r.Duration.TotalSeconds).ToList();
        finding.Figure("restores exact", restores.Count(r => r.Exact), $"of {restores.Count}", key: true, target: "all")
               .Figure("recovery time (mean)", times.Average(), "s", key: true)
               .Figure("recovery time (max)", times.Max(), "s")
               .Figure("archived WAL segments checked", ArchiveCheck.Segments, "")
               .Figure("WAL records checked (CRC-32C)", ArchiveCheck.Records, "")
               .Figure("base backup size", session.BaseBackupBytes / 1048576.0, "MiB")
               .Figure("damaged segments named", damaged.Count(d => d.NamedByPreflight && d.NamedByServer), $"of {damaged.Count}", key: true, target: "all");

        foreach (var r in restores)
            finding.Check(r.Exact, $"{r.Description}: exactly transactions {Range(r.Expected)} (restored {(r.Restored is null ? "no table" : Range(r.Restored))})");
        finding.Check(restores[^1].Restored?.Count == n, $"the restore point before the accident brings back all {n} transactions of the dropped table")
               .Check(restores.Select(r => r.Expected.Count).Distinct().Count() == restores.Count, "the targets stop at different transactions")
               .Check(damaged[0].NamedByPreflight && damaged[0].Preflight is WalSegmentMissingException, $"a missing segment is refused before the restore, by name ({segment})")
               .Check(damaged[1].NamedByPreflight && damaged[1].Preflight is WalSegmentCorruptException, $"a corrupt segment is refused before the restore, by name and LSN ({segment})")
               .Check(damaged.All(d => d.NamedByServer), "with the check off, PostgreSQL stops the recovery and its log is read back to the same segment")
               .Check(!PlantedBug!.Exact, $"the exactness check catches a restore that ignores its target (planted bug): it held " +
                                          $"{(PlantedBug.Restored is null ? "no ledger table (the DROP TABLE was replayed too)" : Range(PlantedBug.Restored))} instead of {Range(PlantedBug.Expected)}")
               .Note($"Source: {n} transactions after a {session.BaseBackupBytes / 1048576.0:0.#} MiB base backup (start {session.BackupStartLsn}, segment {session.BackupStartSegment}); " +
                     $"pg_switch_wal() every {OptionsFor(context.Scale).SwitchSegmentEvery} transactions; archive check walked {ArchiveCheck.Segments} segments, {ArchiveCheck.Pages} pages, {ArchiveCheck.Records} records.")
               .Note("Expected sets come from the client's own record of each commit (time from pg_xact_commit_timestamp, xid, LSN after COMMIT), not from the restored server.")
               .Note("Recovery time runs from starting the server on the copied backup to it accepting writes (target reached, promoted); the copy itself is not included.");
        return finding.Build($"{restores.Count} restores from a {session.BaseBackupBytes / 1048576.0:0.#} MiB base backup and {ArchiveCheck.Segments} archived segments " +
                             $"(mean recovery {times.Average():0.##} s, max {times.Max():0.##} s); one missing and one corrupt copy of segment {segment}; one restore with its target left out.");
    }

    private static async Task<DamagedArchiveOutcome> TryRestoreAsync(PitrSession session, PostgresCluster host, string damage, WalSegmentName segment,
        WalArchive archive, RecoveryTarget target, CancellationToken ct)
    {
        WalArchiveException? preflight = null;
        RecoveryFailedException? server = null;
        try
        {
            await using var _ = await PointInTimeRestore.RestoreAsync(session, target, new RestoreOptions { Archive = archive, Host = host }, ct);
        }
        catch (WalArchiveException e)
        {
            preflight = e;
        }
        try
        {
            await using var _ = await PointInTimeRestore.RestoreAsync(session, target, new RestoreOptions { Archive = archive, VerifyArchive = false, Host = host }, ct);
        }
        catch (RecoveryFailedException e)
        {
            server = e;
        }
        return new DamagedArchiveOutcome(damage, segment.ToString(), preflight, server);
    }

    private static void FlipByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x20));
    }

    private static string Range(IReadOnlyList<int> ids) =>
        ids.Count == 0 ? "none" : ids.SequenceEqual(Enumerable.Range(ids[0], ids.Count)) ? $"{ids[0]}–{ids[^1]} ({ids.Count})" : $"{ids.Count} ids (not contiguous)";

    private static string FirstLine(string? text) => text is null ? "(nothing)" : text.Split('\n')[0];
}
