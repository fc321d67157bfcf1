namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// One check of an expectation suite, in the spirit of Great Expectations. Row-level expectations name the rows that
/// break them; table-level ones (row count, freshness, drift) report one observed value.
/// </summary>
public abstract record Expectation
{
    /// <summary>The suite's name for the check, as in the JSON (<c>not_null</c>, <c>between</c> …).</summary>
    public abstract string Type { get; }

    /// <summary>True when the check judges individual rows (and so can name which rows fail).</summary>
    public abstract bool IsRowLevel { get; }

    /// <summary>A stable identity within a suite: type and columns, e.g. <c>between(amount)</c>.</summary>
    public abstract string Key { get; }

    /// <summary>The rule in words, for reports.</summary>
    public abstract string Describe();
}
