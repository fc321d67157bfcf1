using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>A generated orders dataset, the defect seeded into it (null for a clean one), the expectation that defect
/// targets, and the keys (row_id) of the rows it touched (empty for a table-level defect).</summary>
public sealed record SeededDataset(DataFrame Frame, OrdersDefect? Defect, string? TargetExpectation, IReadOnlyList<long> DefectiveKeys);
