namespace StatelessMind.Labs.ProbabilisticModels.Huffman;

/// <summary>
/// Huffman's algorithm: repeatedly merge the two lightest subtrees; a symbol's code length is its leaf's depth. The
/// result minimises Σ fᵢ lᵢ over all prefix codes, so the average length L satisfies H ≤ L &lt; H + 1 (H the order-0
/// entropy). Symbols with frequency 0 get length 0 (no code); a lone symbol gets length 1, since a code needs a bit.
/// </summary>
public static class HuffmanCode
{
    /// <summary>The code length of each symbol (0 for an absent symbol).</summary>
    public static byte[] CodeLengths(ReadOnlySpan<long> frequencies)
    {
        foreach (var f in frequencies) ArgumentOutOfRangeException.ThrowIfNegative(f, nameof(frequencies));
        var lengths = new byte[frequencies.Length];
        var present = 0;
        var lone = -1;
        for (var s = 0; s < frequencies.Length; s++)
            if (frequencies[s] > 0)
            {
                present++;
                lone = s;
            }
        if (present == 0) return lengths;
        if (present == 1)
        {
            lengths[lone] = 1;
            return lengths;
        }
        BuildLengths(frequencies, lengths);
        return lengths;
    }

    private static void BuildLengths(ReadOnlySpan<long> frequencies, byte[] lengths)
    {
        #region Exercise 3.3-2a: merge the two lightest subtrees until one is left, then read each leaf's depth (tests: HuffmanCodeTests.The_textbook_example_costs_224_bits_per_100_symbols, HuffmanCodeTests.Huffman_equals_the_brute_force_optimum_on_small_alphabets, HuffmanCodeTests.Average_length_lies_between_the_entropy_and_one_bit_more, HuffmanCodeTests.Dyadic_probabilities_meet_the_entropy_exactly, HuffmanCodeTests.Planted_bug_ignoring_frequencies_is_caught_by_the_optimum)
        var n = frequencies.Length;
        var parent = new int[2 * n]; // nodes 0 … n−1 are the leaves, n … are internal
        var heap = new PriorityQueue<int, (long Weight, int Order)>();
        for (var s = 0; s < n; s++)
            if (frequencies[s] > 0) heap.Enqueue(s, (frequencies[s], s));
        var next = n;
        while (heap.Count > 1)
        {
            heap.TryDequeue(out var a, out var wa);
            heap.TryDequeue(out var b, out var wb);
            parent[a] = next;
            parent[b] = next;
            heap.Enqueue(next, (wa.Weight + wb.Weight, next)); // ties: older subtrees first, which keeps the tree shallow
            next++;
        }
        var root = next - 1;
        var depth = new int[2 * n];
        for (var node = root - 1; node >= n; node--) depth[node] = depth[parent[node]] + 1; // parents are numbered after children
        for (var s = 0; s < n; s++)
            if (frequencies[s] > 0) lengths[s] = (byte)(depth[parent[s]] + 1);
        #endregion
    }

    /// <summary>Σ fᵢ lᵢ: the number of bits the code spends on the data.</summary>
    public static long Cost(ReadOnlySpan<long> frequencies, ReadOnlySpan<byte> lengths)
    {
        long bits = 0;
        for (var s = 0; s < frequencies.Length; s++) bits += frequencies[s] * lengths[s];
        return bits;
    }

    /// <summary>The order-0 entropy in bits per symbol: −Σ pᵢ log₂ pᵢ.</summary>
    public static double Entropy(ReadOnlySpan<long> frequencies)
    {
        long total = 0;
        foreach (var f in frequencies) total += f;
        if (total == 0) return 0;
        var h = 0.0;
        foreach (var f in frequencies)
            if (f > 0)
            {
                var p = (double)f / total;
                h -= p * Math.Log2(p);
            }
        return h;
    }

    /// <summary>The Kraft sum Σ 2^−lᵢ over present symbols: at most 1 for any prefix code, exactly 1 for a complete one.</summary>
    public static double KraftSum(ReadOnlySpan<byte> lengths)
    {
        var sum = 0.0;
        foreach (var l in lengths)
            if (l > 0) sum += Math.ScaleB(1.0, -l);
        return sum;
    }
}
