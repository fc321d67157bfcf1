namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>What Q-learning learned: the action values Q[s, a], the greedy policy, each episode's return, and the steps taken.</summary>
public sealed record QLearningResult(double[,] Q, int[] Policy, double[] EpisodeReturns, long Steps)
{
    /// <summary>max_a Q(s, a) per state: the learned estimate of the optimal values.</summary>
    public double[] Values => [.. Enumerable.Range(0, Q.GetLength(0)).Select(s => Enumerable.Range(0, Q.GetLength(1)).Max(a => Q[s, a]))];
}
