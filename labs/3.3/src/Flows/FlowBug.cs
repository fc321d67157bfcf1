namespace StatelessMind.Labs.ProbabilisticModels.Flows;

/// <summary>Planted mistakes of the flow algorithms (tests and the experiment's bug runs only).</summary>
public enum FlowBug
{
    None,

    /// <summary>Augmenting paths use only arcs with spare capacity, never the reverse of an arc carrying flow: the search
    /// cannot undo an early choice, and stops below the maximum on some networks.</summary>
    NoReverseResidualArcs,

    /// <summary>The min-cost flow is any flow of the right value (a max-flow's, costs ignored): feasible, not cheapest.</summary>
    CostsIgnored,
}
