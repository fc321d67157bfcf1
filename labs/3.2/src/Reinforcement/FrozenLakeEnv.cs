namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>
/// FrozenLake with Gymnasium's API semantics. <see cref="Reset"/> returns the start observation and info
/// (<c>prob</c> = 1); <see cref="Step"/> returns (observation, reward, terminated, truncated, info). Actions: 0 left,
/// 1 down, 2 right, 3 up; moving into a wall stays put. Slippery ice: the intended direction and each of the two
/// perpendicular ones with probability 1/3 each. Reaching G gives reward 1; H and G end the episode (terminated); the
/// time limit (100 steps on 4×4, 200 on 8×8, as Gymnasium registers them) ends it as truncated. The full model is
/// <see cref="Transitions"/>, <c>env.P</c>: the same table <see cref="Step"/> samples from.
/// </summary>
public sealed class FrozenLakeEnv
{
    public const int Left = 0, Down = 1, Right = 2, Up = 3, ActionCount = 4;
    private Random _random;
    private int _state;
    private int _elapsed;
    private bool _needsReset = true;

    public FrozenLakeEnv(FrozenLakeMap map, bool isSlippery, int? maxEpisodeSteps = null, int seed = 0)
    {
        Map = map;
        IsSlippery = isSlippery;
        MaxEpisodeSteps = maxEpisodeSteps ?? (map.StateCount <= 16 ? 100 : 200);
        _random = new Random(seed);
        Transitions = BuildTransitions(map, isSlippery);
    }

    public FrozenLakeMap Map { get; }
    public bool IsSlippery { get; }
    public int MaxEpisodeSteps { get; }
    public int StateCount => Map.StateCount;

    /// <summary><c>P[s][a]</c>: the outcomes of action a in state s. A terminal state's every action stays there, reward 0.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<Transition>>> Transitions { get; }

    /// <summary>Starts an episode; a seed re-seeds the environment's random source (as <c>reset(seed=…)</c>).</summary>
    public (int Observation, IReadOnlyDictionary<string, double> Info) Reset(int? seed = null)
    {
        if (seed is { } s) _random = new Random(s);
        _state = Map.Start;
        _elapsed = 0;
        _needsReset = false;
        return (_state, new Dictionary<string, double> { ["prob"] = 1.0 });
    }

    public StepResult Step(int action)
    {
        if (action is < 0 or >= ActionCount) throw new ArgumentOutOfRangeException(nameof(action), action, "FrozenLake's actions are 0 (left), 1 (down), 2 (right), 3 (up).");
        if (_needsReset) throw new InvalidOperationException("The episode has ended (or never started): call Reset before Step.");
        var outcomes = Transitions[_state][action];
        // Categorical sample over the listed outcomes, as Gymnasium's categorical_sample (cumulative sum, first above a uniform draw).
        var u = _random.NextDouble();
        var chosen = outcomes[^1];
        var cumulative = 0.0;
        foreach (var t in outcomes)
        {
            cumulative += t.Probability;
            if (u < cumulative)
            {
                chosen = t;
                break;
            }
        }
        _state = chosen.NextState;
        _elapsed++;
        var truncated = !chosen.Terminated && _elapsed >= MaxEpisodeSteps;
        _needsReset = chosen.Terminated || truncated;
        return new StepResult(_state, chosen.Reward, chosen.Terminated, truncated, new Dictionary<string, double> { ["prob"] = chosen.Probability });
    }

    private static IReadOnlyList<IReadOnlyList<IReadOnlyList<Transition>>> BuildTransitions(FrozenLakeMap map, bool slippery)
    {
        #region Exercise 3.2-4a: the model P, each state and action's outcomes with their probabilities, rewards and terminal flags, slippery or not (tests: FrozenLakeTransitionTests)
        var table = new List<IReadOnlyList<IReadOnlyList<Transition>>>();
        for (var s = 0; s < map.StateCount; s++)
        {
            var perAction = new List<IReadOnlyList<Transition>>();
            for (var a = 0; a < ActionCount; a++)
            {
                if (map.IsTerminal(s))
                {
                    perAction.Add([new Transition(1.0, s, 0, true)]);
                    continue;
                }
                int[] directions = slippery ? [(a + 3) % 4, a, (a + 1) % 4] : [a];
                perAction.Add([.. directions.Select(d =>
                {
                    var next = Move(map, s, d);
                    return new Transition(1.0 / directions.Length, next, map.At(next) == 'G' ? 1 : 0, map.IsTerminal(next));
                })]);
            }
            table.Add(perAction);
        }
        return table;
        #endregion
    }

    private static int Move(FrozenLakeMap map, int state, int direction)
    {
        var (row, column) = (state / map.ColumnCount, state % map.ColumnCount);
        switch (direction)
        {
            case Left: column = Math.Max(column - 1, 0); break;
            case Down: row = Math.Min(row + 1, map.RowCount - 1); break;
            case Right: column = Math.Min(column + 1, map.ColumnCount - 1); break;
            default: row = Math.Max(row - 1, 0); break;
        }
        return row * map.ColumnCount + column;
    }
}
