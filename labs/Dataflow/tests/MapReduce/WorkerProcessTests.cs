using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Dataflow.Tests.MapReduce;

/// <summary>Workers as real processes: the executable is found, connects over loopback, and a killed one is replaced.</summary>
public sealed class WorkerProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly MapReduceTestFiles _files = new(4);

    [Fact]
    public async Task Two_worker_processes_produce_the_sequential_output()
    {
        await using var coordinator = Coordinator.Start(MapReduceJob.For<WordCountJob.Application>(_files.Inputs, 3, _files.Work));
        await using var pool = WorkerPool.Start(coordinator.Endpoint, 2);
        var report = await coordinator.Completion.WaitAsync(Deadline);
        await Task.WhenAll(pool.All.Select(w => w.Exited)).WaitAsync(Deadline);
        Assert.All(pool.All, w => Assert.Equal(0, w.Exited.Result));
        Assert.Equal(pool.All.Select(w => w.Pid).Order(), report.WorkerPids.Order());
        Assert.Equal(SequentialMapReduce.Run(new WordCountJob.Application(), _files.Inputs), IntermediateFiles.ReadSortedOutput(_files.Work));
    }

    [Fact]
    public async Task A_worker_with_bad_arguments_exits_with_code_2()
    {
        var psi = new System.Diagnostics.ProcessStartInfo(DotnetHost.Locate()) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", WorkerProcess.WorkerAssemblyPath, "--coordinator", "nonsense" }) psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(Deadline);
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("unexpected argument", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
