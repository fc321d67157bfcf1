namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>A product of the generated shop data: <c>Sku</c> is the natural key.</summary>
public sealed record ProductFact(string Sku, string Name, string Category, decimal ListPrice);
