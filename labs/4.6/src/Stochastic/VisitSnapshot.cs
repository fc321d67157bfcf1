namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>The visit counts of a walk after its first <see cref="Steps"/> steps.</summary>
public sealed record VisitSnapshot(long Steps, IReadOnlyList<long> Counts)
{
    public IReadOnlyList<double> Frequencies => Counts.Select(c => (double)c / Steps).ToArray();
}
