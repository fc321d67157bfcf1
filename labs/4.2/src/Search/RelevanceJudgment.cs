namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>One line of a qrels file: the grade a judge gave a document for a query (0 = not relevant), and the line it was read from.</summary>
public sealed record RelevanceJudgment(string QueryId, string DocumentId, int Grade, int Line = 0);
