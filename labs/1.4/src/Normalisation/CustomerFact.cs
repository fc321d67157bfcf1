namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>A customer of the generated shop data: <c>Email</c> is the natural key.</summary>
public sealed record CustomerFact(string Email, string Name);
