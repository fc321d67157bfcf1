namespace StatelessMind.Labs.MassiveData.NearDuplicates;

/// <summary>A planted mistake of MinHash LSH (tests and the experiment's bug run only).</summary>
public enum MinHashBug
{
    None,

    /// <summary>Every band uses the same r hash functions: the bands are copies of one another, so a pair becomes a
    /// candidate with probability s^r instead of 1 − (1 − s^r)^b.</summary>
    SameHashesInEveryBand,
}
