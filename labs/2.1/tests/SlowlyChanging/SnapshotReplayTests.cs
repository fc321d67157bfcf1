using StatelessMind.Labs.DimensionalModeling.SlowlyChanging;
using StatelessMind.Labs.Transformation.Snapshots;

namespace StatelessMind.Labs.DimensionalModeling.Tests.SlowlyChanging;

/// <summary>
/// Three loads of a changing CRM table replayed on PostgreSQL through the project's snapshots and models; after each
/// load, every type's table is compared row for row with the history computed in C# from the loads.
/// </summary>
[Collection(PostgresCollection.Name)]
[Goal("2.1-2")]
public sealed class SnapshotReplayTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly CustomerProfileLoads Loads = CustomerProfileLoads.Generate(customers: 120, seed: 11);

    private async Task<IReadOnlyList<ScdReplayStep>> ReplayAsync(SnapshotBug bug)
    {
        var db = await postgres.CreateDatabaseAsync("scd");
        output.WriteLine(Loads.ToString());
        return await ScdReplay.RunAsync(db, Loads, bug, CancellationToken.None);
    }

    [Fact]
    public async Task Every_type_holds_exactly_the_expected_rows_after_each_of_three_loads()
    {
        var steps = await ReplayAsync(SnapshotBug.None);

        Assert.True(Loads.SilentChanges.Sum() > 0, "the loads must hold changes made without touching updated_at");
        foreach (var step in steps)
        {
            var k = step.Load;
            Assert.Equal(ExpectedHistory.Type2(Loads, k, null, hardDeletes: true), step.TimestampHistory);
            Assert.Equal(ExpectedHistory.Type2(Loads, k, ScdReplay.CheckColumns, hardDeletes: true), step.CheckHistory);
            Assert.Equal(ExpectedHistory.Type1(Loads, k), step.Type1);
            Assert.Equal(ExpectedHistory.Type3(Loads, k), step.Type3);
            Assert.Equal(0, step.TimestampOverlaps);
            Assert.Equal(0, step.CheckOverlaps);
            // As of the run, the check history is the load itself; the timestamp history has the same keys.
            Assert.Equal(Loads.Loads[k].Select(c => (c.CustomerId, c.Segment, c.City)), step.CheckAsOfRun);
            Assert.Equal(Loads.Loads[k].Select(c => c.CustomerId), step.TimestampAsOfRun.Select(v => v.CustomerId));
        }
        var last = steps[^1];
        Assert.True(last.TimestampHistory.Count > Loads.Loads[0].Count, "changes add versions");
        Assert.Contains(last.Type3, r => r.PreviousSegment is not null);
    }

    [Fact]
    public async Task A_snapshot_that_forgets_to_close_the_old_row_leaves_overlapping_versions()
    {
        var steps = await ReplayAsync(SnapshotBug.OldRowNotClosed);

        var last = steps[^1];
        Assert.NotEqual(ExpectedHistory.Type2(Loads, 2, null, hardDeletes: true), last.TimestampHistory);
        Assert.True(last.TimestampOverlaps > 0);
        Assert.True(last.CheckOverlaps > 0);
        Assert.Equal(0, steps[0].TimestampOverlaps); // the first run only creates the table
    }

    [Fact]
    public async Task A_check_strategy_comparing_the_wrong_columns_misses_the_city_changes()
    {
        var steps = await ReplayAsync(SnapshotBug.CheckComparesWrongColumns);

        var last = steps[^1];
        var expected = ExpectedHistory.Type2(Loads, 2, ScdReplay.CheckColumns, hardDeletes: true);
        var segmentOnly = ExpectedHistory.Type2(Loads, 2, ["segment"], hardDeletes: true);
        Assert.NotEqual(expected, last.CheckHistory);
        Assert.Equal(segmentOnly, last.CheckHistory); // exactly the history of a snapshot checking segment alone
        Assert.NotEqual(Loads.Loads[2].Select(c => (c.CustomerId, c.Segment, c.City)), last.CheckAsOfRun);
        Assert.Equal(ExpectedHistory.Type2(Loads, 2, null, hardDeletes: true), last.TimestampHistory); // the timestamp strategy is untouched
    }

    [Fact]
    public async Task A_snapshot_that_ignores_hard_deletes_keeps_deleted_customers_current()
    {
        var steps = await ReplayAsync(SnapshotBug.HardDeletesIgnored);

        var last = steps[^1];
        Assert.Equal(ExpectedHistory.Type2(Loads, 2, null, hardDeletes: false), last.TimestampHistory);
        Assert.NotEqual(ExpectedHistory.Type2(Loads, 2, null, hardDeletes: true), last.TimestampHistory);
        var present = Loads.Loads[2].Select(c => c.CustomerId).ToHashSet();
        Assert.Contains(last.TimestampAsOfRun, v => !present.Contains(v.CustomerId));
    }
}
