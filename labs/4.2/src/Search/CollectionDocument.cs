namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>A document of a test collection: its id (.I) and its fields .T (title), .A (authors), .B (source), .W (text).</summary>
public sealed record CollectionDocument(string Id, string Title, string Authors, string Source, string Text)
{
    /// <summary>What is indexed: the title followed by the text.</summary>
    public string Indexed => string.IsNullOrEmpty(Title) ? Text : $"{Title}\n{Text}";
}
