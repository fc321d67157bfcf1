namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>One document of a term's postings list: the document number and the term's positions in it, ascending.</summary>
public sealed record Posting(int Doc, int[] Positions)
{
    public int Frequency => Positions.Length;
}
