namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// A term's positional postings list as bytes: the number of documents, then per document the gap to the previous
/// document number, the term frequency, and the gaps between successive positions — every number variable-byte coded.
/// </summary>
public static class PostingsCodec
{
    public static byte[] Encode(IReadOnlyList<Posting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var output = new List<byte>(postings.Count * 4);
        VarByte.Write(output, postings.Count);
        var previousDoc = -1;
        foreach (var posting in postings)
        {
            if (posting.Doc <= previousDoc) throw new ArgumentException($"document {posting.Doc} follows document {previousDoc}: postings must be in ascending document order", nameof(postings));
            VarByte.Write(output, posting.Doc - previousDoc - 1);
            previousDoc = posting.Doc;
            VarByte.Write(output, posting.Positions.Length);
            var previousPosition = 0;
            foreach (var position in posting.Positions)
            {
                if (position < previousPosition) throw new ArgumentException($"positions of document {posting.Doc} are not ascending", nameof(postings));
                VarByte.Write(output, position - previousPosition);
                previousPosition = position;
            }
        }
        return output.ToArray();
    }

    /// <exception cref="FormatException">The bytes end inside a number or hold more than the list.</exception>
    public static IReadOnlyList<Posting> Decode(ReadOnlySpan<byte> data)
    {
        #region Exercise 4.2-1a: decode the gaps back into document numbers and positions (tests: PostingsCodecTests, InvertedIndexTests, TfIdfRankerTests, BooleanSearchTests, IndexFileTests, LuceneAgreementTests, SearchPlantedBugTests, ExperimentTests.The_search_experiment_holds_at_small_scale)
        var offset = 0;
        var count = VarByte.Read(data, ref offset);
        var postings = new List<Posting>(count);
        var doc = -1;
        for (var i = 0; i < count; i++)
        {
            doc += VarByte.Read(data, ref offset) + 1;
            var positions = new int[VarByte.Read(data, ref offset)];
            var position = 0;
            for (var p = 0; p < positions.Length; p++)
            {
                position += VarByte.Read(data, ref offset);
                positions[p] = position;
            }
            postings.Add(new Posting(doc, positions));
        }
        if (offset != data.Length) throw new FormatException($"a postings list of {count} documents ends at offset {offset} but the data holds {data.Length} bytes");
        return postings;
        #endregion
    }
}
