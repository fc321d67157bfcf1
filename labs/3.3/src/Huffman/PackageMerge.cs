namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>
/// Package-merge (Larmore and Hirschberg, 1990): the optimal prefix code whose lengths do not exceed a limit L. It is
/// the coin collector's problem: each symbol is a coin of weight fᵢ at each of the denominations 2^−1 … 2^−L; the
/// cheapest set of coins of total denomination n − 1 gives each symbol a length equal to how many of its coins were
/// chosen. Level by level from 2^−L up, the items of a level are paired into packages, which join the next level's
/// coins; the 2n − 2 lightest items of the last list are the chosen set. With L ≥ n − 1 the limit never binds and the
/// cost equals Huffman's — which makes it an independent check of optimality. Used here to keep code lengths ≤ 15.
/// </summary>
public static class PackageMerge
{
    public static byte[] CodeLengths(ReadOnlySpan<long> frequencies, int maxLength)
    {
        foreach (var f in frequencies) ArgumentOutOfRangeException.ThrowIfNegative(f, nameof(frequencies));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var symbols = new List<int>();
        for (var s = 0; s < frequencies.Length; s++)
            if (frequencies[s] > 0) symbols.Add(s);
        var lengths = new byte[frequencies.Length];
        if (symbols.Count == 0) return lengths;
        if (symbols.Count == 1)
        {
            lengths[symbols[0]] = 1;
            return lengths;
        }
        if (maxLength < 31 && symbols.Count > 1 << maxLength)
            throw new ArgumentOutOfRangeException(nameof(maxLength), $"{symbols.Count} symbols need codes longer than {maxLength} bits.");
        var all = frequencies.ToArray();
        var weights = symbols.Select(s => all[s]).ToArray();
        var counts = ChosenCoins(weights, Math.Min(maxLength, symbols.Count - 1));
        for (var i = 0; i < symbols.Count; i++) lengths[symbols[i]] = (byte)counts[i];
        return lengths;
    }

    /// <summary>For symbols 0 … n−1 with the given weights, how many coins of each the cheapest collection takes.</summary>
    private static int[] ChosenCoins(long[] weights, int levels)
    {
        #region Exercise 3.3-2b: package and merge level by level, then count each symbol among the 2n − 2 lightest items (tests: PackageMergeTests)
        var n = weights.Length;
        // An item is a coin (Symbol ≥ 0) or a package of two items (Left, Right); items live in one growing list.
        var weight = new List<long>();
        var symbol = new List<int>();
        var left = new List<int>();
        var right = new List<int>();
        int Add(long w, int s, int l, int r)
        {
            weight.Add(w);
            symbol.Add(s);
            left.Add(l);
            right.Add(r);
            return weight.Count - 1;
        }
        var coins = Enumerable.Range(0, n).OrderBy(i => weights[i]).ThenBy(i => i).ToArray();
        var level = coins.Select(i => Add(weights[i], i, -1, -1)).ToList(); // the 2^−L coins, lightest first
        for (var l = levels; l > 1; l--)
        {
            var packages = new List<int>();
            for (var i = 0; i + 1 < level.Count; i += 2)
                packages.Add(Add(weight[level[i]] + weight[level[i + 1]], -1, level[i], level[i + 1]));
            // Merge the packages with the next level's coins, both already sorted; a coin goes first on a tie.
            var merged = new List<int>(n + packages.Count);
            int c = 0, p = 0;
            while (c < n || p < packages.Count)
            {
                if (p == packages.Count || (c < n && weights[coins[c]] <= weight[packages[p]]))
                    merged.Add(Add(weights[coins[c]], coins[c++], -1, -1));
                else
                    merged.Add(packages[p++]);
            }
            level = merged;
        }
        var count = new int[n];
        var stack = new Stack<int>(level.Take(2 * n - 2));
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            if (symbol[item] >= 0) count[symbol[item]]++;
            else
            {
                stack.Push(left[item]);
                stack.Push(right[item]);
            }
        }
        return count;
        #endregion
    }
}
