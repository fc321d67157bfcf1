namespace StatelessMind.Labs.ProbabilisticModels.Flows;

/// <summary>A maximum flow: its value, the flow on each arc (by arc index), the nodes on the source side of a minimum
/// cut (those the source still reaches in the residual network) and how many augmenting paths were used.</summary>
public sealed record MaxFlowResult(long Value, long[] ArcFlows, bool[] SourceSide, int AugmentingPaths);
