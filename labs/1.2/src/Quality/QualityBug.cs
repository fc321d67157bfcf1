namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>Planted bugs: each breaks one expectation's meaning, in both the DataFrame and the SQL evaluation alike,
/// so that only the seeded-defect tests, the clean dataset and the dbt comparison can catch it.</summary>
public enum QualityBug
{
    None,

    /// <summary><c>unique</c> treats nulls as equal values: two nulls become a duplicate.</summary>
    NullCountedAsDuplicate,

    /// <summary><c>between</c> excludes its bounds: a value equal to Min or Max fails.</summary>
    ExclusiveBetweenBounds,

    /// <summary><c>regex</c> searches instead of matching the whole value: "x ann@example.com y" passes.</summary>
    UnanchoredRegex,
}
