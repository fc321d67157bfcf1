using StatelessMind.Harness.Reporting;
using StatelessMind.Runner;
using StatelessMind.Tests.Support;

namespace StatelessMind.Tests;

/// <summary>
/// The runner loads every lab into one process, each with its own dependencies. Two labs that use TorchSharp (1.6 and
/// 2.4) each carry a copy of libtorch, which cannot be loaded twice in one process: the second copy aborts it while
/// registering its operators. They share the first lab's TorchSharp instead.
/// </summary>
public sealed class LabLoadingTests(ITestOutputHelper output) : IDisposable
{
    private static readonly RepositoryLayout Layout = RepositoryLayout.Locate();
    private static readonly GoalCatalog Goals = GoalCatalog.Load(Layout);
    private readonly string _reports = TestRuns.TemporaryFolder("lab-loading");

    public void Dispose() => HostCommands.DeleteDirectory(_reports);

    [Fact]
    public async Task Two_labs_that_use_torchsharp_run_one_after_the_other_in_one_process()
    {
        var built = ExperimentCatalog.Discover(Layout, Goals);
        string[] torchGoals = ["1.6-2", "2.4-2"];
        Assert.All(torchGoals, g => Assert.True(built.IsBuilt(g), $"{g} is not built: run make build"));

        var status = await new ExperimentRunner(Layout, Goals, built, _reports).RunAsync(torchGoals, Scale.Small, 7, CancellationToken.None);

        var index = await File.ReadAllTextAsync(Path.Combine(_reports, ReportIndex.IndexFileName));
        output.WriteLine(index);
        Assert.Equal(RunExitCode.Success, status);
        foreach (var goal in torchGoals)
            Assert.Contains(File.ReadAllLines(Path.Combine(_reports, ReportIndex.IndexFileName)), l => l.StartsWith($"| {goal} |", StringComparison.Ordinal) && l.Contains("| PASS |", StringComparison.Ordinal));
    }
}
