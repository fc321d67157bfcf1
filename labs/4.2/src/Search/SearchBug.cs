namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>Planted bugs of the own search engine, for the tests and the experiment to catch.</summary>
public enum SearchBug
{
    None,

    /// <summary>Postings are decoded without summing the document gaps: every document after the first is wrong.</summary>
    DocGapsNotSummed,

    /// <summary>A phrase query matches every document holding all its terms, wherever they stand.</summary>
    PhraseIgnoresPositions,

    /// <summary>Scores leave out the length norm: long documents are no longer discounted.</summary>
    LengthNormIgnored,
}
