namespace StatelessMind.Labs.DiscreteMath.Combinatorics;

/// <summary>
/// Lazy generators in the role of Python's itertools, in the same order: tuples of indices in lexicographic order,
/// each mapped to the items and yielded as a fresh array. Nothing is computed before it is asked for, so the first
/// permutations of 1,000 items come at once although there are 1000! of them. Each generator keeps a small array of
/// indices and advances it in place (the <c>Advance…</c> methods); this class maps indices to items.
/// </summary>
public static class Generators
{
    /// <summary>r-permutations: ordered selections of r distinct positions (itertools.permutations).</summary>
    public static IEnumerable<T[]> Permutations<T>(IReadOnlyList<T> items, int r, GeneratorBug bug = GeneratorBug.None)
    {
        Require(r >= 0, "permutations", "r", r, "r ≥ 0");
        return Walk(items, r > items.Count ? null : Enumerable.Range(0, r).ToArray(), (ix, state) => AdvancePermutation(ix, items.Count, state), bug);
    }

    /// <summary>r-combinations: sorted selections of r distinct positions (itertools.combinations).</summary>
    public static IEnumerable<T[]> Combinations<T>(IReadOnlyList<T> items, int r, GeneratorBug bug = GeneratorBug.None)
    {
        Require(r >= 0, "combinations", "r", r, "r ≥ 0");
        return Walk(items, r > items.Count ? null : Enumerable.Range(0, r).ToArray(), (ix, _) => AdvanceCombination(ix, items.Count), bug);
    }

    /// <summary>r-multisets: non-decreasing selections of r positions, repeats allowed (itertools.combinations_with_replacement).</summary>
    public static IEnumerable<T[]> CombinationsWithReplacement<T>(IReadOnlyList<T> items, int r, GeneratorBug bug = GeneratorBug.None)
    {
        Require(r >= 0, "combinations with replacement", "r", r, "r ≥ 0");
        return Walk(items, items.Count == 0 && r > 0 ? null : new int[r], (ix, _) => AdvanceMultiset(ix, items.Count), bug);
    }

    /// <summary>The Cartesian product of <paramref name="items"/> with itself <paramref name="repeat"/> times (itertools.product).</summary>
    public static IEnumerable<T[]> Product<T>(IReadOnlyList<T> items, int repeat, GeneratorBug bug = GeneratorBug.None)
    {
        Require(repeat >= 0, "product", "repeat", repeat, "repeat ≥ 0");
        return Walk(items, items.Count == 0 && repeat > 0 ? null : new int[repeat], (ix, _) => AdvanceOdometer(ix, items.Count), bug);
    }

    /// <summary>Yields the items at the current indices, then advances, until the advance says there is no next tuple.</summary>
    private static IEnumerable<T[]> Walk<T>(IReadOnlyList<T> items, int[]? first, Func<int[], PermutationState, bool> advance, GeneratorBug bug)
    {
        if (first is null) yield break;
        var indices = first;
        var state = new PermutationState(items.Count, indices.Length);
        var buffer = new T[indices.Length];
        while (true)
        {
            for (var i = 0; i < indices.Length; i++) buffer[i] = items[indices[i]];
            var more = advance(indices, state);
            if (!more && bug == GeneratorBug.StopsOneEarly) yield break;
            yield return bug == GeneratorBug.SharedBuffer ? buffer : (T[])buffer.Clone();
            if (!more) yield break;
        }
    }

    /// <summary>The next permutation of r of n positions in lexicographic order, in place; false after the last.</summary>
    internal static bool AdvancePermutation(int[] indices, int n, PermutationState state)
    {
        #region Exercise 4.4-1a: the next r-permutation in lexicographic order - find the rightmost position that can take a larger unused index (tests: GeneratorTests.Permutation*)
        var r = indices.Length;
        state.MarkUsed(indices);
        for (var i = r - 1; i >= 0; i--)
        {
            state.Release(indices[i]);
            var next = state.SmallestFreeAbove(indices[i]);
            if (next < 0) continue;
            indices[i] = next;
            state.Take(next);
            // Fill the rest with the smallest free indices, ascending: the first arrangement after the new prefix.
            for (var j = i + 1; j < r; j++)
            {
                indices[j] = state.SmallestFreeAbove(-1);
                state.Take(indices[j]);
            }
            return true;
        }
        return false;
        #endregion
    }

    /// <summary>The next r-combination (strictly increasing indices) in lexicographic order; false after the last.</summary>
    internal static bool AdvanceCombination(int[] indices, int n)
    {
        #region Exercise 4.4-1b: the next combination - raise the rightmost index that is below its maximum n - r + i, reset the ones after it (tests: GeneratorTests.Combination*)
        var r = indices.Length;
        for (var i = r - 1; i >= 0; i--)
        {
            if (indices[i] == n - r + i) continue;
            indices[i]++;
            for (var j = i + 1; j < r; j++) indices[j] = indices[j - 1] + 1;
            return true;
        }
        return false;
        #endregion
    }

    /// <summary>The next non-decreasing index tuple; false after the last.</summary>
    internal static bool AdvanceMultiset(int[] indices, int n)
    {
        #region Exercise 4.4-1c: the next multiset - raise the rightmost index below n - 1 and copy it to every position after it (tests: GeneratorTests.Multiset*)
        for (var i = indices.Length - 1; i >= 0; i--)
        {
            if (indices[i] == n - 1) continue;
            var raised = indices[i] + 1;
            for (var j = i; j < indices.Length; j++) indices[j] = raised;
            return true;
        }
        return false;
        #endregion
    }

    /// <summary>The next tuple of the product, like an odometer with n symbols per wheel; false after the last.</summary>
    internal static bool AdvanceOdometer(int[] indices, int n)
    {
        #region Exercise 4.4-1d: the odometer - add one at the rightmost wheel and carry (tests: GeneratorTests.Odometer*)
        for (var i = indices.Length - 1; i >= 0; i--)
        {
            if (++indices[i] < n) return true;
            indices[i] = 0;
        }
        return false;
        #endregion
    }

    private static void Require(bool holds, string operation, string argument, long value, string expected)
    {
        if (!holds) throw new CombinatoricsArgumentException(operation, argument, value, expected);
    }
}
