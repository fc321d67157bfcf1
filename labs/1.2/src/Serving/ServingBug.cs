namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>Planted bugs in the serving layer, each caught by a test and by the experiment.</summary>
public enum ServingBug
{
    None,

    /// <summary>The next page starts after the last row's date only (<c>date_key &gt; @d</c>), not after the (date, store) pair: rows sharing that date are skipped.</summary>
    KeysetSkipsTies,

    /// <summary>The ETag is a hash of the request's path and query, so it stays the same when the data under it changes.</summary>
    EtagFromQuery,

    /// <summary>The stores' region filter is pasted into the SQL text instead of being sent as a parameter.</summary>
    ConcatenatedFilter,
}
