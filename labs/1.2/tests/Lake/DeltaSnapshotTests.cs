using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>Reads: the latest version, time travel, and the remove actions a read must honour.</summary>
[Goal("1.2-3")]
public sealed class DeltaSnapshotTests(ITestOutputHelper output)
{
    private static async Task<(DeltaTable Table, IReadOnlyList<SaleRecord> Rows)> CompactedTableAsync(DeltaBug bug)
    {
        var store = new Lifecycle.Lake.Storage.LocalDirectoryStore(LakeStores.NewFolder());
        var table = await LakeStores.CreateTableAsync(store, bug);
        var rows = LakeStores.Day(0, 30, 1);
        var parts = new List<DeltaAction>();
        for (var i = 0; i < 3; i++) parts.Add(await LakeStores.AddAsync(table, rows.Skip(i * 10).Take(10).ToList()));
        await table.CommitAsync(0, parts, "WRITE", null);
        var compaction = new List<DeltaAction> { DeltaAction.Of(await table.WriteDataFileAsync(rows[0].Day, rows, dataChange: false)) };
        compaction.AddRange(parts.Select(p => LakeStores.Remove(p.Add!)));
        await table.CommitAsync(1, compaction, "OPTIMIZE", new HashSet<string> { "day=2025-01-01" });
        return (table, rows);
    }

    [Fact]
    public async Task Time_travel_reads_each_version_as_it_was_and_a_missing_version_is_refused()
    {
        var (table, rows) = await CompactedTableAsync(DeltaBug.None);

        var v0 = await table.SnapshotAsync(0);
        var v1 = await table.SnapshotAsync(1);
        var latest = await table.SnapshotAsync();

        Assert.Empty(v0.Files);
        Assert.Equal(3, v1.Files.Count);
        Assert.Equal(2, latest.Version);
        Assert.Single(latest.Files);
        Assert.Equal(3, latest.Tombstones.Count);
        Assert.Equal(ContentChecksum.Of(rows), ContentChecksum.Of(await table.ReadRowsAsync(v1)));
        Assert.Equal(ContentChecksum.Of(rows), ContentChecksum.Of(await table.ReadRowsAsync(latest)));
        var missing = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.SnapshotAsync(7));
        Assert.Contains("version 7 does not exist (the latest is 2)", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeltaBug.None)]
    [InlineData(DeltaBug.ReadIgnoresRemoves)]
    public async Task Planted_bug_a_read_that_ignores_remove_actions_counts_compacted_rows_twice(DeltaBug bug)
    {
        var (table, rows) = await CompactedTableAsync(bug);

        var read = await table.ReadRowsAsync(await table.SnapshotAsync());

        var digest = ContentChecksum.Of(read);
        output.WriteLine($"{bug}: read {digest}; the source is {ContentChecksum.Of(rows)}");
        if (bug == DeltaBug.None) Assert.Equal(ContentChecksum.Of(rows), digest);
        else Assert.Equal(2 * rows.Count, digest.Rows);
    }
}
