namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>One cleaned sale, as loaded into <c>sales_events</c>.</summary>
public sealed record SaleRow(long EventId, long CustomerId, DateTime EventTime, string Product, int Quantity, decimal UnitPrice, string Currency, string Country, string SourceFile, long SourceLine);
