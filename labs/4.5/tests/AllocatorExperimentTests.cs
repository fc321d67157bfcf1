using StatelessMind.Labs.SystemsProgramming.Allocation;

namespace StatelessMind.Labs.SystemsProgramming.Tests;

[Collection(AllocatorCollection.Name)]
public sealed class AllocatorExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.5-2")]
    public async Task The_experiment_holds_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new AllocatorExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        // The heap check ran in the child process after the sm_alloc run of every workload, and passed.
        var table = finding.Tables[0];
        Assert.Equal(AllocBench.Workloads, table.Rows.Select(r => r[0]));
        Assert.All(table.Rows, row => Assert.Equal("ok", row[^1]));
        // Every block is at least as large as asked for; at most the smallest class (16 B) doubles an 8-byte request.
        Assert.InRange(finding.FigureNamed("live bytes / bytes requested (size-class rounding)")!.Value, 1.0, 2.0);
        // The freed half is still mapped, ready for reuse: resident memory cannot be below what is live.
        Assert.True(finding.FigureNamed("resident estimate / live bytes, after freeing half")!.Value >= 1.0);
    }

    [Fact]
    [Goal("4.5-2")]
    public void Allocbench_lines_are_parsed_and_a_broken_one_is_named()
    {
        const string text = "workload=churn allocator=sm rep=1 seconds=0.5 cpu_seconds=0.4 ops=100 ns_per_op=4000 maxrss_kb=2000 peak_requested_bytes=99 heap_check=ok\n" +
                            "workload=churn allocator=glibc rep=1 seconds=0.9 cpu_seconds=0.8 ops=100 ns_per_op=8000 maxrss_kb=1000 peak_requested_bytes=99 heap_check=n/a\n" +
                            "summary workload=churn glibc_cpu_seconds=0.8\n";
        var c = AllocBench.Compare(AllocBench.Parse(text)).Single();
        Assert.Equal(2.0, c.SpeedUp, 9);
        Assert.Equal(2.0, c.RssRatio, 9);
        Assert.True(c.HeapChecksOk);
        var e = Assert.Throws<FormatException>(() => AllocBench.Parse("workload=churn allocator=sm rep=x"));
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
        // A failed heap check in any repetition fails the workload's comparison (and so the experiment's check).
        var broken = AllocBench.Compare(AllocBench.Parse(text.Replace("heap_check=ok", "heap_check=FAILED", StringComparison.Ordinal))).Single();
        Assert.False(broken.HeapChecksOk);
    }
}
