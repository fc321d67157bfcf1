namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>Deliberate mistakes <see cref="QLearning"/> can make (tests only); <see cref="None"/> is the design.</summary>
public enum QLearningBug
{
    None,

    /// <summary>The target bootstraps from the state the agent left instead of the one it reached: r + γ max_a Q(s, a).</summary>
    TargetFromCurrentState,
}
