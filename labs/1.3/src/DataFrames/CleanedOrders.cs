using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>The clean orders (no nulls, canonical categories, a revenue column) and the report of what cleaning did.</summary>
public sealed record CleanedOrders(DataFrame Frame, CleaningReport Report);
