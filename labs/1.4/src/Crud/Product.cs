namespace StatelessMind.Labs.Relational.Crud;

/// <summary>
/// A stored product (table <c>product</c>). <paramref name="Version"/> is the row's <c>xmin</c> (the id of the
/// transaction that last wrote it): an update or delete names the version it read and fails with
/// <see cref="ConcurrencyConflictException"/> if the row has been written since (optimistic concurrency).
/// </summary>
public sealed record Product(long Id, string Sku, string Name, long CategoryId, decimal UnitPrice, int Stock, uint Version);
