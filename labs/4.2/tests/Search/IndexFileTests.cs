using System.Buffers.Binary;
using System.IO.Hashing;
using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class IndexFileTests
{
    private static readonly InvertedIndex Index = InvertedIndex.Build(SearchFixtures.Plain(SearchFixtures.Small));

    private static IndexFormatException Damaged(byte[] bytes) => Assert.Throws<IndexFormatException>(() => IndexFile.FromBytes(bytes, "test.smix"));

    [Fact]
    public void An_index_written_to_a_file_reads_back_with_the_same_postings_names_and_lengths()
    {
        var path = Path.Combine(Path.GetTempPath(), $"index-{Guid.NewGuid():N}.smix");
        try
        {
            IndexFile.Write(Index, path);
            var read = IndexFile.Read(path);
            Assert.Equal(Index.DocumentNames, read.DocumentNames);
            Assert.Equal(Index.Terms, read.Terms);
            Assert.Equal(Enumerable.Range(0, Index.DocumentCount).Select(Index.Length), Enumerable.Range(0, read.DocumentCount).Select(read.Length));
            foreach (var term in Index.Terms)
            {
                Assert.Equal(Index.DocumentFrequency(term), read.DocumentFrequency(term));
                Assert.Equal(Index.Postings(term).Select(p => (p.Doc, string.Join(",", p.Positions))), read.Postings(term).Select(p => (p.Doc, string.Join(",", p.Positions))));
            }
            Assert.Equal(TfIdfRanker.Search(Index, ["postings", "terms"], 5), TfIdfRanker.Search(read, ["postings", "terms"], 5));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Every_single_flipped_byte_is_detected()
    {
        var bytes = IndexFile.ToBytes(Index);
        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0x01;
            var error = Damaged(copy);
            Assert.Equal("test.smix", error.File);
            Assert.Contains(error.Problem, new[] { IndexFileProblem.ChecksumMismatch, IndexFileProblem.NotAnIndex, IndexFileProblem.UnsupportedVersion, IndexFileProblem.Truncated, IndexFileProblem.TrailingBytes });
        }
        var body = (byte[])bytes.Clone();
        body[bytes.Length / 2] ^= 0x40;
        Assert.Equal(IndexFileProblem.ChecksumMismatch, Damaged(body).Problem);
    }

    [Fact]
    public void A_truncated_file_says_truncated_and_how_long_it_should_be()
    {
        var bytes = IndexFile.ToBytes(Index);
        foreach (var length in new[] { 0, 3, 7, bytes.Length / 2, bytes.Length - 1 })
        {
            var error = Damaged(bytes[..length]);
            Assert.Equal(IndexFileProblem.Truncated, error.Problem);
        }
        Assert.Contains($"announces {bytes.Length} bytes", Damaged(bytes[..(bytes.Length - 1)]).Message);
        Assert.Equal(IndexFileProblem.TrailingBytes, Damaged([.. bytes, 0]).Problem);
    }

    [Fact]
    public void A_foreign_file_or_another_version_is_named_as_such()
    {
        var bytes = IndexFile.ToBytes(Index);
        var foreign = (byte[])bytes.Clone();
        foreign[0] = (byte)'X';
        Assert.Equal(IndexFileProblem.NotAnIndex, Damaged(foreign).Problem);
        var version = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(version.AsSpan(4), 9);
        var error = Damaged(version);
        Assert.Equal(IndexFileProblem.UnsupportedVersion, error.Problem);
        Assert.Equal(4, error.Offset);
    }

    [Fact]
    public void A_body_that_does_not_parse_under_a_valid_checksum_is_malformed()
    {
        var bytes = IndexFile.ToBytes(Index);
        bytes[10] = 0xFF; // the document count's first byte now says "more bytes follow" and the count becomes huge
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)));
        Assert.Equal(IndexFileProblem.Malformed, Damaged(bytes).Problem);
    }
}
