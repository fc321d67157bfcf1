namespace StatelessMind.Labs.Encoding.Formats;

public sealed record LineItem(string Sku, string Description, int Quantity, double UnitPrice);
