using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// The orders with typed columns (order_id, store_id: long; category: string; quantity: int; unit_price: double, null
/// where missing or unparsable), the rows dropped because an id or the quantity did not parse, and how many price
/// fields were present but unparsable.
/// </summary>
public sealed record ParsedOrders(DataFrame Frame, int RowsDropped, int UnparsablePrices);
