using StatelessMind.Labs.Scalability.Partitioning;

namespace StatelessMind.Labs.Scalability.Tests.Partitioning;

/// <summary>Exercises 1.1.2-3d and 1.1.2-3e.</summary>
public sealed class ConsistentHashRingTests
{
    private static readonly List<string> Keys = [.. Enumerable.Range(0, 20_000).Select(i => $"key-{i}")];

    [Fact]
    [Goal("1.1.2-3")]
    public void A_key_belongs_to_the_first_point_clockwise_wrapping_past_the_top()
    {
        var ring = new ConsistentHashRing(1);
        ring.AddNode("a");
        ring.AddNode("b");
        var a = ConsistentHashRing.Hash("a#0");
        var b = ConsistentHashRing.Hash("b#0");
        var (low, high) = a < b ? ("a", "b") : ("b", "a");
        var (lowPoint, highPoint) = (Math.Min(a, b), Math.Max(a, b));
        foreach (var key in Keys.Take(500))
        {
            var h = ConsistentHashRing.Hash(key);
            var expected = h <= lowPoint || h > highPoint ? low : high;
            Assert.Equal(expected, ring.NodeFor(key));
        }
    }

    [Theory]
    [Goal("1.1.2-3")]
    [InlineData(3)]
    [InlineData(9)]
    public void Adding_a_node_moves_about_one_in_n_plus_one_keys_all_to_the_new_node(int nodes)
    {
        var (moved, onlyToNew) = Rebalancing.AddNodeToRing(Keys, nodes, 200);
        Assert.True(onlyToNew);
        Assert.InRange(moved, 0.7 / (nodes + 1), 1.3 / (nodes + 1));
        Assert.InRange(Rebalancing.AddNodeToModulo(Keys, nodes), 0.9 * nodes / (nodes + 1), 1.1 * nodes / (nodes + 1));
    }

    [Fact]
    [Goal("1.1.2-3")]
    public void Planted_bug_positions_depending_on_the_node_count_moves_nearly_everything()
    {
        var (moved, onlyToNew) = Rebalancing.AddNodeToRing(Keys, 8, 200, RingBug.PositionsDependOnNodeCount);
        Assert.True(moved > 0.5, $"moved {moved:P1}");
        Assert.False(onlyToNew);
    }

    [Fact]
    [Goal("1.1.2-3")]
    public void More_virtual_nodes_even_out_the_load_and_bad_membership_changes_are_refused()
    {
        Assert.True(Rebalancing.RingBalance(Keys, 8, 200) < Rebalancing.RingBalance(Keys, 8, 1));
        var ring = new ConsistentHashRing(10);
        ring.AddNode("x");
        Assert.Throws<ArgumentException>(() => ring.AddNode("x"));
        Assert.Throws<ArgumentException>(() => ring.RemoveNode("y"));
        ring.RemoveNode("x");
        Assert.Throws<InvalidOperationException>(() => ring.NodeFor("k"));
    }
}
