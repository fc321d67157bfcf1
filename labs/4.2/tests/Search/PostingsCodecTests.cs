using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class PostingsCodecTests
{
    [Fact]
    public void Postings_with_positions_read_back_exactly()
    {
        var random = new Random(7);
        var postings = new List<Posting>();
        var doc = 0;
        for (var i = 0; i < 500; i++)
        {
            doc += random.Next(1, 300);
            var position = 0;
            postings.Add(new Posting(doc, Enumerable.Range(0, random.Next(1, 8)).Select(_ => position += random.Next(0, 50)).ToArray()));
        }
        var decoded = PostingsCodec.Decode(PostingsCodec.Encode(postings));
        Assert.Equal(postings.Count, decoded.Count);
        for (var i = 0; i < postings.Count; i++)
        {
            Assert.Equal(postings[i].Doc, decoded[i].Doc);
            Assert.Equal(postings[i].Positions, decoded[i].Positions);
        }
    }

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

    [Fact]
    public void A_list_cut_short_or_followed_by_extra_bytes_is_an_error()
    {
        var bytes = PostingsCodec.Encode([new Posting(3, [1, 4]), new Posting(900, [2])]);
        Assert.Throws<FormatException>(() => PostingsCodec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => PostingsCodec.Decode([.. bytes, 0]));
    }
}
