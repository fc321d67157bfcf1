namespace StatelessMind.Labs.DatabaseTheory.CapPaper;

/// <summary>A figure the paper cites, written <c>`figure name` [goal-id]</c>, with the line it is on.</summary>
public sealed record FigureCitation(string GoalId, string FigureName, int Line);
