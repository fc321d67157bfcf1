using StatelessMind.Runner.Exercises;

namespace StatelessMind.Tests.Exercises;

/// <summary>
/// Runs exercise-check once over the fixture repository (tests/Exercises/Fixture), keeping the skeleton, then the
/// learner's loop in it: the check must report each planted fault, pass the well-shaped lab, and progress must rise
/// when a task's code is put back.
/// </summary>
public sealed class ExerciseCheckFixture : IAsyncLifetime
{
    public FixtureRepository Repository { get; } = new();
    public IReadOnlyList<LabCheckResult> Results { get; private set; } = [];
    public string Log { get; private set; } = "";
    public string Skeleton => Path.Combine(Repository.Work, "all");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var log = new StringWriter();
        Results = await new ExerciseCheck(Repository.Layout, Repository.Catalog, log)
            .RunAsync(new ExerciseCheckOptions(["9.1", "9.2", "9.3"], [], Repository.Work, TestHooks.Default, Keep: true), timeout.Token);
        Log = log.ToString();
    }

    public Task DisposeAsync()
    {
        Repository.Dispose();
        return Task.CompletedTask;
    }

    public LabCheckResult Lab(string id) => Results.Single(r => r.Lab == id);
}
