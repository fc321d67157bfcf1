namespace StatelessMind.Labs.DatabaseTheory.MapReduce;

/// <summary>A planted mistake of the word count (tests and the experiment's bug run only).</summary>
public enum WordCountBug
{
    None,

    /// <summary>Reduce counts its values instead of adding them up. Right without a combiner (every value is a 1),
    /// wrong with one: a combined value already stands for many words. The classic example of a reduce that is not
    /// safe to use as a combiner.</summary>
    ReduceCountsValues,
}
