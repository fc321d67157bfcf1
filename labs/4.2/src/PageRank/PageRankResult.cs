namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>The ranks (summing to 1), the L1 change after each iteration, whether the tolerance was reached, and the time.</summary>
public sealed record PageRankResult(double[] Ranks, IReadOnlyList<double> Deltas, bool Converged, TimeSpan Elapsed)
{
    public int Iterations => Deltas.Count;

    public double FinalDelta => Deltas.Count == 0 ? double.NaN : Deltas[^1];

    public double TimePerIterationMs => Iterations == 0 ? double.NaN : Elapsed.TotalMilliseconds / Iterations;
}
