using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;
using StatelessMind.Labs.Lifecycle.Lake.Storage;
using StatelessMind.Labs.Lifecycle.Lake.Warehouse;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>The DuckDB warehouse: loaded from a snapshot's files only, checked against a checksum computed here from the source rows.</summary>
[Goal("1.2-3")]
public sealed class WarehouseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DuckDB_loads_exactly_the_snapshot_and_its_SQL_checksum_equals_the_one_computed_in_CSharp_from_the_source()
    {
        var work = LakeStores.NewFolder();
        var table = await LakeStores.CreateTableAsync(new LocalDirectoryStore(Path.Combine(work, "store")));
        var source = SalesDataset.Generate(2_000, days: 5, seed: 3);
        var adds = new List<DeltaAction>();
        foreach (var day in source.GroupBy(r => r.Day)) adds.Add(await LakeStores.AddAsync(table, day.ToList()));
        await table.CommitAsync(0, adds, "WRITE", null);
        await table.WriteDataFileAsync(source[0].Day, source.Take(50).ToList()); // lies in the folder, not in the table
        using var warehouse = new DuckDbWarehouse();

        var loaded = await warehouse.LoadAsync(table, await table.SnapshotAsync(), Path.Combine(work, "staging"));
        var digest = await warehouse.DigestAsync();
        var perDay = await warehouse.RowsPerDayAsync();

        output.WriteLine($"DuckDB: {digest}; C#: {ContentChecksum.Of(source)}");
        Assert.Equal(2_000, loaded);
        Assert.Equal(ContentChecksum.Of(source), digest);
        Assert.Equal(source.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => (long)g.Count()), perDay);
    }

    [Fact]
    public async Task One_changed_amount_changes_both_checksums_alike()
    {
        var work = LakeStores.NewFolder();
        var table = await LakeStores.CreateTableAsync(new LocalDirectoryStore(Path.Combine(work, "store")));
        var source = LakeStores.Day(2, 40, 1).ToList();
        source[17] = source[17] with { AmountCents = source[17].AmountCents + 1 };
        await table.CommitAsync(0, [await LakeStores.AddAsync(table, source)], "WRITE", null);
        using var warehouse = new DuckDbWarehouse();

        await warehouse.LoadAsync(table, await table.SnapshotAsync(), Path.Combine(work, "staging"));

        Assert.Equal(ContentChecksum.Of(source), await warehouse.DigestAsync());
        Assert.NotEqual(ContentChecksum.Of(LakeStores.Day(2, 40, 1)), await warehouse.DigestAsync());
    }
}
