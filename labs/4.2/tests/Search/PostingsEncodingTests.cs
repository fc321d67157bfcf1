using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class PostingsEncodingTests
{
    [Fact]
    public void Dense_postings_take_about_three_bytes_each_because_gaps_are_small()
    {
        // Every document, one position each below 128: count, then per posting gap 0, frequency 1, position — 3 bytes.
        var postings = Enumerable.Range(0, 10_000).Select(d => new Posting(d, [d % 100])).ToList();
        var bytes = PostingsCodec.Encode(postings);
        Assert.Equal(2 + 3 * 10_000, bytes.Length);
        Assert.True(bytes.Length < 4 * 3 * 10_000 / 3, "well under a third of three 32-bit ints per posting");
    }

    [Fact]
    public void Document_numbers_out_of_order_are_refused_when_encoding()
    {
        Assert.Throws<ArgumentException>(() => PostingsCodec.Encode([new Posting(5, [0]), new Posting(5, [1])]));
    }
}
