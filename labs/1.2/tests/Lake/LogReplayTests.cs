using StatelessMind.Labs.Lifecycle.Lake.Delta;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>Replaying actions into a table state, without any store.</summary>
[Goal("1.2-3")]
public sealed class LogReplayTests
{
    private static DeltaAction Add(string path) => DeltaAction.Of(new AddFile { Path = path, DataChange = true });
    private static DeltaAction Remove(string path) => DeltaAction.Of(new RemoveFile { Path = path, DataChange = true, DeletionTimestamp = 5 });

    [Fact]
    public void Adds_accumulate_and_a_remove_takes_its_file_out_and_leaves_a_tombstone()
    {
        var replay = new LogReplay();

        replay.Apply([new DeltaAction { Protocol = new ProtocolVersions() }, new DeltaAction { MetaData = LakeStores.Metadata() }]);
        replay.Apply([Add("day=1/a"), Add("day=1/b")]);
        replay.Apply([Remove("day=1/a"), Add("day=1/c")]);

        Assert.Equal(["day=1/b", "day=1/c"], replay.Files.Select(f => f.Path).Order());
        Assert.Equal("day=1/a", Assert.Single(replay.Tombstones).Path);
        Assert.NotNull(replay.Metadata);
        Assert.Equal(1, replay.Protocol!.MinReaderVersion);
    }

    [Fact]
    public void A_path_added_again_after_its_remove_is_live_and_no_longer_a_tombstone()
    {
        var replay = new LogReplay();

        replay.Apply([Add("p")]);
        replay.Apply([Remove("p")]);
        replay.Apply([Add("p")]);

        Assert.Equal("p", Assert.Single(replay.Files).Path);
        Assert.Empty(replay.Tombstones);
    }

    [Fact]
    public void A_later_metaData_action_replaces_the_earlier_one_and_commitInfo_changes_nothing()
    {
        var replay = new LogReplay();
        var second = LakeStores.Metadata();

        replay.Apply([new DeltaAction { MetaData = LakeStores.Metadata() }]);
        replay.Apply([new DeltaAction { MetaData = second }, new DeltaAction { CommitInfo = new CommitInfo { Operation = "SET TBLPROPERTIES" } }]);

        Assert.Same(second, replay.Metadata);
        Assert.Empty(replay.Files);
    }
}
