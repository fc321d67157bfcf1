namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>
/// Tabular Q-learning (Watkins), model-free: the agent only calls <see cref="FrozenLakeEnv.Reset"/> and
/// <see cref="FrozenLakeEnv.Step"/>, acts ε-greedily, and after every step moves Q(s, a) toward the target
/// r + γ max_a' Q(s', a') — without bootstrapping past a terminal state, and with bootstrapping past a truncation (the
/// time limit is not part of the state).
/// </summary>
public static class QLearning
{
    public static QLearningResult Train(FrozenLakeEnv env, QLearningOptions options, QLearningBug bug = QLearningBug.None)
    {
        var q = new double[env.StateCount, FrozenLakeEnv.ActionCount];
        var random = new Random(options.Seed);
        var returns = new double[options.Episodes];
        long steps = 0;
        for (var episode = 0; episode < options.Episodes; episode++)
        {
            var (state, _) = env.Reset(seed: episode == 0 ? options.Seed : null);
            var epsilon = options.Epsilon(episode);
            while (true)
            {
                var action = random.NextDouble() < epsilon ? random.Next(FrozenLakeEnv.ActionCount) : GreedyAction(q, state, random);
                var step = env.Step(action);
                steps++;
                var bootstrapFrom = bug == QLearningBug.TargetFromCurrentState ? state : step.Observation;
                Update(q, state, action, step.Reward, bootstrapFrom, step.Terminated, options.Alpha, options.Gamma);
                returns[episode] += step.Reward;
                state = step.Observation;
                if (step.Terminated || step.Truncated) break;
            }
        }
        var policy = Enumerable.Range(0, env.StateCount).Select(s => Argmax(q, s)).ToArray();
        return new QLearningResult(q, policy, returns, steps);
    }

    /// <summary>One Q-learning update of Q(s, a) toward r + γ max_a' Q(s', a'), or toward r alone when s' is terminal.</summary>
    internal static void Update(double[,] q, int state, int action, double reward, int nextState, bool terminated, double alpha, double gamma)
    {
        #region Exercise 3.2-4d: the Q-learning update: move Q(s, a) by alpha toward the reward plus the discounted best next value, with no bootstrap after a terminal step (tests: QLearningUpdateTests)
        var target = reward;
        if (!terminated)
        {
            var best = double.NegativeInfinity;
            for (var a = 0; a < q.GetLength(1); a++) best = Math.Max(best, q[nextState, a]);
            target += gamma * best;
        }
        q[state, action] += alpha * (target - q[state, action]);
        #endregion
    }

    /// <summary>The greedy action, ties broken at random (so an all-zero row does not always pick action 0).</summary>
    private static int GreedyAction(double[,] q, int state, Random random)
    {
        var best = double.NegativeInfinity;
        Span<int> ties = stackalloc int[FrozenLakeEnv.ActionCount];
        var count = 0;
        for (var a = 0; a < q.GetLength(1); a++)
        {
            if (q[state, a] > best) { best = q[state, a]; count = 0; }
            if (q[state, a] == best) ties[count++] = a;
        }
        return ties[random.Next(count)];
    }

    private static int Argmax(double[,] q, int state)
    {
        var best = 0;
        for (var a = 1; a < q.GetLength(1); a++)
            if (q[state, a] > q[state, best]) best = a;
        return best;
    }
}
