using System.Diagnostics;
using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;
using StatelessMind.Labs.Lifecycle.Lake.Storage;
using StatelessMind.Labs.Lifecycle.Lake.Warehouse;

namespace StatelessMind.Labs.Lifecycle.Lake.Pipeline;

/// <summary>
/// Moves one dataset lake → lakehouse → warehouse and checks row count and content checksum at every hop against the
/// source rows: (1) the lake's partitioned Parquet, read back by listing; (2) the Delta table after the appends;
/// (3) after compaction (small files replaced by one per day: removes + adds); (4) time travel to the version before
/// compaction; (5) a read that starts from a checkpoint; (6) after vacuum; (7) the DuckDB warehouse, whose checksum is
/// computed in SQL.
/// </summary>
public static class LakehousePipeline
{
    public static async Task<PipelineResult> RunAsync(IObjectStore store, IReadOnlyList<SaleRecord> source, PipelineSettings settings, string workFolder,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        var expected = ContentChecksum.Of(source);
        var hops = new List<HopCheck>();
        var clock = Stopwatch.StartNew();
        void Hop(string name, IEnumerable<SaleRecord> rows) => Hop2(name, ContentChecksum.Of(rows));
        void Hop2(string name, DatasetDigest digest)
        {
            hops.Add(new HopCheck(name, digest, clock.Elapsed.TotalSeconds, digest == expected));
            clock.Restart();
        }

        // 1. The lake: partitioned Parquet in the object store.
        var lakeKeys = await LakeZone.WriteAsync(store, settings.LakePrefix, source, settings.FilesPerDay, cancellationToken);
        var lakeRows = await LakeZone.ReadAsync(store, settings.LakePrefix, cancellationToken);
        Hop("lake (Parquet, listed by prefix)", lakeRows);

        // 2. The lakehouse: each lake file becomes a data file of the Delta table, a few days per append commit.
        var table = new DeltaTable(store, settings.TableRoot);
        await table.CreateAsync(new TableMetadata
        {
            Id = Guid.NewGuid().ToString(), Name = "sales", SchemaString = SalesSchema.SparkJson, PartitionColumns = ["day"],
            CreatedTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }, cancellationToken);
        long version = 0;
        foreach (var days in lakeRows.GroupBy(r => r.Day).OrderBy(g => g.Key).Chunk(settings.DaysPerCommit))
        {
            var adds = new List<DeltaAction>();
            foreach (var day in days)
            {
                var list = day.OrderBy(r => r.Id).ToList();
                var per = (list.Count + settings.FilesPerDay - 1) / settings.FilesPerDay;
                for (var i = 0; i * per < list.Count; i++)
                    adds.Add(DeltaAction.Of(await table.WriteDataFileAsync(day.Key, list.Skip(i * per).Take(per).ToList(), cancellationToken: cancellationToken)));
            }
            version = (await table.CommitAsync(version, adds, "WRITE", readPartitions: null, cancellationToken)).Version;
        }
        var appended = await table.SnapshotAsync(cancellationToken: cancellationToken);
        Hop($"lakehouse v{appended.Version} (after the appends)", await table.ReadRowsAsync(appended, cancellationToken));

        // 3. Compaction: one file per day replaces the small ones (dataChange = false: the rows are the same).
        var compaction = new List<DeltaAction>();
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var day in appended.Files.GroupBy(f => f.PartitionValues["day"]).Where(g => g.Count() > 1))
        {
            var files = day.ToList();
            var rows = await table.ReadRowsAsync(appended with { Files = files }, cancellationToken);
            compaction.Add(DeltaAction.Of(await table.WriteDataFileAsync(rows[0].Day, rows, dataChange: false, cancellationToken)));
            foreach (var f in files)
                compaction.Add(DeltaAction.Of(new RemoveFile
                {
                    Path = f.Path, DeletionTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), DataChange = false,
                    PartitionValues = f.PartitionValues, Size = f.Size,
                }));
            read.Add(ConflictChecker.PartitionOf(files[0].Path));
        }
        var compactionVersion = (await table.CommitAsync(appended.Version, compaction, "OPTIMIZE", read, cancellationToken)).Version;
        var compacted = await table.SnapshotAsync(cancellationToken: cancellationToken);
        Hop($"lakehouse v{compacted.Version} (after compaction)", await table.ReadRowsAsync(compacted, cancellationToken));
        var before = await table.SnapshotAsync(compactionVersion - 1, cancellationToken);
        Hop($"lakehouse time travel to v{before.Version}", await table.ReadRowsAsync(before, cancellationToken));

        // 4. Checkpoint, then a read that starts from it.
        var withoutCheckpoint = compacted.CommitFilesRead;
        var checkpointVersion = await table.CheckpointAsync(cancellationToken: cancellationToken);
        var fromCheckpoint = await table.SnapshotAsync(cancellationToken: cancellationToken);
        Hop($"lakehouse v{fromCheckpoint.Version} read from its checkpoint", await table.ReadRowsAsync(fromCheckpoint, cancellationToken));

        // 5. Vacuum what no retained version references (the compacted-away small files), then read again.
        var vacuum = await table.VacuumAsync(checkpointVersion, cancellationToken);
        var afterVacuum = await table.SnapshotAsync(cancellationToken: cancellationToken);
        Hop($"lakehouse v{afterVacuum.Version} after vacuum", await table.ReadRowsAsync(afterVacuum, cancellationToken));

        // 6. The warehouse, loaded from the snapshot; its checksum is DuckDB's own SQL.
        using var warehouse = new DuckDbWarehouse();
        await warehouse.LoadAsync(table, afterVacuum, Path.Combine(workFolder, "staging"), cancellationToken);
        Hop2("warehouse (DuckDB, checksum in SQL)", await warehouse.DigestAsync(cancellationToken));
        var perDay = await warehouse.RowsPerDayAsync(cancellationToken);
        var mismatches = source.GroupBy(r => r.Day).Count(g => !perDay.TryGetValue(g.Key, out var n) || n != g.Count())
                         + perDay.Keys.Count(d => source.All(r => r.Day != d));

        var versions = new List<VersionFiles>();
        for (var v = 0L; v <= afterVacuum.Version; v++)
        {
            var s = v < checkpointVersion ? await table.SnapshotAsync(v, cancellationToken) : afterVacuum;
            var operation = (await table.ReadCommitAsync(v, cancellationToken)).First(a => a.CommitInfo is not null).CommitInfo!.Operation;
            versions.Add(new VersionFiles(v, operation, s.Files.Count, s.RecordCount));
        }
        return new PipelineResult(store.Description, expected, hops, lakeKeys.Count, versions, compactionVersion, checkpointVersion,
            withoutCheckpoint, fromCheckpoint.CommitFilesRead, vacuum.Deleted.Count, vacuum.Kept, mismatches);
    }
}
