namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>The operational tables as the ETL extracts them into memory (the dbt project's sources), plus the regions seed.</summary>
public sealed record OperationalSnapshot(
    IReadOnlyList<(int Id, string FullName, string Email, string Segment)> Customers,
    IReadOnlyList<(int CustomerId, string Type, string City)> Addresses,
    IReadOnlyList<(int Id, string Sku, string Name, string Category, string Department, long ListPriceCents)> Products,
    IReadOnlyList<(int Id, string Name, string City, string RegionCode)> Stores,
    IReadOnlyList<(int Id, int CustomerId, int StoreId, DateTime OrderedAt)> Orders,
    IReadOnlyList<(int OrderId, int LineNumber, int ProductId, int Quantity, long UnitPriceCents)> Lines,
    IReadOnlyList<(string Code, string Name, string Country)> Regions)
{
    public long SourceRows => Customers.Count + Addresses.Count + Products.Count + Stores.Count + Orders.Count + Lines.Count + Regions.Count;
}
