using System.Numerics;

namespace StatelessMind.Labs.DiscreteMath.Combinatorics;

/// <summary>A counting question answered twice: by enumerating with the generators and filtering, and by a formula.</summary>
public sealed record CountingProblem(string Question, string Formula, Func<GeneratorBug, long> Enumerate, BigInteger Expected)
{
    /// <summary>The suite; <paramref name="ranks"/> sets the deck (13 is the real one) and <paramref name="n"/> the size of the others.</summary>
    public static IReadOnlyList<CountingProblem> Suite(int ranks, int n) =>
    [
        new($"permutations of {n} with no fixed point (derangements)", "!n = Σ (−1)^k n!/k!",
            bug => Generators.Permutations(Enumerable.Range(0, n).ToArray(), n, bug).LongCount(p => p.Select((v, i) => v != i).All(x => x)),
            Counting.Derangements(n)),
        new($"flushes among 5-card hands of a {ranks}×4 deck", "4·C(ranks, 5)",
            bug => Generators.Combinations(Deck(ranks), 5, bug).LongCount(h => h.All(c => c.Suit == h[0].Suit)),
            4 * Counting.Combinations(ranks, 5)),
        new($"full houses among 5-card hands of a {ranks}×4 deck", "ranks·C(4, 3)·(ranks − 1)·C(4, 2)",
            bug => Generators.Combinations(Deck(ranks), 5, bug).LongCount(IsFullHouse),
            ranks * Counting.Combinations(4, 3) * (ranks - 1) * Counting.Combinations(4, 2)),
        new($"functions from a {n}-set onto a 4-set", "Σ (−1)^k C(4, k)(4 − k)^n",
            bug => Generators.Product(Enumerable.Range(0, 4).ToArray(), n, bug).LongCount(f => f.Distinct().Count() == 4),
            Counting.Surjections(n, 4)),
        new($"balanced strings of {n} pairs of parentheses", "Catalan C(2n, n)/(n + 1)",
            bug => Generators.Product("()".ToCharArray(), 2 * n, bug).LongCount(IsBalanced),
            Counting.Catalan(n)),
        new($"ways to pick 6 scoops from 4 flavours, repeats allowed", "C(4 + 6 − 1, 6)",
            bug => Generators.CombinationsWithReplacement(Enumerable.Range(0, 4).ToArray(), 6, bug).ToList().Select(t => string.Join(",", t)).Distinct().LongCount(),
            Counting.Multisets(4, 6)),
    ];

    public static Card[] Deck(int ranks) =>
        [.. from rank in Enumerable.Range(0, ranks) from suit in Enumerable.Range(0, 4) select new Card(rank, suit)];

    private static bool IsFullHouse(Card[] hand)
    {
        var groups = hand.GroupBy(c => c.Rank).Select(g => g.Count()).Order().ToArray();
        return groups is [2, 3];
    }

    private static bool IsBalanced(char[] s)
    {
        var depth = 0;
        foreach (var c in s)
        {
            depth += c == '(' ? 1 : -1;
            if (depth < 0) return false;
        }
        return depth == 0;
    }
}
