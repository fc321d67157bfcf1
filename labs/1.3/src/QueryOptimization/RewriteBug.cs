namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>Planted bugs: a rewrite that is faster and wrong, which the identical-results check must catch.</summary>
public enum RewriteBug
{
    None,
    /// <summary>The OR rewrite uses UNION ALL: an order whose buyer is also its recipient comes back twice.</summary>
    UnionAllDoubleCounts,
    /// <summary>Keyset pagination on placed_at alone, which is not unique: rows sharing the boundary's timestamp are skipped.</summary>
    KeysetOnNonUniqueKey,
}
