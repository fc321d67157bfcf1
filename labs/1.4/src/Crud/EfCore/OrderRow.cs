namespace StatelessMind.Labs.Relational.Crud.EfCore;

/// <summary>EF Core's row of table <c>purchase_order</c>, with its lines.</summary>
internal sealed class OrderRow
{
    public long OrderId { get; set; }
    public long CustomerId { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public List<OrderLineRow> Lines { get; } = [];
}
