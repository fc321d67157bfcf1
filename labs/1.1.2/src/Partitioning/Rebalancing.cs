using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>What moves when a node is added: under consistent hashing, and under hash mod N.</summary>
public static class Rebalancing
{
    /// <summary>The fraction of keys whose node changes when node N+1 joins a ring of N, and whether every key that moved
    /// went to the new node (no reshuffling among the old ones).</summary>
    public static (double Moved, bool OnlyToNewNode) AddNodeToRing(IReadOnlyList<string> keys, int nodes, int virtualNodes, RingBug bug = RingBug.None)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ring = new ConsistentHashRing(virtualNodes, bug);
        for (var i = 0; i < nodes; i++) ring.AddNode($"node-{i}");
        var before = keys.Select(ring.NodeFor).ToArray();
        var newcomer = $"node-{nodes}";
        ring.AddNode(newcomer);
        var moved = 0;
        var onlyToNew = true;
        for (var k = 0; k < keys.Count; k++)
        {
            var after = ring.NodeFor(keys[k]);
            if (after == before[k]) continue;
            moved++;
            onlyToNew &= after == newcomer;
        }
        return ((double)moved / keys.Count, onlyToNew);
    }

    /// <summary>The fraction of keys whose node changes from pmod(hash, N) to pmod(hash, N+1).</summary>
    public static double AddNodeToModulo(IReadOnlyList<string> keys, int nodes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Count(k =>
        {
            var h = SparkMurmur3.HashString(k);
            return SparkMurmur3.NonNegativeMod(h, nodes) != SparkMurmur3.NonNegativeMod(h, nodes + 1);
        }) / (double)keys.Count;
    }

    /// <summary>Keys per node on a ring of N nodes with V virtual nodes each: max/mean.</summary>
    public static double RingBalance(IReadOnlyList<string> keys, int nodes, int virtualNodes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ring = new ConsistentHashRing(virtualNodes);
        for (var i = 0; i < nodes; i++) ring.AddNode($"node-{i}");
        var counts = keys.GroupBy(ring.NodeFor).Select(g => (long)g.Count()).ToList();
        while (counts.Count < nodes) counts.Add(0);
        return Dataflow.Metrics.PartitionBalance.Of(counts).MaxOverMean;
    }
}
