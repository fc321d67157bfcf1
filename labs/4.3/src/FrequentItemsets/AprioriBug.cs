namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>Planted mistakes of the frequent-itemset code (tests and the experiment's bug runs only).</summary>
public enum AprioriBug
{
    None,

    /// <summary>An itemset must occur more than min-support times instead of at least: sets exactly at the threshold vanish.</summary>
    StrictSupportThreshold,

    /// <summary>Candidates are not pruned by their subsets: more candidates are counted than necessary.</summary>
    NoSubsetPruning,

    /// <summary>Lift divides the confidence by the antecedent's support instead of the consequent's.</summary>
    LiftUsesAntecedent,
}
