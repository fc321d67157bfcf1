namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// What each cleaning step did. Rows in = rows out + every dropped count; the fixed counts (prices imputed, categories
/// respelled) change values, not the number of rows.
/// </summary>
public sealed record CleaningReport(
    int RowsIn,
    int DuplicatesDropped,
    int UnparsableRowsDropped,
    int UnknownCategoriesDropped,
    int OutliersDropped,
    int CategoriesRespelled,
    int PricesImputed,
    int RowsOut)
{
    public int RowsDropped => DuplicatesDropped + UnparsableRowsDropped + UnknownCategoriesDropped + OutliersDropped;

    /// <summary>True when every input row is either in the output or counted as dropped by one step.</summary>
    public bool Balances => RowsIn == RowsOut + RowsDropped;
}
