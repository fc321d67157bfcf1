using StatelessMind.Labs.DiscreteMath.Graphs;

namespace StatelessMind.Labs.DiscreteMath.Tests.Graphs;

[Goal("4.4-2")]
public sealed class DimacsGraphTests
{
    [Fact]
    public void A_dimacs_file_is_read_with_vertices_from_one()
    {
        var g = DimacsGraph.Parse(new StringReader("c a tiny road network\np sp 3 3\na 1 2 7\na 2 3 5\na 1 3 20\n"));
        Assert.Equal(3, g.VertexCount);
        Assert.Equal([0, 7, 12], ShortestPaths.Dijkstra(g, 0).Distance);
    }

    [Theory]
    [InlineData("a 1 2 3\n", 1, "problem line")]
    [InlineData("p sp 3 1\na 1 4 2\n", 2, "vertices 1 … 3")]
    [InlineData("p sp 3 1\na 1 2 x\n", 2, "finite weight")]
    [InlineData("p sp 3 2\na 1 2 1\n", 2, "2 arcs")]
    [InlineData("p sp 2 0\nq 1\n", 2, "c, p or a")]
    public void A_malformed_line_is_a_typed_error_naming_its_line(string text, int line, string expected)
    {
        var error = Assert.Throws<GraphFormatException>(() => DimacsGraph.Parse(new StringReader(text)));
        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
