namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>
/// A seeded generator of link graphs with a power law on both sides. It starts from a 3-node cycle and adds nodes one
/// at a time until the edge budget is spent. Each new node draws its out-degree k from a discrete Pareto law,
/// P(k ≥ x) ≈ x^−(α−1) for k ≥ 1 (capped at <see cref="MaxOutDegree"/>), or is dangling (k = 0) with the given
/// probability; its k targets are earlier nodes picked with probability proportional to in-degree + 1 (preferential
/// attachment, drawn from a list holding each node once plus once per in-edge), so in-degrees follow a power law too.
/// </summary>
public static class PowerLawGraph
{
    public const int MaxOutDegree = 1000;

    public static CsrGraph Generate(int edges, double exponent, double danglingFraction, int seed)
    {
        if (edges < 3) throw new ArgumentOutOfRangeException(nameof(edges), edges, "at least the 3 edges of the starting cycle");
        if (exponent <= 1) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "the exponent must exceed 1");
        if (danglingFraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(danglingFraction), danglingFraction, "a probability below 1");
        var random = new Random(seed);
        var from = new List<int>(edges) { 0, 1, 2 };
        var to = new List<int>(edges) { 1, 2, 0 };
        var attachment = new List<int>(2 * edges) { 0, 1, 2, 0, 1, 2 };
        var nodes = 3;
        while (from.Count < edges)
        {
            var v = nodes++;
            var k = random.NextDouble() < danglingFraction ? 0
                : (int)Math.Min(MaxOutDegree, Math.Floor(Math.Pow(1 - random.NextDouble(), -1 / (exponent - 1))));
            k = Math.Min(k, edges - from.Count);
            for (var j = 0; j < k; j++)
            {
                var target = attachment[random.Next(attachment.Count)];
                from.Add(v);
                to.Add(target);
                attachment.Add(target);
            }
            attachment.Add(v);
        }
        return CsrGraph.FromEdges(nodes, [.. from], [.. to]);
    }
}
