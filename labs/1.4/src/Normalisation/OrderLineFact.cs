namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>One line of a generated order; <c>Product</c> indexes <see cref="ShopDataset.Products"/>.</summary>
public sealed record OrderLineFact(int LineNo, int Product, int Quantity, decimal UnitPrice);
