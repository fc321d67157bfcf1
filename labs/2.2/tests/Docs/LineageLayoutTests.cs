using StatelessMind.Labs.Transformation.Docs;

namespace StatelessMind.Labs.Transformation.Tests.Docs;

[Goal("2.2-1")]
public sealed class LineageLayoutTests
{
    private static (List<(string, string, string)> Nodes, List<(string, string)> Edges) RandomDag(int seed, int count)
    {
        var random = new Random(seed);
        var nodes = Enumerable.Range(0, count).Select(i => ($"model.p.n{i}", $"node_{i}_{new string('x', random.Next(0, 20))}", i < 3 ? "source" : "model")).ToList();
        var edges = new List<(string, string)>();
        for (var i = 3; i < count; i++)
            foreach (var p in Enumerable.Range(0, i).OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                edges.Add((nodes[p].Item1, nodes[i].Item1));
        return (nodes, edges);
    }

    private static bool Overlap(LineageBox a, LineageBox b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    [Theory]
    [InlineData(1, 12)]
    [InlineData(2, 40)]
    [InlineData(3, 80)]
    public void No_two_boxes_overlap_every_edge_goes_rightwards_and_the_drawing_holds_every_box(int seed, int count)
    {
        var (nodes, edges) = RandomDag(seed, count);
        var layout = LineageLayout.Compute(nodes, edges);
        Assert.Equal(count, layout.Boxes.Count);
        for (var i = 0; i < layout.Boxes.Count; i++)
            for (var j = i + 1; j < layout.Boxes.Count; j++)
                Assert.False(Overlap(layout.Boxes[i], layout.Boxes[j]), $"{layout.Boxes[i].Id} overlaps {layout.Boxes[j].Id}");
        var box = layout.Boxes.ToDictionary(b => b.Id);
        Assert.All(edges, e => Assert.True(box[e.Item1].Layer < box[e.Item2].Layer && box[e.Item1].X + box[e.Item1].Width < box[e.Item2].X));
        Assert.All(layout.Boxes, b => Assert.True(b.X + b.Width <= layout.Width && b.Y + b.Height <= layout.Height && b.Width >= b.Name.Length * LineageLayout.CharWidth));
        Assert.All(layout.Boxes.Where(b => b.Layer > 0), b => Assert.Contains(edges, e => e.Item2 == b.Id && box[e.Item1].Layer == b.Layer - 1)); // the longest path
    }

    [Fact]
    public void Children_are_ordered_by_their_parents_rows_so_that_a_chain_stays_on_one_row()
    {
        // Two chains a -> b and z -> y; by name alone y would sit above b and the edges would cross.
        var layout = LineageLayout.Compute([("a", "a", "source"), ("z", "z", "source"), ("b", "y_first_by_name", "model"), ("y", "b_second_by_name", "model")],
            [("a", "b"), ("z", "y")]);
        var box = layout.Boxes.ToDictionary(b => b.Id);
        Assert.Equal(box["a"].Y, box["b"].Y);
        Assert.Equal(box["z"].Y, box["y"].Y);
    }
}
