using StatelessMind.Dataflow.MapReduce;
using StatelessMind.Labs.Scalability.Horizontal;

namespace StatelessMind.Labs.Scalability.Tests.Horizontal;

/// <summary>Exercise 1.1.2-2b.</summary>
public sealed class ModeComparisonTests
{
    [Fact]
    [Goal("1.1.2-2")]
    public void A_row_sums_each_processs_last_cpu_reading_and_its_peak_memory()
    {
        const long mb = 1 << 20;
        ProcSample S(double s, int pid, long cpu, long rssMb, long vol, long invol) => new(TimeSpan.FromSeconds(s), pid, cpu, rssMb * mb, 3, vol, invol);
        var samples = new[]
        {
            S(0.1, 10, 5, 30, 1, 0), S(0.5, 10, 60, 50, 9, 2), S(0.9, 10, 100, 40, 20, 5),
            S(0.1, 11, 4, 20, 1, 1), S(0.9, 11, 50, 35, 10, 3),
        };
        var report = new CoordinatorReport([], new Dictionary<string, int>(), [10, 11], TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2));
        var run = new ModeRun(ScalingMode.Horizontal, 2, 3000, TimeSpan.FromSeconds(2), [], [10, 11], samples, report);
        var row = ModeComparison.From(run);
        Assert.Equal(2, row.Processes);
        Assert.Equal(1.5, row.CpuSeconds, 9);          // (100 + 50) ticks at 100 per second
        Assert.Equal(0.75, row.CoresBusy, 9);          // 1.5 CPU s over 2 s
        Assert.Equal(85, row.PeakRssMegabytes, 9);     // 50 + 35
        Assert.Equal(30, row.VoluntarySwitches);
        Assert.Equal(8, row.InvoluntarySwitches);
        Assert.Equal(1500, row.WordsPerSecond, 9);
        Assert.Equal(2000, row.WordsPerCpuSecond, 9);
    }
}
