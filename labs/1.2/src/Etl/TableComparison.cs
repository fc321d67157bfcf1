namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>One mart compared as a multiset of rows: the rows of each side, and the rows found on one side only (duplicates counted).</summary>
public sealed record TableComparison(string Table, long EtlRows, long EltRows, long OnlyInEtl, long OnlyInElt)
{
    public bool Equal => OnlyInEtl == 0 && OnlyInElt == 0 && EtlRows == EltRows;
}
