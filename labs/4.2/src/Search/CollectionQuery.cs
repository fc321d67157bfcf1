namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>A query of a test collection: its id (.I) and its text (.W).</summary>
public sealed record CollectionQuery(string Id, string Text);
