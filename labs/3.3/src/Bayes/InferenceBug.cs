namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>Planted mistakes of the Bayesian-network code (tests and the experiment's bug runs only).</summary>
public enum InferenceBug
{
    None,

    /// <summary>Evidence is applied to the evidence variable's own CPD only, not to the CPDs where it is a parent:
    /// those factors then sum over every value of an observed variable.</summary>
    EvidenceOnlyInOwnCpd,

    /// <summary>A v-structure is treated like a chain: observing the collider (or a descendant) is taken to block the
    /// trail instead of opening it, so "explaining away" is missed.</summary>
    CollidersNeverOpen,
}
