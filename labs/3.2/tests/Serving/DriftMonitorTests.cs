using StatelessMind.Labs.MlOps.Serving;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

[Goal("3.2-1")]
public sealed class DriftMonitorTests
{
    private static readonly FeatureBaseline Baseline = new(["a", "b"], [10.0, 0.0], [2.0, 0.5]);

    [Fact]
    public void Drift_is_the_window_mean_s_distance_from_the_training_mean_in_standard_deviations()
    {
        var monitor = new DriftMonitor(Baseline, window: 4);
        Assert.Equal([0.0, 0.0], monitor.Drift());
        monitor.Observe([12f, 0.5f]);
        monitor.Observe([14f, 0.5f]);
        var drift = monitor.Drift();
        Assert.Equal(1.5, drift[0], 12);  // mean 13: (13 − 10) / 2
        Assert.Equal(1.0, drift[1], 12);  // mean 0.5: 0.5 / 0.5
    }

    [Fact]
    public void The_window_slides_over_the_most_recent_inputs()
    {
        var monitor = new DriftMonitor(Baseline, window: 3);
        for (var i = 0; i < 3; i++) monitor.Observe([30f, 0f]);
        Assert.Equal(10.0, monitor.Drift()[0], 12);
        for (var i = 0; i < 3; i++) monitor.Observe([10f, 0f]);
        Assert.Equal(0.0, monitor.Drift()[0], 12);
        Assert.Equal(3, monitor.Count);
    }

    /// <summary>The property: a shift of k σ in either direction reads as drift k. Returns the shifts misread.</summary>
    internal static List<string> Misread(DriftBug bug)
    {
        var misread = new List<string>();
        foreach (var shift in new[] { -3.0, -1.0, 0.0, 1.0, 3.0 })
        {
            var monitor = new DriftMonitor(Baseline, window: 10, bug);
            for (var i = 0; i < 10; i++) monitor.Observe([(float)(10 + shift * 2 + (i % 2 == 0 ? 1 : -1)), 0f]);
            var drift = monitor.Drift()[0];
            if (Math.Abs(drift - Math.Abs(shift)) > 1e-9) misread.Add($"a shift of {shift} σ read as {drift}");
        }
        return misread;
    }

    [Fact]
    public void A_shift_in_either_direction_reads_as_its_size_in_standard_deviations()
    {
        Assert.Empty(Misread(DriftBug.None));
    }
}
