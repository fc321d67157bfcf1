using System.Text;

namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>
/// Consistent hashing with virtual nodes: each node owns many points on a 64-bit ring; a key's
/// preference list is the first N distinct nodes met walking clockwise from the key's hash, and the
/// nodes after them are its fallbacks (where a sloppy quorum sends writes meant for a failed node).
/// </summary>
public sealed class HashRing
{
    private readonly (ulong Point, int Node)[] _points;

    public HashRing(int nodes, int virtualNodes)
    {
        _points = Enumerable.Range(0, nodes)
            .SelectMany(n => Enumerable.Range(0, virtualNodes).Select(v => (Hash($"node-{n}#{v}"), n)))
            .OrderBy(p => p.Item1).ToArray();
        Nodes = nodes;
    }

    public int Nodes { get; }

    /// <summary>Every node once, in ring order starting at the key: the first N are its preference list.</summary>
    public IReadOnlyList<int> Walk(string key)
    {
        var h = Hash(key);
        var start = Array.BinarySearch(_points, (h, int.MinValue), Comparer<(ulong, int)>.Create((a, b) => a.Item1.CompareTo(b.Item1)));
        if (start < 0) start = ~start;
        var order = new List<int>(Nodes);
        for (var i = 0; i < _points.Length && order.Count < Nodes; i++)
        {
            var node = _points[(start + i) % _points.Length].Node;
            if (!order.Contains(node)) order.Add(node);
        }
        return order;
    }

    /// <summary>FNV-1a over UTF-8, mixed: stable across runs and platforms.</summary>
    public static ulong Hash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(s)) h = (h ^ b) * 1099511628211UL;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        return h ^ (h >> 33);
    }
}
