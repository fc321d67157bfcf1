namespace StatelessMind.Labs.DiscreteMath.Combinatorics;

/// <summary>A playing card: rank 0 … ranks − 1, suit 0 … 3.</summary>
public sealed record Card(int Rank, int Suit);
