using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;
using StatelessMind.Labs.Lifecycle.Lake.Storage;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>Vacuum: deletes files no retained version references, never one that is still read.</summary>
[Goal("1.2-3")]
public sealed class DeltaVacuumTests(ITestOutputHelper output)
{
    /// <summary>v1 adds day 0 in two files, v2 adds day 1, v3 compacts day 0 (removes its two files); plus an orphan never committed.</summary>
    private static async Task<(DeltaTable Table, IReadOnlyList<SaleRecord> Rows, IReadOnlyList<string> Compacted)> TableAsync(DeltaBug bug)
    {
        var table = await LakeStores.CreateTableAsync(new LocalDirectoryStore(LakeStores.NewFolder()), bug);
        var day0 = LakeStores.Day(0, 20, 1);
        var day1 = LakeStores.Day(1, 10, 101);
        var a = await LakeStores.AddAsync(table, day0.Take(10).ToList());
        var b = await LakeStores.AddAsync(table, day0.Skip(10).ToList());
        await table.CommitAsync(0, [a, b], "WRITE", null);
        await table.CommitAsync(1, [await LakeStores.AddAsync(table, day1)], "WRITE", null);
        await table.CommitAsync(2, [DeltaAction.Of(await table.WriteDataFileAsync(day0[0].Day, day0, dataChange: false)), LakeStores.Remove(a.Add!), LakeStores.Remove(b.Add!)],
            "OPTIMIZE", new HashSet<string> { "day=2025-01-01" });
        await table.WriteDataFileAsync(day1[0].Day, day1); // an orphan: written, never committed
        return (table, [.. day0, .. day1], [a.Add!.Path, b.Add!.Path]);
    }

    [Fact]
    public async Task Vacuum_deletes_the_removed_files_and_the_orphan_and_keeps_what_the_retained_versions_read()
    {
        var (table, rows, compacted) = await TableAsync(DeltaBug.None);

        var keepAll = await table.VacuumAsync(retainFromVersion: 1);
        var result = await table.VacuumAsync(retainFromVersion: 3);

        Assert.Single(keepAll.Deleted); // the orphan only: versions 1 and 2 still read the compacted files
        Assert.Equal(compacted.Order(), result.Deleted.Order());
        Assert.Equal(2, result.Kept);
        Assert.Equal(ContentChecksum.Of(rows), ContentChecksum.Of(await table.ReadRowsAsync(await table.SnapshotAsync())));
        var gone = await Assert.ThrowsAsync<FileNotFoundException>(async () => await table.ReadRowsAsync(await table.SnapshotAsync(2)));
        Assert.Contains("referenced by version 2 but missing", gone.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeltaBug.None)]
    [InlineData(DeltaBug.VacuumDeletesReferencedFiles)]
    public async Task Planted_bug_a_vacuum_that_deletes_a_referenced_file_breaks_the_latest_version(DeltaBug bug)
    {
        var (table, rows, _) = await TableAsync(bug);

        var result = await table.VacuumAsync(retainFromVersion: 3);
        var latest = await table.SnapshotAsync();
        var missing = new List<string>();
        foreach (var f in latest.Files)
            if (await table.Store.GetAsync($"{table.Root}/{f.Path}") is null) missing.Add(f.Path);

        output.WriteLine($"{bug}: deleted {result.Deleted.Count}, latest version's files missing: {missing.Count}");
        if (bug == DeltaBug.None)
        {
            Assert.Empty(missing);
            Assert.Equal(rows.Count, (await table.ReadRowsAsync(latest)).Count);
        }
        else
        {
            Assert.NotEmpty(missing);
        }
    }
}
