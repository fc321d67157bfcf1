namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>
/// The four slow queries over <c>customers</c>/<c>orders</c> (see <see cref="ShopDatabase"/>) and their rewrites. Every
/// query returns rows in a total order (ORDER BY a unique key), so before and after can be compared row for row.
/// </summary>
public static class OptimizationCases
{
    public static IReadOnlyList<OptimizationCase> All(RewriteBug bug = RewriteBug.None) =>
        [CorrelatedSubquery(), FunctionOnIndexedColumn(), OrAcrossColumns(bug), OffsetPagination(bug)];

    public static OptimizationCase CorrelatedSubquery() => new(
        "correlated subquery", "the customer's average is recomputed by a SubPlan for every order", "aggregate once per customer, join it in",
        """
        SELECT o.id, o.customer_id, o.amount_cents
        FROM orders o
        WHERE o.amount_cents > 1.8 * (SELECT avg(i.amount_cents) FROM orders i WHERE i.customer_id = o.customer_id)
        ORDER BY o.id
        """,
        CorrelatedRewrite(), [], PlanChange.SubPlanToJoin);

    public static OptimizationCase FunctionOnIndexedColumn() => new(
        "function on an indexed column", "date_trunc(placed_at) hides the column from its B-tree", "a half-open range on the bare column",
        """
        SELECT id, customer_id, amount_cents
        FROM orders
        WHERE date_trunc('hour', placed_at) = @hour
        ORDER BY id
        """,
        RangeRewrite(), [], PlanChange.SeqScanToIndex);

    public static OptimizationCase OrAcrossColumns(RewriteBug bug = RewriteBug.None) => new(
        "OR across two columns", "no single index answers customer_id = x OR recipient_id = x", "UNION of two indexed lookups",
        """
        SELECT id, customer_id, recipient_id, amount_cents
        FROM orders
        WHERE customer_id = @customer OR recipient_id = @customer
        ORDER BY id
        """,
        bug == RewriteBug.UnionAllDoubleCounts
            ? """
              SELECT id, customer_id, recipient_id, amount_cents FROM orders WHERE customer_id = @customer
              UNION ALL
              SELECT id, customer_id, recipient_id, amount_cents FROM orders WHERE recipient_id = @customer
              ORDER BY id
              """
            : UnionRewrite(),
        ["CREATE INDEX orders_recipient_idx ON orders (recipient_id)"], PlanChange.SeqScanToIndex);

    public static OptimizationCase OffsetPagination(RewriteBug bug = RewriteBug.None) => new(
        "OFFSET pagination", "OFFSET n reads and throws away n rows", "keyset: continue after the last row's (placed_at, id)",
        """
        SELECT id, placed_at, amount_cents
        FROM orders
        ORDER BY placed_at, id
        LIMIT @page OFFSET @offset
        """,
        bug == RewriteBug.KeysetOnNonUniqueKey
            ? """
              SELECT id, placed_at, amount_cents
              FROM orders
              WHERE placed_at > @after_placed_at
              ORDER BY placed_at, id
              LIMIT @page
              """
            : KeysetRewrite(),
        // The existing B-tree on placed_at serves the seek: the row comparison becomes the index condition placed_at >= …,
        // and an Incremental Sort orders the few rows sharing a timestamp by id. Offered an extra (placed_at, id) index,
        // the planner here kept this plan, so the case adds none.
        [], PlanChange.OffsetToKeyset);

    private static string CorrelatedRewrite()
    {
        #region Exercise 1.3-3c: rewrite the correlated subquery as one aggregate per customer joined back (tests: OptimizationCaseTests.The_correlated_subquery_becomes_one_aggregate_and_a_join)
        return """
               WITH per_customer AS (
                   SELECT customer_id, avg(amount_cents) AS avg_cents
                   FROM orders
                   GROUP BY customer_id
               )
               SELECT o.id, o.customer_id, o.amount_cents
               FROM orders o
               JOIN per_customer p ON p.customer_id = o.customer_id
               WHERE o.amount_cents > 1.8 * p.avg_cents
               ORDER BY o.id
               """;
        #endregion
    }

    private static string RangeRewrite()
    {
        #region Exercise 1.3-3d: rewrite date_trunc on the column as a half-open range the B-tree can use (tests: OptimizationCaseTests.The_function_on_the_column_becomes_a_range_the_index_answers)
        return """
               SELECT id, customer_id, amount_cents
               FROM orders
               WHERE placed_at >= @hour AND placed_at < @hour + interval '1 hour'
               ORDER BY id
               """;
        #endregion
    }

    private static string UnionRewrite()
    {
        #region Exercise 1.3-3e: rewrite the OR as a UNION of two lookups, each with its own index (tests: OptimizationCaseTests.The_or_becomes_a_union_of_two_index_lookups)
        return """
               SELECT id, customer_id, recipient_id, amount_cents FROM orders WHERE customer_id = @customer
               UNION
               SELECT id, customer_id, recipient_id, amount_cents FROM orders WHERE recipient_id = @customer
               ORDER BY id
               """;
        #endregion
    }

    private static string KeysetRewrite()
    {
        #region Exercise 1.3-3f: rewrite OFFSET paging as a keyset seek on the unique key (placed_at, id) (tests: OptimizationCaseTests.Offset_paging_becomes_a_keyset_seek)
        return """
               SELECT id, placed_at, amount_cents
               FROM orders
               WHERE (placed_at, id) > (@after_placed_at, @after_id)
               ORDER BY placed_at, id
               LIMIT @page
               """;
        #endregion
    }
}
