using System.Diagnostics;
using StatelessMind.Harness.Measurement;

namespace StatelessMind.Tests;

public sealed class MeasurementTests
{
    [Fact]
    public void Latency_percentiles_match_a_known_distribution()
    {
        var recorder = new LatencyRecorder();
        for (var ms = 1; ms <= 1000; ms++) recorder.Record(TimeSpan.FromMilliseconds(ms));
        var s = recorder.Summarize();
        Assert.Equal(1000, s.Count);
        Assert.InRange(s.P50Ms, 499, 501);   // 3 significant digits
        Assert.InRange(s.P99Ms, 989, 991);
        Assert.InRange(s.MaxMs, 999, 1001);
        Assert.InRange(s.MeanMs, 500, 501);
    }

    [Fact]
    public void Best_of_runs_runs_at_least_the_minimum_at_most_the_maximum_and_returns_the_fastest()
    {
        var runs = 0;
        // A zero budget stops after the minimum number of runs; only the first run does work.
        var best = BestOfRuns.Seconds(() => { if (runs++ == 0) Thread.SpinWait(5_000_000); }, minRuns: 4, maxRuns: 10, budget: TimeSpan.Zero);
        Assert.Equal(4, runs);
        var slow = Stopwatch.StartNew();
        Thread.SpinWait(5_000_000); // the first run's work on its own: the fastest run is one of the empty ones
        Assert.True(best < slow.Elapsed.TotalSeconds, $"best {best} s is not below the slow run's {slow.Elapsed.TotalSeconds} s");

        runs = 0;
        BestOfRuns.Seconds(() => runs++, minRuns: 2, maxRuns: 7, budget: TimeSpan.FromHours(1));
        Assert.Equal(7, runs); // an unspent budget still stops at the maximum

        Assert.Throws<ArgumentOutOfRangeException>(() => BestOfRuns.Seconds(() => { }, minRuns: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BestOfRuns.Seconds(() => { }, minRuns: 5, maxRuns: 4));
    }

    [Fact]
    public void Throughput_divides_operations_by_time()
    {
        var t = new Throughput(5000, TimeSpan.FromSeconds(2), Bytes: 10_000_000);
        Assert.Equal(2500, t.PerSecond);
        Assert.Equal(5, t.MegabytesPerSecond);
        Assert.Equal(400, t.MicrosecondsPerOperation);
    }

    [Fact]
    public async Task The_resource_sampler_tells_a_busy_process_from_an_idle_one()
    {
        using var busy = Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]))!;
        using var idle = Process.Start(new ProcessStartInfo("sleep", ["60"]))!;
        try
        {
            await using var busySampler = ResourceSampler.StartForTree(busy.Id, TimeSpan.FromMilliseconds(100));
            await using var idleSampler = ResourceSampler.StartForTree(idle.Id, TimeSpan.FromMilliseconds(100));
            // On a loaded machine the spinning shell gets only a slice of a core: wait until CPU shows at all.
            await Eventually.UntilAsync(() => busySampler.Samples.Count(s => s.CpuPercent > 0) >= 3 && idleSampler.Samples.Count >= 3,
                TimeSpan.FromSeconds(20), "three samples of each process, three of the busy one using CPU");
            var busySamples = await busySampler.StopAsync();
            var idleSamples = await idleSampler.StopAsync();
            Assert.True(busySamples.Count(s => s.CpuPercent > 0) >= 3, $"a spinning shell should use CPU; samples: {string.Join(", ", busySamples.Select(s => s.CpuPercent.ToString("0.#")))}");
            Assert.True(idleSamples.Count >= 3, $"only {idleSamples.Count} samples of the idle process");
            Assert.All(idleSamples, s => Assert.Equal(0, s.CpuPercent)); // sleep(1) uses no CPU while it waits
            Assert.All(busySamples.Concat(idleSamples), s => Assert.True(s.RssBytes > 0));
        }
        finally
        {
            busy.Kill();
            idle.Kill();
        }
    }
}
