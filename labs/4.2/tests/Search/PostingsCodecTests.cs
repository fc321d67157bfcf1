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
    public void A_list_cut_short_or_followed_by_extra_bytes_is_an_error()
    {
        var bytes = PostingsCodec.Encode([new Posting(3, [1, 4]), new Posting(900, [2])]);
        Assert.Throws<FormatException>(() => PostingsCodec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => PostingsCodec.Decode([.. bytes, 0]));
    }
}
