namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s (inverse CDF, binary search).</summary>
internal sealed class ZipfSampler
{
    private readonly double[] _cumulative;
    private readonly Random _random;

    public ZipfSampler(int n, double exponent, Random random)
    {
        _random = random;
        _cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++) _cumulative[i] = sum += 1.0 / Math.Pow(i + 1, exponent);
        for (var i = 0; i < n; i++) _cumulative[i] /= sum;
    }

    public int Next()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
