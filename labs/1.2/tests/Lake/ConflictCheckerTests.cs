using StatelessMind.Labs.Lifecycle.Lake.Delta;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>Optimistic concurrency's rules: which lost races may retry at the next version and which must fail.</summary>
[Goal("1.2-3")]
public sealed class ConflictCheckerTests
{
    private static DeltaAction Add(string path, bool dataChange = true) => DeltaAction.Of(new AddFile { Path = path, DataChange = dataChange });
    private static DeltaAction Remove(string path) => DeltaAction.Of(new RemoveFile { Path = path, DataChange = false });
    private static readonly HashSet<string> ReadDay1 = ["day=1"];

    [Fact]
    public void Two_blind_appends_never_conflict() =>
        Assert.Null(ConflictChecker.Find([Add("day=1/a")], null, [Add("day=1/b")]));

    [Fact]
    public void A_winner_that_changed_the_metadata_conflicts_with_everything() =>
        Assert.Contains("metadata", ConflictChecker.Find([Add("day=1/a")], null, [new DeltaAction { MetaData = LakeStores.Metadata() }]), StringComparison.Ordinal);

    [Fact]
    public void Removing_a_file_the_winner_removed_too_is_a_concurrent_delete() =>
        Assert.Contains("concurrent delete", ConflictChecker.Find([Remove("day=1/x"), Add("day=1/y")], ReadDay1, [Remove("day=1/x")]), StringComparison.Ordinal);

    [Fact]
    public void An_append_into_a_partition_the_transaction_read_conflicts_and_one_elsewhere_does_not()
    {
        Assert.Contains("concurrent append", ConflictChecker.Find([Remove("day=1/x"), Add("day=1/y")], ReadDay1, [Add("day=1/z")]), StringComparison.Ordinal);
        Assert.Null(ConflictChecker.Find([Remove("day=1/x"), Add("day=1/y")], ReadDay1, [Add("day=2/z")]));
    }

    [Fact]
    public void A_winner_that_removed_a_file_the_transaction_read_is_a_delete_read_conflict()
    {
        Assert.Contains("delete-read", ConflictChecker.Find([Add("day=1/y")], ReadDay1, [Remove("day=1/q")]), StringComparison.Ordinal);
        Assert.Contains("delete-read", ConflictChecker.Find([Add("day=9/y")], new HashSet<string> { ConflictChecker.WholeTable }, [Remove("day=1/q")]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rearrangement_without_data_change_in_a_read_partition_does_not_count_as_an_append() =>
        Assert.Null(ConflictChecker.Find([Add("day=1/y")], ReadDay1, [Add("day=1/compacted", dataChange: false)]));
}
