namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>Planted bugs of the cleaning pipeline; each is caught by a test that compares with an independent computation.</summary>
public enum CleaningBug
{
    None,

    /// <summary>Imputes a missing price with a mean that counts the missing prices as 0 (sum over known ÷ all rows).</summary>
    MeanCountsMissingAsZero,

    /// <summary>Joins orders to stores with an inner join: orders of stores not in the stores table disappear.</summary>
    JoinDropsUnmatchedKeys,
}
