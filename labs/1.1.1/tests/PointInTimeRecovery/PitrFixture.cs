using StatelessMind.Labs.Reliability.PointInTimeRecovery;

namespace StatelessMind.Labs.Reliability.Tests.PointInTimeRecovery;

/// <summary>
/// One archiving source cluster with a base backup, a recorded workload and a DROP TABLE accident, shared by the
/// 1.1.1-4 tests; the experiment (five restores, a planted bug, two damaged archives) runs once, when a test first asks.
/// </summary>
public sealed class PitrFixture : IAsyncLifetime
{
    private readonly ExperimentServices _services = new();
    private readonly SemaphoreSlim _experimentGate = new(1, 1);
    private Finding? _finding;

    public PitrSession Session { get; private set; } = null!;
    public PitrExperiment Experiment { get; } = new();

    public async Task InitializeAsync() => Session = await PitrSession.StartAsync(PitrExperiment.OptionsFor(Scale.Small));

    /// <summary>The experiment's finding, run against <see cref="Session"/> on first use.</summary>
    public async Task<Finding> FindingAsync()
    {
        await _experimentGate.WaitAsync();
        try
        {
            return _finding ??= await Experiment.RunAsync(ExperimentContext.ForTest(_services, "1.1.1-4"), Session, CancellationToken.None);
        }
        finally
        {
            _experimentGate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (Session is not null) await Session.DisposeAsync();
        await _services.DisposeAsync();
        _experimentGate.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PitrCollection : ICollectionFixture<PitrFixture>
{
    public const string Name = "point-in-time recovery";
}
