using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>
/// The randomized model test (<see cref="LsmModelRun"/>) over many seeds. The default run takes a few seconds;
/// <c>SM_LSM_SOAK_SEEDS=n</c> runs n seeds and <c>SM_LSM_SOAK_OPERATIONS=m</c> m operations per seed (a long soak);
/// <c>SM_LSM_SEED=s</c> replays the one seed a failure printed.
/// </summary>
public sealed class LsmModelTests(ITestOutputHelper output)
{
    private static int? Environment(string name) => int.TryParse(System.Environment.GetEnvironmentVariable(name), out var n) ? n : null;

    private static int Operations => Environment("SM_LSM_SOAK_OPERATIONS") ?? 2_000;

    public static TheoryData<int> InlineSeeds() => Seeds(16, first: 1);

    public static TheoryData<int> BackgroundSeeds() => Seeds(6, first: 1001);

    private static TheoryData<int> Seeds(int count, int first)
    {
        if (Environment("SM_LSM_SEED") is { } one) return [one];
        return [.. Enumerable.Range(first, Environment("SM_LSM_SOAK_SEEDS") ?? count)];
    }

    [Theory]
    [Goal("1.1.4-1")]
    [MemberData(nameof(InlineSeeds))]
    public void InlineMaintenanceMatchesTheModel(int seed) => Run(new LsmModelRun(seed, Operations, background: false));

    [Theory]
    [Goal("1.1.4-1")]
    [MemberData(nameof(BackgroundSeeds))]
    public void BackgroundMaintenanceMatchesTheModel(int seed) => Run(new LsmModelRun(seed, Operations, background: true));

    private void Run(LsmModelRun run)
    {
        var problem = run.Run();
        Assert.True(problem is null, problem);
        output.WriteLine($"{Operations} operations ({run.Sync}): {run.Reopens} reopens, {run.Crashes} kills, {run.PowerCuts} power cuts; up to {run.LevelsUsed} levels in use at once");
    }

    [Theory]
    [Goal("1.1.4-1")]
    [InlineData(StorageBug.EmptyValueIsTombstone, false)]
    [InlineData(StorageBug.TableNotSynced, false)]
    [InlineData(StorageBug.EmptyValueIsTombstone, true)]
    public void TheModelTestCatchesThePlantedBug(StorageBug bug, bool background)
    {
        // Seeds 2 and 4 fsync every write, so a power cut must keep everything: an unsynced table shows.
        var failures = new[] { 2, 4 }.Select(seed => new LsmModelRun(seed, Operations, background, bug).Run()).ToList();
        output.WriteLine($"planted {bug}: {failures.First(f => f is not null) ?? "not caught"}");
        Assert.All(failures, Assert.NotNull);
    }
}
