namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>The defects <see cref="OrdersDataset"/> can seed, each aimed at exactly one expectation of the orders suite.</summary>
public enum OrdersDefect
{
    /// <summary>Some customer ids set to null → <c>not_null(customer_id)</c>.</summary>
    MissingCustomer,

    /// <summary>Some rows given the order id of the next row → <c>unique(order_id)</c> (both rows fail).</summary>
    DuplicateOrderId,

    /// <summary>Some amounts negative or above the maximum → <c>between(amount)</c>.</summary>
    AmountOutOfRange,

    /// <summary>Some statuses outside the accepted set (a typo, a wrong case, an empty string) → <c>in_set(status)</c>.</summary>
    UnknownStatus,

    /// <summary>Some e-mails malformed, half of them holding a valid address inside a longer text → <c>regex(email)</c>.</summary>
    MalformedEmail,

    /// <summary>Only the first 600 rows kept → <c>row_count_between</c>.</summary>
    TooFewRows,

    /// <summary>Some shipments dated before their order → <c>column_pair(shipped_at,ordered_at)</c>.</summary>
    ShippedBeforeOrdered,

    /// <summary>Every timestamp moved ten days back → <c>freshness(ordered_at)</c>.</summary>
    Stale,

    /// <summary>Every amount multiplied by 1.6 (capped at the maximum) → <c>distribution_drift(amount)</c>.</summary>
    AmountDrift,
}
