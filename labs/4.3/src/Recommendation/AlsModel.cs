namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>A trained factorisation: prediction = mean + user factor · item factor (the mean alone for an unknown user or item).</summary>
public sealed record AlsModel(double Mean, IReadOnlyDictionary<int, double[]> UserFactors, IReadOnlyDictionary<int, double[]> ItemFactors, int Rank)
{
    public double Predict(int user, int item) =>
        UserFactors.TryGetValue(user, out var u) && ItemFactors.TryGetValue(item, out var v) ? Mean + Dot(u, v) : Mean;

    /// <summary>The largest difference between two models' factors.</summary>
    public double MaxFactorDifference(AlsModel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        static double Diff(IReadOnlyDictionary<int, double[]> a, IReadOnlyDictionary<int, double[]> b) =>
            a.Keys.Union(b.Keys).Max(k => a.TryGetValue(k, out var x) && b.TryGetValue(k, out var y) ? x.Zip(y, (p, q) => Math.Abs(p - q)).Max() : double.PositiveInfinity);
        return Math.Max(Diff(UserFactors, other.UserFactors), Diff(ItemFactors, other.ItemFactors));
    }

    internal static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
