using System.Diagnostics;
using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;
using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;
using StatelessMind.Labs.Lifecycle.Lake.Pipeline;
using StatelessMind.Labs.Lifecycle.Lake.Storage;

namespace StatelessMind.Labs.Lifecycle.Experiments;

/// <summary>
/// 1.2-3: one generated sales dataset moved lake (partitioned Parquet in an object store) → lakehouse (a Delta table
/// with its JSON log, checkpoint and vacuum) → warehouse (DuckDB), with row counts and content checksums at every
/// hop; once on a local folder and once over the S3 REST API (S3_ENDPOINT, else the embedded s3rver). Then the
/// table's safety properties under racing writers, and each planted bug against the audit that must catch it.
/// </summary>
public sealed class LakehouseExperiment : IExperiment
{
    public string GoalId => "1.2-3";
    public string Title => "Lake (Parquet on an object store) → lakehouse (Delta log) → warehouse (DuckDB), checked at every hop";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = context.Size(6_000, 300_000);
        var days = context.Size(6, 30);
        var b = new FindingBuilder(GoalId, Title);
        var work = Directory.CreateTempSubdirectory("sm-lakehouse-");
        try
        {
            context.Report(0.02, $"generating {rows:N0} sales over {days} days (seed {context.Seed})");
            var source = SalesDataset.Generate(rows, days, context.Seed);
            var settings = new PipelineSettings(FilesPerDay: 4, DaysPerCommit: 3);

            // An untimed warm-up on a few rows, so that JIT compilation of Parquet.Net, the SDK and DuckDB is charged to neither store.
            await LakehousePipeline.RunAsync(new LocalDirectoryStore(Path.Combine(work.FullName, "warm-up-store")), SalesDataset.Generate(600, 2, context.Seed),
                settings, Path.Combine(work.FullName, "warm-up-work"), cancellationToken);

            context.Report(0.05, "pipeline on a local folder");
            var local = new LocalDirectoryStore(Path.Combine(work.FullName, "local-store"));
            var clock = Stopwatch.StartNew();
            var localRun = await LakehousePipeline.RunAsync(local, source, settings, Path.Combine(work.FullName, "local-work"), cancellationToken);
            var localSeconds = clock.Elapsed.TotalSeconds;

            context.Report(0.4, "pipeline over S3");
            await using var s3 = await S3Server.AcquireAsync(cancellationToken);
            // A low multipart threshold, so that the compacted files go up in parts here too; small list pages, so that listings page.
            using var s3Store = new S3ObjectStore(s3.Endpoint, $"lakehouse-experiment/{Guid.NewGuid():N}", multipartThreshold: 8 << 10, partSize: 5 << 20, listPageSize: 50);
            var honoured = await s3Store.ProbeConditionalPutAsync(cancellationToken);
            clock.Restart();
            var s3Run = await LakehousePipeline.RunAsync(s3Store, source, settings, Path.Combine(work.FullName, "s3-work"), cancellationToken);
            var s3Seconds = clock.Elapsed.TotalSeconds;

            foreach (var (name, run) in new[] { ("local folder", localRun), ("S3", s3Run) })
            {
                var failed = run.Hops.Where(h => !h.MatchesSource).Select(h => h.Hop).ToList();
                b.Check(failed.Count == 0, $"{name}: row count and content checksum equal the source's ({run.Source}) at all {run.Hops.Count} hops" +
                                           (failed.Count == 0 ? "" : $"; differ at {string.Join(", ", failed)}"))
                 .Check(run.WarehouseRowsPerDayMismatches == 0, $"{name}: the warehouse's rows per day equal the source's ({run.WarehouseRowsPerDayMismatches} days differ)")
                 .Check(run.CommitFilesReadFromCheckpoint == 0 && run.CommitFilesReadWithoutCheckpoint == run.CompactionVersion + 1,
                     $"{name}: a read of v{run.CheckpointVersion} replayed {run.CommitFilesReadWithoutCheckpoint} JSON commits before the checkpoint and {run.CommitFilesReadFromCheckpoint} after it")
                 .Check(run.VacuumDeleted == run.LakeFiles && run.VacuumKept == days,
                     $"{name}: vacuum deleted the {run.VacuumDeleted} files compaction removed (expected {run.LakeFiles}) and kept {run.VacuumKept} (one per day)");
            }
            b.Check(s3Store.MultipartUploads > 0, $"S3: {s3Store.MultipartUploads} objects went up as multipart uploads")
             .Check(s3Store.ListPages > 1, $"S3: listings followed continuation tokens ({s3Store.ListPages} ListObjectsV2 pages of at most {s3Store.ListPageSize} keys)");

            // Racing writers, on both stores.
            context.Report(0.75, "racing writers");
            const int writers = 6;
            var raceRows = new List<object?[]>();
            foreach (var (name, store) in new (string, IObjectStore)[] { ("local folder", local), ("S3", s3Store) })
            {
                var (appendProblems, lostRaces) = await SafetyAudits.ConcurrentAppendsAsync(store, "race/appends", writers, ct: cancellationToken);
                var (compactionProblems, conflict) = await SafetyAudits.ConflictingCompactionsAsync(store, "race/compactions", cancellationToken);
                b.Check(appendProblems.Count == 0, $"{name}: {writers} blind appends racing from version 0 each landed at its own version ({lostRaces} lost races retried)" +
                                                   (appendProblems.Count == 0 ? "" : $": {string.Join("; ", appendProblems)}"))
                 .Check(compactionProblems.Count == 0, $"{name}: of two compactions of the same files, one committed and the other failed with a conflict" +
                                                       (compactionProblems.Count == 0 ? "" : $": {string.Join("; ", compactionProblems)}"));
                raceRows.Add([name, writers, lostRaces, conflict ?? "(none)"]);
            }
            b.Table(FindingTable.Of("Racing writers", ["store", "blind appends", "lost races (retried)", "the losing compaction's error"], raceRows));

            // Planted bugs: each audit passes the designed table and must catch its bug.
            context.Report(0.85, "planted bugs");
            var bugRows = new List<object?[]>();
            async Task Planted(DeltaBug bug, string property, Func<IObjectStore, string, DeltaBug, Task<IReadOnlyList<string>>> audit)
            {
                var store = new LocalDirectoryStore(Path.Combine(work.FullName, "bugs", bug.ToString()));
                var designed = await audit(store, "designed", DeltaBug.None);
                var planted = await audit(store, "planted", bug);
                b.Check(designed.Count == 0 && planted.Count > 0,
                    $"planted bug {bug}: the audit '{property}' passes the designed table ({designed.Count} problems) and catches the bug ({planted.Count} problems)");
                bugRows.Add([bug, property, designed.Count, planted.Count, planted.FirstOrDefault() ?? "(not caught)"]);
            }
            await Planted(DeltaBug.CommitOverwritesExistingVersion, "every acknowledged commit is in the table",
                async (s, r, bug) => (await SafetyAudits.ConcurrentAppendsAsync(s, r, writers, bug, cancellationToken)).Problems);
            await Planted(DeltaBug.ReadIgnoresRemoves, "a read after compaction sees each row once",
                (s, r, bug) => SafetyAudits.ReadAfterCompactionAsync(s, r, bug, cancellationToken));
            await Planted(DeltaBug.VacuumDeletesReferencedFiles, "vacuum keeps every file the retained versions list",
                (s, r, bug) => SafetyAudits.VacuumKeepsReferencedFilesAsync(s, r, bug, cancellationToken));
            b.Table(FindingTable.Of("Planted bugs", ["bug", "audit", "problems (designed)", "problems (planted)", "first problem found"], bugRows));

            // Figures, tables, plot.
            b.Figure("rows checked at every hop", rows, "rows", key: true)
             .Figure("pipeline time, local folder", localSeconds, "s", key: true)
             .Figure("pipeline time, S3", s3Seconds, "s", key: true)
             .Figure("S3 vs local pipeline time", s3Seconds / localSeconds, "×")
             .Figure("lake files", localRun.LakeFiles, "files")
             .Figure("table versions", localRun.Versions.Count, "versions")
             .Figure("JSON commits replayed without / with the checkpoint", localRun.CommitFilesReadWithoutCheckpoint, "commits")
             .Figure("files deleted by vacuum", localRun.VacuumDeleted, "files")
             .Table(FindingTable.Of($"Hops of {rows:N0} rows (source {localRun.Source})", ["hop", "rows (local)", "= source (local)", "s (local)", "rows (S3)", "= source (S3)", "s (S3)"],
                 localRun.Hops.Zip(s3Run.Hops, (l, s) => new object?[] { l.Hop, l.Digest.Rows, l.MatchesSource, l.Seconds, s.Digest.Rows, s.MatchesSource, s.Seconds })))
             .Table(FindingTable.Of("Table versions (local run)", ["version", "operation", "live files", "rows"],
                 localRun.Versions.Select(v => new object?[] { v.Version, v.Operation, v.Files, v.Rows })));
            var plot = new ScottPlot.Plot();
            plot.Add.Bars(localRun.Versions.Select(v => (double)v.Files).ToArray());
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                localRun.Versions.Select(v => (double)v.Version).ToArray(), localRun.Versions.Select(v => $"v{v.Version}\n{v.Operation}").ToArray());
            plot.Title("Live data files per table version (appends grow it, OPTIMIZE shrinks it)");
            plot.YLabel("files");
            b.Plot(context.SavePlot(plot, "lakehouse-files-per-version.png", "Live data files per version of the Delta table: the appends add small files, compaction replaces them with one per day"));

            b.Note($"Object stores: {local.Description}; {s3Store.Description}. S3 server: {s3.Description}.")
             .Note(honoured
                 ? "The S3 server honours If-None-Match: * on PUT (412 on an existing key): commits are created with a conditional PUT."
                 : "The S3 server ignores If-None-Match: * on PUT (the probe's second PUT overwrote the first): put-if-absent falls back to HEAD-then-PUT " +
                   "under a per-key lock shared by this process's writers, atomic among them only (see the lab README).")
             .Note("The warehouse's checksum is computed by DuckDB in SQL (md5, a hex cast, sum) and compared with the one computed in C# from the generated rows.");
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"{rows:N0} rows moved lake → lakehouse → warehouse in {localSeconds:0.0} s on a local folder and {s3Seconds:0.0} s over S3, checked at {localRun.Hops.Count} hops each; " +
                $"{localRun.Versions.Count} table versions, {localRun.VacuumDeleted} files vacuumed; 3 planted bugs run against their audits.");
            return b.Build(summary);
        }
        finally
        {
            HostCommands.DeleteDirectory(work.FullName);
        }
    }
}
