using System.Data;
using StatelessMind.Labs.Consensus.Isolation;

namespace StatelessMind.Labs.Consensus.Tests.Isolation;

/// <summary>
/// Each cell of the anomaly matrix, run on real PostgreSQL sessions, against the documented outcome: one theory per
/// anomaly (named after it, so <c>--filter "FullyQualifiedName~LostUpdate"</c> runs one row), one case per level.
/// </summary>
public sealed class AnomalyMatrixTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    public static TheoryData<IsolationLevel> Levels() => [.. DocumentedOutcomes.Levels];

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task DirtyWrite_G0(IsolationLevel level) => AssertCellAsync(Anomaly.DirtyWrite, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task DirtyRead_G1a(IsolationLevel level) => AssertCellAsync(Anomaly.DirtyRead, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task IntermediateRead_G1b(IsolationLevel level) => AssertCellAsync(Anomaly.IntermediateRead, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task CircularInformationFlow_G1c(IsolationLevel level) => AssertCellAsync(Anomaly.CircularInformationFlow, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task ObservedTransactionVanishes_OTV(IsolationLevel level) => AssertCellAsync(Anomaly.ObservedTransactionVanishes, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task NonRepeatableRead(IsolationLevel level) => AssertCellAsync(Anomaly.NonRepeatableRead, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task Phantom_PMP(IsolationLevel level) => AssertCellAsync(Anomaly.Phantom, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task PhantomWritePredicate_PMP(IsolationLevel level) => AssertCellAsync(Anomaly.PhantomWritePredicate, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task LostUpdate_P4(IsolationLevel level) => AssertCellAsync(Anomaly.LostUpdate, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task ReadSkew_GSingle(IsolationLevel level) => AssertCellAsync(Anomaly.ReadSkew, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task WriteSkew_G2Item(IsolationLevel level) => AssertCellAsync(Anomaly.WriteSkew, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task PredicateWriteSkew_G2(IsolationLevel level) => AssertCellAsync(Anomaly.PredicateWriteSkew, level);

    [Theory, MemberData(nameof(Levels)), Goal("1.1.3-1")]
    public Task ReadOnlyAnomaly(IsolationLevel level) => AssertCellAsync(Anomaly.ReadOnlyAnomaly, level);

    [Theory]
    [InlineData(Anomaly.WriteSkew)]
    [InlineData(Anomaly.LostUpdate)]
    [InlineData(Anomaly.NonRepeatableRead)]
    [Goal("1.1.3-1")]
    public async Task A_planted_client_bug_that_ignores_the_isolation_level_is_caught_by_the_comparison_with_the_documentation(Anomaly anomaly)
    {
        var database = await postgres.CreateDatabaseAsync("planted");
        var outcome = await new AnomalyMatrix(database, IsolationBug.LevelIgnored).RunAsync(anomaly, IsolationLevel.Serializable);
        output.WriteLine($"{anomaly} at SERIALIZABLE with sessions at READ COMMITTED: {outcome.Verdict} — {outcome.Detail}");
        Assert.True(outcome.Observed, "run at READ COMMITTED, the anomaly shows");
        Assert.False(outcome.MatchesDocumentation, "the cell must disagree with what SERIALIZABLE documents");
    }

    private async Task AssertCellAsync(Anomaly anomaly, IsolationLevel level)
    {
        var database = await postgres.CreateDatabaseAsync("cell");
        var outcome = await new AnomalyMatrix(database).RunAsync(anomaly, level);
        output.WriteLine($"{anomaly} at {DocumentedOutcomes.LevelName(level)}: {outcome.Verdict} — {outcome.Detail}");
        var (observed, prevention) = DocumentedOutcomes.Of(anomaly, level);
        Assert.Equal(observed, outcome.Observed);
        Assert.Equal(prevention, outcome.Prevention);
        if (prevention is Prevention.SerializationFailure or Prevention.LockWaitThenSerializationFailure)
            Assert.Equal("40001", outcome.SqlState);
    }
}
