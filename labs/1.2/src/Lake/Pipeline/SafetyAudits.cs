using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;
using StatelessMind.Labs.Lifecycle.Lake.Storage;

namespace StatelessMind.Labs.Lifecycle.Lake.Pipeline;

/// <summary>
/// The table's safety properties as audits the experiment runs on a fresh table each: an empty list means the property
/// held; each problem says what broke. Run against a planted <see cref="DeltaBug"/>, the matching audit must find a problem.
/// </summary>
public static class SafetyAudits
{
    private static TableMetadata Metadata() => new() { Id = Guid.NewGuid().ToString(), Name = "audit", SchemaString = SalesSchema.SparkJson, PartitionColumns = ["day"] };

    private static IReadOnlyList<SaleRecord> Day(int offset, int count, long firstId) =>
        SalesDataset.Generate(count, 1, (int)firstId).Select((r, i) => r with { Id = firstId + i, Day = SalesDataset.FirstDay.AddDays(offset) }).ToList();

    private static async Task<DeltaTable> CreateAsync(IObjectStore store, string root, DeltaBug bug, CancellationToken ct)
    {
        var table = new DeltaTable(store, root, bug);
        await table.CreateAsync(Metadata(), ct);
        return table;
    }

    private static DeltaAction Remove(AddFile f) =>
        DeltaAction.Of(new RemoveFile { Path = f.Path, DeletionTimestamp = f.ModificationTime, DataChange = false, PartitionValues = f.PartitionValues, Size = f.Size });

    /// <summary><paramref name="writers"/> blind appends that all read version 0 race at once: every one must land at its own version.</summary>
    public static async Task<(IReadOnlyList<string> Problems, int LostRaces)> ConcurrentAppendsAsync(IObjectStore store, string root, int writers, DeltaBug bug = DeltaBug.None,
        CancellationToken ct = default)
    {
        var table = await CreateAsync(store, root, bug, ct);
        var adds = new List<AddFile>();
        for (var w = 0; w < writers; w++) adds.Add(await table.WriteDataFileAsync(SalesDataset.FirstDay.AddDays(w), Day(w, 20, w * 1000L + 1), cancellationToken: ct));
        var results = await Task.WhenAll(adds.Select(a => Task.Run(() => table.CommitAsync(0, [DeltaAction.Of(a)], "WRITE", null, ct), ct)));
        var live = (await table.SnapshotAsync(cancellationToken: ct)).Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        if (results.Select(r => r.Version).Distinct().Count() != writers)
            problems.Add($"{writers} writers were acknowledged at only {results.Select(r => r.Version).Distinct().Count()} distinct versions");
        problems.AddRange(adds.Where(a => !live.Contains(a.Path)).Select(a => $"an acknowledged commit is lost: {a.Path} is not in the table"));
        return (problems, results.Sum(r => r.Attempts - 1));
    }

    /// <summary>Two compactions of the same files, both read at version 1: one must commit, the other must fail with a conflict.</summary>
    public static async Task<(IReadOnlyList<string> Problems, string? ConflictMessage)> ConflictingCompactionsAsync(IObjectStore store, string root, CancellationToken ct = default)
    {
        var table = await CreateAsync(store, root, DeltaBug.None, ct);
        var rows = Day(0, 40, 1);
        var a = await table.WriteDataFileAsync(rows[0].Day, rows.Take(20).ToList(), cancellationToken: ct);
        var b = await table.WriteDataFileAsync(rows[0].Day, rows.Skip(20).ToList(), cancellationToken: ct);
        await table.CommitAsync(0, [DeltaAction.Of(a), DeltaAction.Of(b)], "WRITE", null, ct);
        var read = new HashSet<string>(StringComparer.Ordinal) { ConflictChecker.PartitionOf(a.Path) };
        var attempts = new List<Task<DeltaCommitResult>>();
        for (var i = 0; i < 2; i++)
        {
            var merged = await table.WriteDataFileAsync(rows[0].Day, rows, dataChange: false, ct);
            attempts.Add(Task.Run(() => table.CommitAsync(1, [DeltaAction.Of(merged), Remove(a), Remove(b)], "OPTIMIZE", read, ct), ct));
        }
        try
        {
            await Task.WhenAll(attempts);
        }
        catch (DeltaConflictException)
        {
            // Inspected below, per task.
        }
        var problems = new List<string>();
        var committed = attempts.Count(t => t.IsCompletedSuccessfully);
        var conflicts = attempts.Where(t => t.Exception?.InnerException is DeltaConflictException).Select(t => t.Exception!.InnerException!.Message).ToList();
        if (committed != 1 || conflicts.Count != 1) problems.Add($"{committed} compactions committed and {conflicts.Count} failed with a conflict (expected 1 and 1)");
        var snapshot = await table.SnapshotAsync(cancellationToken: ct);
        if (snapshot.RecordCount != rows.Count) problems.Add($"the table holds {snapshot.RecordCount} rows after the race, not {rows.Count}");
        return (problems, conflicts.FirstOrDefault());
    }

