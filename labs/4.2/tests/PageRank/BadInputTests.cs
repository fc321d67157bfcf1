using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests.PageRank;

/// <summary>Bad input is refused with a typed error before any exercise code runs.</summary>
public sealed class BadInputTests
{
    [Fact]
    [Goal("4.2-3")]
    public void Bad_edge_arrays_are_rejected_with_what_was_wrong()
    {
        Assert.Contains("outside [0, 3)", Assert.Throws<GraphShapeException>(() => CsrGraph.FromEdges(3, [0, 3], [1, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("outside", Assert.Throws<GraphShapeException>(() => CsrGraph.FromEdges(3, [0], [-1])).Message, StringComparison.Ordinal);
        Assert.Contains("2 edge sources but 1", Assert.Throws<GraphShapeException>(() => CsrGraph.FromEdges(3, [0, 1], [1])).Message, StringComparison.Ordinal);
        Assert.Throws<GraphShapeException>(() => CsrGraph.FromEdges(0, [], []));
    }

    [Fact]
    [Goal("4.2-3")]
    public void Bad_options_are_rejected()
    {
        var graph = GraphFixtures.BySorting(4, GraphFixtures.FourNodes);
        Assert.Throws<ArgumentOutOfRangeException>(() => CsrPageRank.Compute(graph, new PageRankOptions(Damping: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CsrPageRank.Compute(graph, new PageRankOptions(Tolerance: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CsrPageRank.Compute(graph, new PageRankOptions(MaxIterations: 0)));
    }

    [Theory]
    [Goal("4.2-3")]
    [InlineData("1\t2\n3\n", 2, "found 1 field")]
    [InlineData("# c\n1\t2\t3\n", 2, "found 3 field")]
    [InlineData("1\t2\nx\t2\n", 2, "\"x\" is not a node id")]
    [InlineData("1\t-2\n", 1, "\"-2\" is not a node id")]
    [InlineData("# only a comment\n", 1, "no edge")]
    public void A_bad_line_is_reported_with_the_file_and_line_number(string text, int line, string problem)
    {
        var error = Assert.Throws<EdgeListFormatException>(() => EdgeListLoader.Read(new StringReader(text), "web.txt"));
        Assert.Equal("web.txt", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"web.txt:{line}: ", error.Message, StringComparison.Ordinal);
    }
}
