namespace StatelessMind.Labs.Relational.Crud.EfCore;

/// <summary>EF Core's row of table <c>product</c>; <see cref="Version"/> is the system column xmin.</summary>
internal sealed class ProductRow
{
    public long ProductId { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public long CategoryId { get; set; }
    public decimal UnitPrice { get; set; }
    public int Stock { get; set; }
    public uint Version { get; set; }
}
