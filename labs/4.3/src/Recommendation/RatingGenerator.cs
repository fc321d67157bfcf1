using StatelessMind.Dataflow.Partitioning;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>
/// A MovieLens-like rating matrix with known truth: user and item factors of a stated rank, each component
/// N(0, 1)/rank^¼ (so the signal u·v has variance 1), ratings = 3.5 + u·v + N(0, σ²), not clipped, so no model can do
/// better than RMSE σ on new ratings. Each user rates <see cref="MinimumPerUser"/> + Geometric items (mean
/// <see cref="ExtraPerUser"/> more; at most half the items), drawn by Zipf popularity (s = 0.8).
/// </summary>
public sealed record RatingGenerator(int Users, int Items, int Rank, double NoiseSigma, int Seed)
{
    public int MinimumPerUser { get; init; } = 20;
    public double ExtraPerUser { get; init; } = 60;

    public const double Mean = 3.5;

    /// <summary>The true user and item factors of the last <see cref="Generate"/> (the ground truth).</summary>
    public (double[][] Users, double[][] Items) Truth { get; private set; } = ([], []);

    /// <summary>The noise-free rating: mean + u·v.</summary>
    public double TrueRating(int user, int item) => Mean + Truth.Users[user].Zip(Truth.Items[item], (a, b) => a * b).Sum();

    public IReadOnlyList<Rating> Generate()
    {
        var random = new Random(Seed);
        var scale = 1 / Math.Pow(Rank, 0.25);
        double[] Factor() => [.. Enumerable.Range(0, Rank).Select(_ => Gaussian(random) * scale)];
        var users = Enumerable.Range(0, Users).Select(_ => Factor()).ToArray();
        var items = Enumerable.Range(0, Items).Select(_ => Factor()).ToArray();
        Truth = (users, items);
        var popularity = new ZipfSampler(Items, 0.8);
        var ratings = new List<Rating>();
        for (var u = 0; u < Users; u++)
        {
            var count = Math.Min(Items / 2, MinimumPerUser + (int)Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - 1.0 / (ExtraPerUser + 1))));
            var rated = new HashSet<int>();
            while (rated.Count < count) rated.Add(popularity.Next(random) - 1);
            foreach (var i in rated.Order())
                ratings.Add(new Rating(u, i, Mean + users[u].Zip(items[i], (a, b) => a * b).Sum() + NoiseSigma * Gaussian(random)));
        }
        return ratings;
    }

    /// <summary>About 10% of each user's ratings (at least one of a user's ratings stays in training), chosen by a hash of
    /// (user, item) so the split is the same on any partitioning — and the same as Spark's <c>pmod(hash(user, item), 10) = 0</c>.</summary>
    public static (IReadOnlyList<Rating> Train, IReadOnlyList<Rating> Test) Split(IReadOnlyList<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var train = new List<Rating>();
        var test = new List<Rating>();
        foreach (var user in ratings.GroupBy(r => r.User))
        {
            var list = user.ToList();
            var held = list.Where(r => SparkMurmur3.NonNegativeMod(SparkMurmur3.HashInt(r.Item, SparkMurmur3.HashInt(r.User)), 10) == 0).ToList();
            if (held.Count == list.Count) held.RemoveAt(0);
            test.AddRange(held);
            train.AddRange(list.Except(held));
        }
        return (train, test);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
