namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>How many distinct customers and products a form of the schema can still tell about.</summary>
public sealed record ShopFacts(int Customers, int Products);