    /// <summary>Compacts three files into one, then reads: the read must see each row once.</summary>
    public static async Task<IReadOnlyList<string>> ReadAfterCompactionAsync(IObjectStore store, string root, DeltaBug bug, CancellationToken ct = default)
    {
        var table = await CreateAsync(store, root, bug, ct);
        var rows = Day(0, 60, 1);
        var parts = new List<AddFile>();
        for (var i = 0; i < 3; i++) parts.Add(await table.WriteDataFileAsync(rows[0].Day, rows.Skip(i * 20).Take(20).ToList(), cancellationToken: ct));
        await table.CommitAsync(0, parts.Select(DeltaAction.Of).ToList(), "WRITE", null, ct);
        var merged = await table.WriteDataFileAsync(rows[0].Day, rows, dataChange: false, ct);
        await table.CommitAsync(1, [DeltaAction.Of(merged), .. parts.Select(Remove)], "OPTIMIZE", new HashSet<string> { ConflictChecker.PartitionOf(merged.Path) }, ct);
        var read = ContentChecksum.Of(await table.ReadRowsAsync(await table.SnapshotAsync(cancellationToken: ct), ct));
        var expected = ContentChecksum.Of(rows);
        return read == expected ? [] : [$"the latest version reads {read}, the rows written are {expected}"];
    }

    /// <summary>Adds, adds, compacts the first day, then vacuums from the latest version: every file the latest version lists must still exist.</summary>
    public static async Task<IReadOnlyList<string>> VacuumKeepsReferencedFilesAsync(IObjectStore store, string root, DeltaBug bug, CancellationToken ct = default)
    {
        var table = await CreateAsync(store, root, bug, ct);
        var day0 = Day(0, 40, 1);
        var a = await table.WriteDataFileAsync(day0[0].Day, day0.Take(20).ToList(), cancellationToken: ct);
        var b = await table.WriteDataFileAsync(day0[0].Day, day0.Skip(20).ToList(), cancellationToken: ct);
        await table.CommitAsync(0, [DeltaAction.Of(a), DeltaAction.Of(b)], "WRITE", null, ct);
        var day1 = Day(1, 20, 101);
        await table.CommitAsync(1, [DeltaAction.Of(await table.WriteDataFileAsync(day1[0].Day, day1, cancellationToken: ct))], "WRITE", null, ct);
        var merged = await table.WriteDataFileAsync(day0[0].Day, day0, dataChange: false, ct);
        var latest = (await table.CommitAsync(2, [DeltaAction.Of(merged), Remove(a), Remove(b)], "OPTIMIZE", new HashSet<string> { ConflictChecker.PartitionOf(a.Path) }, ct)).Version;
        await table.VacuumAsync(latest, ct);
        var problems = new List<string>();
        foreach (var f in (await table.SnapshotAsync(cancellationToken: ct)).Files)
            if (await store.GetAsync($"{table.Root}/{f.Path}", ct) is null) problems.Add($"vacuum deleted {f.Path}, which version {latest} still lists");
        return problems;
    }
}
