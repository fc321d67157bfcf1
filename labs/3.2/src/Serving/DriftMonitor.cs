namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>
/// Input drift over a sliding window: for each feature, how far the mean of the last <c>window</c> inputs has moved from
/// the training mean, in training standard deviations — |mean(window) − μ| / σ. The server's gauge reports each feature's
/// value; an alert compares the largest with a threshold.
/// </summary>
public sealed class DriftMonitor(FeatureBaseline baseline, int window, DriftBug bug = DriftBug.None)
{
    private readonly float[][] _recent = new float[Math.Max(1, window)][];
    private readonly object _gate = new();
    private int _count;
    private int _next;

    public FeatureBaseline Baseline { get; } = baseline;
    public int Window => _recent.Length;

    /// <summary>How many inputs the window holds now (at most <see cref="Window"/>).</summary>
    public int Count
    {
        get { lock (_gate) return _count; }
    }

    public void Observe(float[] features)
    {
        lock (_gate)
        {
            _recent[_next] = features;
            _next = (_next + 1) % _recent.Length;
            _count = Math.Min(_count + 1, _recent.Length);
        }
    }

    /// <summary>Each feature's drift score over the current window (all zero while the window is empty).</summary>
    public IReadOnlyList<double> Drift()
    {
        float[][] inputs;
        lock (_gate) inputs = [.. _recent.Take(_count)];
        return Score(inputs);
    }

    internal double[] Score(float[][] inputs)
    {
        var scores = new double[Baseline.Means.Count];
        if (inputs.Length == 0) return scores;
        if (bug == DriftBug.SignedShift)
        {
            for (var f = 0; f < scores.Length; f++) scores[f] = (inputs.Average(x => (double)x[f]) - Baseline.Means[f]) / Baseline.StandardDeviations[f];
            return scores;
        }
        #region Exercise 3.2-1c: the drift score per feature, |mean of the window − training mean| / training σ (tests: DriftMonitorTests, ModelServerMetricsTests, PrometheusMonitoringTests, ModelServingExperimentTests)
        for (var f = 0; f < scores.Length; f++)
        {
            var sum = 0.0;
            foreach (var x in inputs) sum += x[f];
            scores[f] = Math.Abs(sum / inputs.Length - Baseline.Means[f]) / Baseline.StandardDeviations[f];
        }
        return scores;
        #endregion
    }
}
