namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>What a simulated walk visited: <see cref="Counts"/>[i] = the steps that ended in state i, out of
/// <see cref="Steps"/>; <see cref="Snapshots"/> the same counts at earlier step numbers.</summary>
public sealed record ChainSimulation(long Steps, IReadOnlyList<long> Counts, IReadOnlyList<VisitSnapshot> Snapshots)
{
    /// <summary>The long-run visit frequencies, counts / steps.</summary>
    public IReadOnlyList<double> Frequencies => Counts.Select(c => (double)c / Steps).ToArray();
}
