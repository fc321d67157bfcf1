using StatelessMind.Labs.Reliability.Replication;

namespace StatelessMind.Labs.Reliability.Tests.Replication;

/// <summary>1.1.1-3d: which replica to promote, and when to call the primary dead (no servers needed).</summary>
public sealed class FailoverChoiceTests
{
    [Fact]
    [Goal("1.1.1-3")]
    public void The_replica_that_received_the_most_WAL_is_promoted()
    {
        var received = new Dictionary<string, ulong?> { ["replica1"] = 0x3000060, ["replica2"] = 0x3000128, ["replica3"] = 0x2FFFF00 };
        Assert.Equal("replica2", FailoverCoordinator.ChooseMostAdvanced(received));
    }

    [Fact]
    [Goal("1.1.1-3")]
    public void A_tie_goes_to_the_first_name_and_a_replica_that_received_nothing_never_wins()
    {
        Assert.Equal("a", FailoverCoordinator.ChooseMostAdvanced(new Dictionary<string, ulong?> { ["b"] = 0x500, ["a"] = 0x500 }));
        Assert.Equal("b", FailoverCoordinator.ChooseMostAdvanced(new Dictionary<string, ulong?> { ["a"] = null, ["b"] = 0x1 }));
        var e = Assert.Throws<InvalidOperationException>(() => FailoverCoordinator.ChooseMostAdvanced(new Dictionary<string, ulong?> { ["a"] = null, ["b"] = null }));
        Assert.Contains("No replica has received any WAL", e.Message);
    }

    [Fact]
    [Goal("1.1.1-3")]
    public async Task The_primary_is_declared_dead_only_after_enough_failed_probes_in_a_row()
    {
        // Two failures, a success (a lost packet, not a death), then three failures: declared dead at the 6th probe.
        var answers = new Queue<bool>([false, false, true, false, false, false, true]);
        var probes = await FailoverCoordinator.DeclareDeadAsync(() => Task.FromResult(answers.Dequeue()), 3, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(6, probes);
        Assert.Single(answers);
    }
}
