namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>
/// Planning on the known model <c>P</c> (the reference Q-learning is measured against): value iteration for the optimal
/// discounted values and policy, and exact finite-horizon evaluation of a policy's success probability — the chance of
/// reaching the goal before the time limit, which is what a success rate over episodes estimates.
/// </summary>
public static class MdpSolver
{
    /// <summary>Bellman optimality backups V(s) ← max_a Σ p (r + γ V(s') [not terminal]) until no value moves by more
    /// than <paramref name="tolerance"/>; the policy is greedy in the final values (the lowest action on a tie).</summary>
    public static MdpSolution ValueIteration(IReadOnlyList<IReadOnlyList<IReadOnlyList<Transition>>> p, double gamma, double tolerance = 1e-10)
    {
        if (gamma is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "value iteration needs 0 < γ < 1 to converge.");
        #region Exercise 3.2-4b: value iteration, sweeping Bellman optimality backups until the largest change is below the tolerance, then the greedy policy (tests: ValueIterationTests)
        var values = new double[p.Count];
        var sweeps = 0;
        while (true)
        {
            sweeps++;
            var delta = 0.0;
            for (var s = 0; s < p.Count; s++)
            {
                var best = Enumerable.Range(0, p[s].Count).Max(a => Backup(p[s][a], values, gamma));
                delta = Math.Max(delta, Math.Abs(best - values[s]));
                values[s] = best;
            }
            if (delta < tolerance) break;
        }
        return new MdpSolution(values, Greedy(p, values, gamma), sweeps);
        #endregion
    }

    /// <summary>The expected one-step return of an action: Σ p (r + γ V(s')), no bootstrap past a terminal transition.</summary>
    public static double Backup(IReadOnlyList<Transition> outcomes, double[] values, double gamma) =>
        outcomes.Sum(t => t.Probability * (t.Reward + (t.Terminated ? 0 : gamma * values[t.NextState])));

    /// <summary>The action with the highest backup in every state (the lowest-numbered on a tie).</summary>
    public static int[] Greedy(IReadOnlyList<IReadOnlyList<IReadOnlyList<Transition>>> p, double[] values, double gamma) =>
        [.. Enumerable.Range(0, p.Count).Select(s =>
        {
            var best = 0;
            for (var a = 1; a < p[s].Count; a++)
                if (Backup(p[s][a], values, gamma) > Backup(p[s][best], values, gamma) + 1e-12) best = a;
            return best;
        })];

    /// <summary>The probability that <paramref name="policy"/>, started in <paramref name="start"/>, collects the goal's
    /// reward within <paramref name="horizon"/> steps: <paramref name="horizon"/> undiscounted backups from zero.</summary>
    public static double SuccessProbability(IReadOnlyList<IReadOnlyList<IReadOnlyList<Transition>>> p, int[] policy, int start, int horizon)
    {
        #region Exercise 3.2-4c: exact finite-horizon evaluation: horizon undiscounted backups of the fixed policy, starting from all zeros (tests: PolicyEvaluationTests)
        var values = new double[p.Count];
        for (var step = 0; step < horizon; step++)
        {
            var next = new double[p.Count];
            for (var s = 0; s < p.Count; s++) next[s] = Backup(p[s][policy[s]], values, 1.0);
            values = next;
        }
        return values[start];
        #endregion
    }

    /// <summary>The discounted values of a fixed policy (iterated to convergence), to compare with the optimal values.</summary>
    public static double[] PolicyValues(IReadOnlyList<IReadOnlyList<IReadOnlyList<Transition>>> p, int[] policy, double gamma, double tolerance = 1e-10)
    {
        var values = new double[p.Count];
        double delta;
        do
        {
            delta = 0;
            for (var s = 0; s < p.Count; s++)
            {
                var v = Backup(p[s][policy[s]], values, gamma);
                delta = Math.Max(delta, Math.Abs(v - values[s]));
                values[s] = v;
            }
        } while (delta >= tolerance);
        return values;
    }
}
