namespace StatelessMind.Labs.Relational.Crud;

/// <summary>A stored order line; <paramref name="UnitPrice"/> is the product's price when the order was placed.</summary>
public sealed record OrderLine(int LineNo, long ProductId, int Quantity, decimal UnitPrice);
