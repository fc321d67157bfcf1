namespace StatelessMind.Labs.Relational.Crud.EfCore;

/// <summary>EF Core's row of table <c>order_line</c>.</summary>
internal sealed class OrderLineRow
{
    public long OrderId { get; set; }
    public int LineNo { get; set; }
    public long ProductId { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
}
