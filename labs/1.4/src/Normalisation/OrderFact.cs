namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>A generated order; <c>Customer</c> indexes <see cref="ShopDataset.Customers"/>.</summary>
public sealed record OrderFact(long OrderId, int Customer, DateTimeOffset PlacedAt, IReadOnlyList<OrderLineFact> Lines);
