using StatelessMind.Labs.Consensus.Isolation;

namespace StatelessMind.Labs.Consensus.Tests.Isolation;

/// <summary>Task 1.1.3-1a without a database: a cell is named after what the sessions were seen to do.</summary>
public sealed class AnomalyClassificationTests
{
    [Theory]
    [InlineData(true, true, true, "40001", Prevention.None)]
    [InlineData(false, true, false, null, Prevention.LockWait)]
    [InlineData(false, true, true, "40001", Prevention.LockWaitThenSerializationFailure)]
    [InlineData(false, false, true, null, Prevention.Snapshot)]
    [InlineData(false, false, true, "40001", Prevention.Snapshot)]
    [InlineData(false, false, false, "40001", Prevention.SerializationFailure)]
    [Goal("1.1.3-1")]
    public void The_prevention_is_what_was_seen(bool observed, bool waited, bool readOlderVersion, string? sqlState, Prevention expected) =>
        Assert.Equal(expected, AnomalyMatrix.Classify(new CellEvidence(observed, waited, readOlderVersion, sqlState)));

    [Theory]
    [InlineData(null)]
    [InlineData("rolled back")]
    [Goal("1.1.3-1")]
    public void Nothing_seen_is_unexplained_not_a_snapshot(string? sqlState)
    {
        var prevention = AnomalyMatrix.Classify(new CellEvidence(false, false, false, sqlState));
        Assert.Equal(Prevention.Unexplained, prevention);
        Assert.All(Enum.GetValues<Anomaly>().SelectMany(a => DocumentedOutcomes.Levels.Select(l => DocumentedOutcomes.Of(a, l))),
            documented => Assert.NotEqual(Prevention.Unexplained, documented.Prevention));
    }
}
