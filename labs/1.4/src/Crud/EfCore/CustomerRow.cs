namespace StatelessMind.Labs.Relational.Crud.EfCore;

/// <summary>EF Core's row of table <c>customer</c>.</summary>
internal sealed class CustomerRow
{
    public long CustomerId { get; set; }
    public string Email { get; set; } = "";
    public string FullName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
