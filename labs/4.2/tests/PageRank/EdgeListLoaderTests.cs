using StatelessMind.Labs.Retrieval.PageRank;

namespace StatelessMind.Labs.Retrieval.Tests.PageRank;

public sealed class EdgeListLoaderTests
{
    [Fact]
    [Goal("4.2-3")]
    public void A_snap_style_file_is_read_with_its_comments_and_sparse_ids()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edges-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "# Directed graph: example\n# FromNodeId\tToNodeId\n30\t7\n30\t1000000000000\n\n7  30\n1000000000000\t7\n");
        try
        {
            var loaded = EdgeListLoader.Load(path);
            Assert.Equal([30L, 7, 1_000_000_000_000], loaded.NodeIds);
            Assert.Equal(4, loaded.Graph.EdgeCount);
            Assert.Equal([2, 1, 1], loaded.Graph.OutDegree);
            Assert.Equal([(0, 1), (0, 2), (1, 0), (2, 1)], loaded.Graph.Edges().Order());
            Assert.Equal(1, CsrPageRank.Compute(loaded.Graph, PageRankOptions.Default).Ranks.Sum(), 1e-12);
        }
        finally
        {
            File.Delete(path);
        }
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
