using StatelessMind.Labs.Orchestration.Execution;
using StatelessMind.Labs.Orchestration.XComs;

namespace StatelessMind.Labs.Orchestration.Tests;

[Goal("2.3-3")]
[Collection(PostgresCollection.Name)]
public sealed class XComTests(PostgresFixture postgres)
{
    public sealed record Batch(string Path, int Rows);

    [Fact]
    public async Task Typed_values_round_trip_per_run_and_task()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, DateTimeOffset.UnixEpoch);
        var store = t.Scheduler.XComs;
        await store.PushAsync(new TaskInstanceKey("d", "run1", "extract"), "batch", new Batch("/data/1.csv", 120));
        await store.PushAsync(new TaskInstanceKey("d", "run2", "extract"), "batch", new Batch("/data/2.csv", 7));
        await store.PushAsync(new TaskInstanceKey("d", "run1", "extract"), XComStore.ReturnValueKey, new List<int> { 1, 2, 3 });
        Assert.Equal(new Batch("/data/1.csv", 120), await store.PullAsync<Batch>("d", "run1", "extract", "batch"));
        Assert.Equal(new Batch("/data/2.csv", 7), await store.PullAsync<Batch>("d", "run2", "extract", "batch"));
        Assert.Equal([1, 2, 3], await store.PullAsync<List<int>>("d", "run1", "extract"));
        var missing = await Assert.ThrowsAsync<XComNotFoundException>(() => store.PullAsync<int>("d", "run2", "extract"));
        Assert.Contains("run2", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<XComNotFoundException>(() => store.PullAsync<int>("d", "run1", "extract", "batch"));
    }

    [Fact]
    public async Task A_value_over_the_limit_is_refused_with_a_clear_error()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, DateTimeOffset.UnixEpoch, o => o with { XComMaxBytes = 1000 });
        var e = await Assert.ThrowsAsync<XComTooLargeException>(() => t.Scheduler.XComs.PushAsync(new TaskInstanceKey("d", "r", "big"), "blob", new string('x', 2000)));
        Assert.Equal((2002, 1000), (e.Bytes, e.Limit));
        Assert.Contains("d/r/big", e.Message, StringComparison.Ordinal);
        Assert.Contains("push its location instead", e.Message, StringComparison.Ordinal);
        await t.Scheduler.XComs.PushAsync(new TaskInstanceKey("d", "r", "small"), "blob", new string('x', 900));
    }

    [Fact]
    public async Task The_planted_bug_that_pulls_from_the_wrong_run_is_caught()
    {
        await using var t = await TestScheduler.CreateAsync(postgres, DateTimeOffset.UnixEpoch);
        var buggy = new XComStore(t.Db, bug: OrchestrationBug.XComFromWrongRun);
        await buggy.PushAsync(new TaskInstanceKey("d", "run1", "a"), XComStore.ReturnValueKey, 1);
        await buggy.PushAsync(new TaskInstanceKey("d", "run2", "a"), XComStore.ReturnValueKey, 2);
        Assert.NotEqual(1, await buggy.PullAsync<int>("d", "run1", "a"));
        Assert.Equal(1, await t.Scheduler.XComs.PullAsync<int>("d", "run1", "a"));
    }
}
