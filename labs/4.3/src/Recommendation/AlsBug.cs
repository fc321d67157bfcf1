namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>Planted mistakes of ALS (tests and the experiment's bug runs only).</summary>
public enum AlsBug
{
    None,

    /// <summary>The least-squares update ignores λ: with few ratings per user it fits the noise.</summary>
    NoRegularization,

    /// <summary>Factor blocks are never sent to the last destination block: its users are solved without their items.</summary>
    RoutingSkipsLastBlock,
}
