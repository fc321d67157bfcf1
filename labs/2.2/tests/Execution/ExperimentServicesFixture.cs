using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Transformation.Tests.Execution;

/// <summary>One set of experiment services (one PostgreSQL) for the planted-bug runs of a class, instead of one per run.</summary>
public sealed class ExperimentServicesFixture : IAsyncLifetime
{
    public ExperimentServices Services { get; } = new();

    public async Task<Finding> RunAsync(IExperiment experiment, ITestOutputHelper output)
    {
        var finding = await experiment.RunAsync(ExperimentContext.ForTest(Services, experiment.GoalId), CancellationToken.None);
        output.WriteLine(finding.Summary);
        return finding;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Services.DisposeAsync();
}
