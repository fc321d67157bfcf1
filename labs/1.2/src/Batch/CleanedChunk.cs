using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>
/// A chunk after cleaning: the accepted rows as a typed DataFrame (columns line, event_id, customer_id,
/// event_time, product, quantity, unit_price, currency, country) and every other row, quarantined.
/// </summary>
public sealed record CleanedChunk(DataFrame Accepted, IReadOnlyList<RejectedRow> Rejected, long InputRows);
