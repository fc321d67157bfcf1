namespace StatelessMind.Dataflow.Shuffle;

/// <summary>How values of one key are combined: a first value becomes a combiner, later values merge into it, and
/// combiners built in different tasks merge with each other. Map-side combine is correct only when merging in any
/// grouping gives the same result (associative and commutative, as a sum or a max is; an average is not).</summary>
public sealed record Aggregator<TValue, TCombiner>(
    Func<TValue, TCombiner> CreateCombiner,
    Func<TCombiner, TValue, TCombiner> MergeValue,
    Func<TCombiner, TCombiner, TCombiner> MergeCombiners);
