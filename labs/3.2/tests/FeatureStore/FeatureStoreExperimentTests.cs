using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

/// <summary>Both runs share one set of services (one PostgreSQL, one Redis): each run works in its own database and key prefix.</summary>
public sealed class FeatureStoreExperimentTests(SharedExperimentServices shared, ITestOutputHelper output) : IClassFixture<SharedExperimentServices>
{
    [Fact]
    [Goal("3.2-2")]
    public async Task The_experiment_passes_its_checks_on_real_postgres_and_redis()
    {
        var finding = await new FeatureStoreExperiment().RunAsync(ExperimentContext.ForTest(shared.Services, "3.2-2"), CancellationToken.None);
        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(0, finding.FigureNamed("point-in-time violations")!.Value);
    }

    [Fact]
    [Goal("3.2-2")]
    public async Task The_leaking_join_fails_the_point_in_time_check()
    {
        var finding = await new FeatureStoreExperiment(FeatureStoreBug.JoinLatestRegardlessOfLabelTime).RunAsync(ExperimentContext.ForTest(shared.Services, "3.2-2"), CancellationToken.None);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("the training set is point-in-time correct", finding.Summary, StringComparison.Ordinal);
    }
}
