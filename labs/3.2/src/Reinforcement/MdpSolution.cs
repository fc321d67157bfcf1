namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>Value iteration's result: the optimal state values, a greedy optimal policy, and the sweeps it took.</summary>
public sealed record MdpSolution(double[] Values, int[] Policy, int Sweeps);
