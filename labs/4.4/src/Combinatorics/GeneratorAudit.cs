using System.Numerics;

namespace StatelessMind.Labs.DiscreteMath.Combinatorics;

/// <summary>One generator at one (n, r): how many tuples it yielded against the formula, whether they were distinct, in
/// lexicographic order of their indices, and each of the right shape.</summary>
public sealed record GeneratorAudit(string Generator, int N, int R, long Count, BigInteger Formula, bool Distinct, bool Ordered, bool WellFormed)
{
    public bool Holds => Count == Formula && Distinct && Ordered && WellFormed;

    /// <summary>Enumerates index tuples (items are 0 … n − 1, so a tuple is its own index sequence) and checks them.</summary>
    public static GeneratorAudit Of(string generator, int n, int r, GeneratorBug bug = GeneratorBug.None)
    {
        var items = Enumerable.Range(0, n).ToArray();
        var (tuples, formula, shape) = generator switch
        {
            "permutations" => (Generators.Permutations(items, r, bug), Counting.Permutations(n, r), (Func<int[], bool>)(t => t.Distinct().Count() == t.Length)),
            "combinations" => (Generators.Combinations(items, r, bug), Counting.Combinations(n, r), t => t.Zip(t.Skip(1), (a, b) => a < b).All(x => x)),
            "combinations with replacement" => (Generators.CombinationsWithReplacement(items, r, bug), Counting.Multisets(n, r), t => t.Zip(t.Skip(1), (a, b) => a <= b).All(x => x)),
            "product" => (Generators.Product(items, r, bug), Counting.Product(n, r), (Func<int[], bool>)(_ => true)),
            _ => throw new ArgumentException($"unknown generator '{generator}'", nameof(generator)),
        };
        var all = tuples.ToList();
        var distinct = all.Select(t => string.Join(",", t)).Distinct().Count() == all.Count;
        var ordered = all.Zip(all.Skip(1), (a, b) => Lexicographic(a, b) < 0).All(x => x);
        return new GeneratorAudit(generator, n, r, all.Count, formula, distinct, ordered, all.All(t => t.Length == r && shape(t)));
    }

    public static int Lexicographic(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return a.Length.CompareTo(b.Length);
    }
}
