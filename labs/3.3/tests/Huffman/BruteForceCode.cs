namespace StatelessMind.Labs.ProbabilisticModels.Tests.Huffman;

/// <summary>The reference optimum for small alphabets: try every assignment of lengths 1 … L to the symbols that
/// satisfies Kraft's inequality (exactly the length vectors some prefix code has) and keep the cheapest.</summary>
internal static class BruteForceCode
{
    public static long OptimalCost(long[] frequencies, int maxLength)
    {
        var present = frequencies.Where(f => f > 0).ToArray();
        if (present.Length <= 1) return present.Sum(); // one symbol: one bit each
        var best = long.MaxValue;
        var budget = 1L << maxLength; // Kraft sum in units of 2^−L
        void Search(int i, long used, long cost)
        {
            if (cost >= best) return;
            if (i == present.Length)
            {
                best = cost;
                return;
            }
            for (var l = 1; l <= maxLength; l++)
            {
                var share = 1L << (maxLength - l);
                if (used + share <= budget) Search(i + 1, used + share, cost + present[i] * l);
            }
        }
        Search(0, 0, 0);
        return best;
    }
}
