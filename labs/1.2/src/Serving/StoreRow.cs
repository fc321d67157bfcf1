namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>A store of dim_store.</summary>
public sealed record StoreRow(string StoreKey, int StoreId, string StoreName, string City, string RegionName, string Country);
