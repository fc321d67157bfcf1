namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>A validated request for daily store sales: optional filters, a page size, and the keyset cursor (the last row of the previous page).</summary>
public sealed record DailySalesQuery(string? Store, int? FromDateKey, int? ToDateKey, long? MinRevenueCents, int Limit, PageCursor? After);
