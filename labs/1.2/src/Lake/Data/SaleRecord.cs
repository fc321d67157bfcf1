namespace StatelessMind.Labs.Lifecycle.Lake.Data;

/// <summary>One sale: the dataset that travels lake → lakehouse → warehouse. Amounts in cents, so checksums are exact.</summary>
public sealed record SaleRecord(long Id, int CustomerId, DateOnly Day, string Product, int Quantity, long AmountCents);
