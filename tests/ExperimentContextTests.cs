using System.Diagnostics;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;

namespace StatelessMind.Tests;

public sealed class ExperimentContextTests
{
    [Fact]
    public async Task Test_output_lives_under_this_process_and_ended_processes_folders_are_swept()
    {
        await using var services = new ExperimentServices();
        var context = ExperimentContext.ForTest(services, "1.4-1");
        Assert.True(context.OutputDirectory.Exists);
        var processFolder = context.OutputDirectory.Parent!.Parent!;
        Assert.Equal(ExperimentContext.TestReportsRoot, processFolder.Parent!.FullName);
        Assert.StartsWith($"{Environment.ProcessId}-", processFolder.Name);

        // A folder left by a test process that has ended: named after a real pid that no longer runs.
        using var ended = Process.Start(new ProcessStartInfo("true"))!;
        await ended.WaitForExitAsync();
        var leftOver = Directory.CreateDirectory(Path.Combine(ExperimentContext.TestReportsRoot, $"{ended.Id}-12345", "1.4-1"));
        File.WriteAllText(Path.Combine(leftOver.FullName, "report.md"), "old");

        Assert.True(ExperimentContext.SweepEndedTestFolders() >= 1);
        Assert.False(Directory.Exists(leftOver.Parent!.FullName));
        Assert.True(context.OutputDirectory.Exists, "the running process's own folder is kept");
    }
}
