using System.Data;
using StatelessMind.Labs.Consensus.Isolation;

namespace StatelessMind.Labs.Consensus.Tests.Isolation;

/// <summary>Each cell of the anomaly matrix, run on real PostgreSQL sessions, against the documented outcome.</summary>
public sealed class AnomalyMatrixTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    public static TheoryData<Anomaly, IsolationLevel> Cells()
    {
        var data = new TheoryData<Anomaly, IsolationLevel>();
        foreach (var anomaly in Enum.GetValues<Anomaly>())
            foreach (var level in DocumentedOutcomes.Levels)
                data.Add(anomaly, level);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    [Goal("1.1.3-1")]
    public async Task Cell_shows_the_documented_postgresql_outcome(Anomaly anomaly, IsolationLevel level)
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
