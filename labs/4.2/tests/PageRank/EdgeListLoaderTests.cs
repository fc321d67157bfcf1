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
}
