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
    public void Throughput_divides_operations_by_time()
    {
        var t = new Throughput(5000, TimeSpan.FromSeconds(2), Bytes: 10_000_000);
        Assert.Equal(2500, t.PerSecond);
        Assert.Equal(5, t.MegabytesPerSecond);
        Assert.Equal(400, t.MicrosecondsPerOperation);
    }

    [Fact]
    public async Task The_resource_sampler_sees_a_busy_process()
    {
        using var busy = Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]))!;
        try
        {
            await using var sampler = ResourceSampler.StartForTree(busy.Id, TimeSpan.FromMilliseconds(100));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (sampler.Samples.Count(s => s.CpuPercent > 0) < 5 && DateTime.UtcNow < deadline) await Task.Delay(50);
            var samples = await sampler.StopAsync();
            Assert.True(samples.Count >= 5, $"only {samples.Count} samples");
            Assert.True(samples.Max(s => s.CpuPercent) > 20, $"a spinning shell should use CPU; max seen {samples.Max(s => s.CpuPercent):0.#}%");
            Assert.All(samples, s => Assert.True(s.RssBytes > 0));
        }
        finally
        {
            busy.Kill();
        }
    }
}
