namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>One row of the daily store sales mart as the API serves it, with the store's name from its dimension.</summary>
public sealed record DailySalesRow(string StoreKey, string? StoreName, int DateKey, long LineCount, long Units, decimal RevenueCents);
