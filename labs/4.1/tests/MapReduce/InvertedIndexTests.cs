using StatelessMind.Dataflow.MapReduce;
using StatelessMind.Labs.DatabaseTheory.MapReduce;

namespace StatelessMind.Labs.DatabaseTheory.Tests.MapReduce;

/// <summary>The inverted index application.</summary>
public sealed class InvertedIndexTests
{
    private static readonly MapReduceTaskInfo Task = new("map-0", MapReduceTaskKind.Map, 0, 1, 1, 1, Path.GetTempPath(), 1);

    [Fact]
    [Goal("4.1-1")]
    public void Map_names_the_document_once_per_distinct_word()
    {
        var pairs = new InvertedIndexApplication().Map("/data/pg-1.txt", "to be or not to be", Task).ToList();
        Assert.Equal(["to", "be", "or", "not"], pairs.Select(p => p.Key));
        Assert.All(pairs, p => Assert.Equal("pg-1.txt", p.Value));
    }

    [Fact]
    [Goal("4.1-1")]
    public void Reduce_lists_the_documents_sorted_with_their_count()
    {
        Assert.Equal("3 a.txt,b.txt,c.txt", new InvertedIndexApplication().Reduce("word", ["c.txt", "a.txt", "b.txt", "a.txt"], Task));
    }
}
