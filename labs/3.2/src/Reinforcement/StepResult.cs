namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>What <see cref="FrozenLakeEnv.Step"/> returns, as Gymnasium's <c>step</c>: the observation, the reward,
/// whether the episode ended in a terminal state, whether it was cut off by the time limit, and an info dictionary
/// (<c>prob</c>: the probability of the transition taken).</summary>
public sealed record StepResult(int Observation, double Reward, bool Terminated, bool Truncated, IReadOnlyDictionary<string, double> Info);
