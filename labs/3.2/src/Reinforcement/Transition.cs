namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>One outcome of taking an action in a state, as Gymnasium's <c>env.P[s][a]</c> lists it:
/// (probability, next state, reward, terminated).</summary>
public sealed record Transition(double Probability, int NextState, double Reward, bool Terminated);
