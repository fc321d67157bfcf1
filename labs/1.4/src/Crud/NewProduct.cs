namespace StatelessMind.Labs.Relational.Crud;

/// <summary>What it takes to add a product.</summary>
public sealed record NewProduct(string Sku, string Name, long CategoryId, decimal UnitPrice, int Stock);
