namespace StatelessMind.Labs.Relational.Crud.EfCore;

/// <summary>EF Core's row of table <c>category</c>.</summary>
internal sealed class CategoryRow
{
    public long CategoryId { get; set; }
    public string Name { get; set; } = "";
}
