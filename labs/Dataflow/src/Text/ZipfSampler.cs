namespace StatelessMind.Dataflow.Text;

/// <summary>Draws ranks 1..n with P(rank = k) ∝ 1/k^s (Zipf's law with exponent s), by inverting the cumulative
/// distribution with a binary search.</summary>
public sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int n, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        Exponent = exponent;
        _cumulative = new double[n];
        var sum = 0.0;
        for (var k = 1; k <= n; k++)
        {
            sum += 1 / Math.Pow(k, exponent);
            _cumulative[k - 1] = sum;
        }
        for (var k = 0; k < n; k++) _cumulative[k] /= sum;
    }

    public int Count => _cumulative.Length;
    public double Exponent { get; }

    /// <summary>P(rank = k).</summary>
    public double Probability(int rank) => _cumulative[rank - 1] - (rank > 1 ? _cumulative[rank - 2] : 0);

    /// <summary>A rank in 1..n.</summary>
    public int Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u = random.NextDouble();
        var i = Array.BinarySearch(_cumulative, u);
        return Math.Min((i >= 0 ? i : ~i) + 1, _cumulative.Length);
    }
}
