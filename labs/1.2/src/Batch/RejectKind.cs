namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>Why a CSV row was quarantined instead of loaded.</summary>
public enum RejectKind
{
    /// <summary>The line does not split into the header's number of fields (truncated, extra commas, an open quote).</summary>
    MalformedRow,
    /// <summary>A required field is empty.</summary>
    MissingField,
    /// <summary>A field does not parse as its type (a word where a number belongs).</summary>
    WrongType,
    /// <summary>The timestamp is not a valid ISO-8601 instant (wrong format or an impossible date).</summary>
    BadDate,
    /// <summary>A value parses but is outside its allowed range (quantity ≤ 0, negative price).</summary>
    OutOfRange,
    /// <summary>The event id was already seen on an earlier line of the same file.</summary>
    Duplicate,
}
