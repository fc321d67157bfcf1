using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Pipeline;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>One dataset lake → lakehouse → warehouse, on a local folder and over S3, checked at every hop.</summary>
[Goal("1.2-3")]
public sealed class LakehousePipelineTests(S3Fixture s3, ITestOutputHelper output) : IClassFixture<S3Fixture>
{
    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task Every_hop_holds_the_source_rows_exactly(string kind)
    {
        var store = LakeStores.Open(kind, s3);
        var source = SalesDataset.Generate(3_000, days: 6, seed: 11);

        var result = await LakehousePipeline.RunAsync(store, source, new PipelineSettings(FilesPerDay: 3, DaysPerCommit: 2),
            LakeStores.NewFolder());

        foreach (var hop in result.Hops) output.WriteLine($"{hop.Hop}: {hop.Digest} {(hop.MatchesSource ? "= source" : "≠ source")}");
        Assert.True(result.EveryHopMatches);
        Assert.Equal(7, result.Hops.Count);
        Assert.Equal(18, result.LakeFiles);
        Assert.Equal(18, result.VacuumDeleted);            // the small files compaction removed
        Assert.Equal(6, result.VacuumKept);                // one per day
        Assert.Equal(0, result.CommitFilesReadFromCheckpoint);
        Assert.Equal(0, result.WarehouseRowsPerDayMismatches);
        Assert.Equal([0, 6, 12, 18, 6], result.Versions.Select(v => v.Files));
    }
}
