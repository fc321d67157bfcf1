namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>ALS settings: factor rank, λ (scaled by each user's or item's rating count, as Spark's ALS does),
/// iterations (each updates users, then items), blocks per side, the seed of the initial item factors.</summary>
public sealed record AlsOptions
{
    public int Rank { get; init; } = 10;
    public double Lambda { get; init; } = 0.1;
    public int Iterations { get; init; } = 10;
    public int Blocks { get; init; } = 4;
    public int Seed { get; init; } = 7;
    public AlsBug Bug { get; init; } = AlsBug.None;

    internal double EffectiveLambda => Bug == AlsBug.NoRegularization ? 0 : Lambda;

    /// <summary>The initial factor of an item (or user): a seeded function of its id, so every implementation starts alike.</summary>
    internal double[] InitialFactor(int id)
    {
        var random = new Random(HashCode.Combine(Seed, id));
        return [.. Enumerable.Range(0, Rank).Select(_ => (random.NextDouble() - 0.5) / Math.Sqrt(Rank))];
    }
}
