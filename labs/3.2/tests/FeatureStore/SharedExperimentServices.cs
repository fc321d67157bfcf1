namespace StatelessMind.Labs.MlOps.Tests.FeatureStore;

/// <summary>One <see cref="ExperimentServices"/> for a test class, disposed (its servers stopped) after the class.</summary>
public sealed class SharedExperimentServices : IAsyncLifetime
{
    public ExperimentServices Services { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Services.DisposeAsync();
}
