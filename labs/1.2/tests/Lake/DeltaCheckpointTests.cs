using System.Text.Json;
using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>Checkpoints: a Parquet file of the snapshot's actions, <c>_last_checkpoint</c>, and reads that start there.</summary>
[Goal("1.2-3")]
public sealed class DeltaCheckpointTests(S3Fixture s3) : IClassFixture<S3Fixture>
{
    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task A_read_after_a_checkpoint_starts_from_it_and_sees_the_same_table_as_a_full_replay(string kind)
    {
        var table = await LakeStores.CreateTableAsync(LakeStores.Open(kind, s3));
        var all = new List<SaleRecord>();
        for (var v = 0; v < 4; v++)
        {
            var rows = LakeStores.Day(v, 8, v * 100L + 1);
            all.AddRange(rows);
            await table.CommitAsync(v, [await LakeStores.AddAsync(table, rows)], "WRITE", null);
        }
        var first = (await table.SnapshotAsync(1)).Files[0];
        await table.CommitAsync(4, [LakeStores.Remove(first)], "DELETE", new HashSet<string> { "day=2025-01-01" });
        var replayed = await table.SnapshotAsync();

        var checkpoint = await table.CheckpointAsync();
        var fromCheckpoint = await table.SnapshotAsync();
        await table.CommitAsync(5, [await LakeStores.AddAsync(table, LakeStores.Day(9, 4, 9001))], "WRITE", null);
        var oneLater = await table.SnapshotAsync();

        Assert.Equal(5, checkpoint);
        Assert.Equal(6, replayed.CommitFilesRead);
        Assert.Equal((5L, 0), (fromCheckpoint.CheckpointVersion!.Value, fromCheckpoint.CommitFilesRead));
        Assert.Equal(replayed.Files.Select(f => f.Path), fromCheckpoint.Files.Select(f => f.Path));
        Assert.Equal(replayed.Tombstones.Select(f => f.Path), fromCheckpoint.Tombstones.Select(f => f.Path));
        Assert.Equal(replayed.Metadata.SchemaString, fromCheckpoint.Metadata.SchemaString);
        Assert.Equal(["day"], fromCheckpoint.Metadata.PartitionColumns);
        Assert.Equal("2025-01-02", fromCheckpoint.Files[0].PartitionValues["day"]);
        Assert.Equal(ContentChecksum.Of(all.Where(r => r.Day != SalesDataset.FirstDay)), ContentChecksum.Of(await table.ReadRowsAsync(fromCheckpoint)));
        Assert.Equal((6L, 5L, 1), (oneLater.Version, oneLater.CheckpointVersion!.Value, oneLater.CommitFilesRead));
        Assert.Equal(3, (await table.SnapshotAsync(3)).Files.Count); // before the checkpoint: JSON replay from version 0
    }

    [Fact]
    public async Task The_checkpoint_is_a_Parquet_file_with_one_action_per_row_and_last_checkpoint_points_at_it()
    {
        var table = await LakeStores.CreateTableAsync(LakeStores.Open("local", s3));
        await table.CommitAsync(0, [await LakeStores.AddAsync(table, LakeStores.Day(0, 5, 1)), await LakeStores.AddAsync(table, LakeStores.Day(1, 5, 6))], "WRITE", null);

        await table.CheckpointAsync();

        var actions = await table.ReadCheckpointAsync(1);
        Assert.Equal((1, 1, 2, 0), (actions.Count(a => a.Protocol is not null), actions.Count(a => a.MetaData is not null), actions.Count(a => a.Add is not null), actions.Count(a => a.Remove is not null)));
        Assert.All(actions, a => Assert.Equal(1, new object?[] { a.Protocol, a.MetaData, a.Add, a.Remove, a.CommitInfo }.Count(x => x is not null)));
        var bytes = (await table.Store.GetAsync(table.CheckpointKey(1)))!;
        Assert.Equal("PAR1"u8.ToArray(), bytes[..4]);
        var pointer = JsonDocument.Parse((await table.Store.GetAsync(table.LastCheckpointKey))!).RootElement;
        Assert.Equal((1, 4), (pointer.GetProperty("version").GetInt64(), pointer.GetProperty("size").GetInt64()));
    }
}
