using Npgsql;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>An order asks for more of a product than is in stock (the CHECK <c>stock &gt;= 0</c> refused the decrement).</summary>
public sealed class InsufficientStockException(long productId, int requested, PostgresException cause)
    : ShopException($"Product {productId} has fewer than the {requested} ordered in stock; the order was not placed.", cause)
{
    public long ProductId { get; } = productId;
    public int Requested { get; } = requested;
}
