namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>One page of daily store sales, ordered by (date key, store key); <c>next</c> is the cursor of the following page, null on the last.</summary>
public sealed record DailySalesPage(IReadOnlyList<DailySalesRow> Items, string? Next);
