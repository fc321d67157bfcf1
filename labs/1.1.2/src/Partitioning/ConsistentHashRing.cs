using System.IO.Hashing;
using System.Text;

namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>
/// Consistent hashing with virtual nodes (Karger et al.; Dynamo): every node owns V points on a 64-bit ring
/// (XxHash64 of "node#i"), and a key belongs to the first point clockwise from the key's own hash. Adding a node
/// takes over only the arcs just before its new points, about 1/(N+1) of the keys, all from other nodes to it;
/// more virtual nodes per node make the arcs, and so the load, more even.
/// </summary>
public sealed class ConsistentHashRing
{
    private readonly int _virtualNodes;
    private readonly RingBug _bug;
    private readonly List<string> _nodes = [];
    private ulong[] _positions = [];
    private string[] _owners = [];

    public ConsistentHashRing(int virtualNodes, RingBug bug = RingBug.None)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodes, 1);
        _virtualNodes = virtualNodes;
        _bug = bug;
    }

    public IReadOnlyList<string> Nodes => _nodes;

    public int VirtualNodes => _virtualNodes;

    public static ulong Hash(string text) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

    public void AddNode(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (_nodes.Contains(node)) throw new ArgumentException($"Node '{node}' is already on the ring.", nameof(node));
        _nodes.Add(node);
        Rebuild();
    }

    public void RemoveNode(string node)
    {
        if (!_nodes.Remove(node)) throw new ArgumentException($"Node '{node}' is not on the ring.", nameof(node));
        Rebuild();
    }

    /// <summary>The node that owns <paramref name="key"/>.</summary>
    public string NodeFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_positions.Length == 0) throw new InvalidOperationException("The ring has no nodes.");
        #region Exercise 1.1.2-3d: the owner of the first ring point at or after the key's hash, wrapping past the top (tests: ConsistentHashRingTests)
        var h = Hash(key);
        var i = Array.BinarySearch(_positions, h);
        if (i < 0) i = ~i;
        return _owners[i == _positions.Length ? 0 : i];
        #endregion
    }

    /// <summary>The positions of one node's virtual nodes.</summary>
    internal IEnumerable<ulong> PointsOf(string node)
    {
        var salt = _bug == RingBug.PositionsDependOnNodeCount ? $"/{_nodes.Count}" : "";
        #region Exercise 1.1.2-3e: V points per node, each the hash of the node's name and the point's number (tests: ConsistentHashRingTests)
        for (var i = 0; i < _virtualNodes; i++) yield return Hash($"{node}#{i}{salt}");
        #endregion
    }

    private void Rebuild()
    {
        var points = _nodes.SelectMany(n => PointsOf(n).Select(p => (Position: p, Node: n)))
            .OrderBy(p => p.Position).ThenBy(p => p.Node, StringComparer.Ordinal).ToArray();
        _positions = [.. points.Select(p => p.Position)];
        _owners = [.. points.Select(p => p.Node)];
    }
}
