using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.ProbabilisticModels.Markov;

/// <summary>
/// A discrete-time Markov chain on finitely many states: row i of <see cref="Transitions"/> is the distribution of
/// the next state given the current state i, so a distribution (a row vector) moves one step as π ↦ π P. Built from
/// a matrix that is checked: square, non-negative, each row summing to 1.
/// </summary>
public sealed class MarkovChain
{
    /// <summary>How far a row sum may be from 1 (the rows are usually typed in as decimals).</summary>
    public const double RowSumTolerance = 1e-9;

    private readonly ChainBug _bug;

    public MarkovChain(IReadOnlyList<string> states, Matrix<double> transitions, string name = "Markov chain", ChainBug bug = ChainBug.None)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(transitions);
        if (states.Count == 0) throw new ModelDefinitionException(name, "states", "at least one state", "none");
        if (transitions.RowCount != states.Count || transitions.ColumnCount != states.Count)
            throw new ModelDefinitionException(name, "transition matrix", $"{states.Count} × {states.Count} (one row and column per state)",
                $"{transitions.RowCount} × {transitions.ColumnCount}");
        for (var i = 0; i < states.Count; i++)
        {
            for (var j = 0; j < states.Count; j++)
                if (!(transitions[i, j] >= 0) || double.IsInfinity(transitions[i, j]))
                    throw new ModelDefinitionException(name, $"row {i} ({states[i]}), column {j} ({states[j]})", "a probability ≥ 0", $"{transitions[i, j]}");
            var sum = transitions.Row(i).Sum();
            if (Math.Abs(sum - 1) > RowSumTolerance)
                throw new ModelDefinitionException(name, $"row {i} ({states[i]})", "probabilities summing to 1", $"a sum of {sum:R}");
        }
        Name = name;
        States = states;
        Transitions = transitions;
        _bug = bug;
    }

    public string Name { get; }
    public IReadOnlyList<string> States { get; }
    public Matrix<double> Transitions { get; }
    public int Count => States.Count;

    public static MarkovChain FromRows(IReadOnlyList<string> states, double[][] rows, string name = "Markov chain", ChainBug bug = ChainBug.None)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Any(r => r.Length != rows.Length))
            throw new ModelDefinitionException(name, "transition rows", $"{rows.Length} rows of {rows.Length} probabilities", string.Join(", ", rows.Select(r => r.Length)) + " entries per row");
        return new MarkovChain(states, Matrix<double>.Build.DenseOfRowArrays(rows), name, bug);
    }

    /// <summary>The distribution after <paramref name="steps"/> steps from <paramref name="initial"/>: π₀ Pⁿ.</summary>
    public Vector<double> Distribution(Vector<double> initial, int steps)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (initial.Count != Count) throw new ModelDefinitionException(Name, "initial distribution", $"{Count} probabilities", $"{initial.Count}");
        var pi = initial.Clone();
        for (var n = 0; n < steps; n++) pi = Transitions.LeftMultiply(pi);
        return pi;
    }

    /// <summary>The stationary distribution π (π P = π, Σ π = 1) of an irreducible chain.</summary>
    /// <exception cref="ModelDefinitionException">The chain is reducible, so its stationary distribution is not unique.</exception>
    public Vector<double> Stationary()
    {
        for (var i = 0; i < Count; i++)
        {
            var reached = Reachable(i);
            if (reached.Count != Count)
                throw new ModelDefinitionException(Name, "transition matrix", "an irreducible chain (every state reachable from every state)",
                    $"{States[Enumerable.Range(0, Count).First(j => !reached.Contains(j))]} unreachable from {States[i]}");
        }
        var system = _bug == ChainBug.StationaryFromUntransposedMatrix ? Transitions : Transitions.Transpose();
        return SolveStationary(system);
    }

    /// <summary>Solves (Pᵀ − I) π = 0 with Σ π = 1, given Pᵀ of an irreducible chain.</summary>
    internal static Vector<double> SolveStationary(Matrix<double> transposed)
    {
        #region Exercise 3.3-1a: solve (P transposed − I) pi = 0 with one equation replaced by sum(pi) = 1 (tests: MarkovChainTests.Two_state_chain_has_the_closed_form_stationary_distribution_and_n_step_law, MarkovChainTests.Stationary_distribution_of_the_node_health_chain_is_a_fixed_point_and_the_limit, MarkovChainTests.A_doubly_stochastic_chain_has_the_uniform_stationary_distribution, MarkovChainTests.Planted_bug_solving_with_P_instead_of_its_transpose_fails_the_fixed_point_check)
        var n = transposed.RowCount;
        var a = transposed - Matrix<double>.Build.DenseIdentity(n);
        // The n equations are linearly dependent (the columns of Pᵀ − I sum to zero): replace the last by Σ π = 1.
        a.SetRow(n - 1, Vector<double>.Build.Dense(n, 1.0));
        var b = Vector<double>.Build.Dense(n);
        b[n - 1] = 1;
        return a.Solve(b);
        #endregion
    }

    /// <summary>The states reachable from <paramref name="start"/> (itself included) along positive transitions.</summary>
    public HashSet<int> Reachable(int start)
    {
        var seen = new HashSet<int> { start };
        var stack = new Stack<int>([start]);
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            for (var j = 0; j < Count; j++)
                if (Transitions[i, j] > 0 && seen.Add(j)) stack.Push(j);
        }
        return seen;
    }

    /// <summary>The fundamental-matrix analysis of an absorbing chain (a state i is absorbing when P[i, i] = 1).</summary>
    /// <exception cref="ModelDefinitionException">No state is absorbing, or some transient state cannot reach one.</exception>
    public AbsorbingAnalysis Absorbing()
    {
        var absorbing = Enumerable.Range(0, Count).Where(i => Transitions[i, i] == 1.0).ToList();
        var transient = Enumerable.Range(0, Count).Where(i => Transitions[i, i] != 1.0).ToList();
        if (absorbing.Count == 0) throw new ModelDefinitionException(Name, "transition matrix", "at least one absorbing state (P[i, i] = 1)", "none");
        if (transient.Count == 0) throw new ModelDefinitionException(Name, "transition matrix", "at least one transient state", "every state absorbing");
        foreach (var i in transient)
            if (!Reachable(i).Overlaps(absorbing))
                throw new ModelDefinitionException(Name, $"state {States[i]}", "every transient state able to reach an absorbing one", "no absorbing state reachable");
        var analysis = Analyse(Transitions, transient, absorbing);
        if (_bug == ChainBug.ExpectedStepsOffByOne)
            analysis = analysis with { ExpectedSteps = analysis.ExpectedSteps - 1 };
        return analysis;
    }

    internal static AbsorbingAnalysis Analyse(Matrix<double> p, IReadOnlyList<int> transient, IReadOnlyList<int> absorbing)
    {
        #region Exercise 3.3-1b: cut P into Q and R, N = (I − Q) inverse, expected steps N·1, absorption probabilities N·R (tests: AbsorbingChainTests.Gamblers_ruin_matches_its_closed_forms, AbsorbingChainTests.Retries_succeed_with_probability_one_minus_q_to_the_k, AbsorbingChainTests.Planted_bug_off_by_one_steps_is_caught_by_the_closed_form, AbsorbingChainTests.Simulated_ruin_agrees_with_the_fundamental_matrix)
        var t = transient.Count;
        var q = Matrix<double>.Build.Dense(t, t, (i, j) => p[transient[i], transient[j]]);
        var r = Matrix<double>.Build.Dense(t, absorbing.Count, (i, j) => p[transient[i], absorbing[j]]);
        var fundamental = (Matrix<double>.Build.DenseIdentity(t) - q).Inverse();
        var steps = fundamental * Vector<double>.Build.Dense(t, 1.0);
        return new AbsorbingAnalysis(transient, absorbing, fundamental, steps, fundamental * r);
        #endregion
    }

    /// <summary>The next state from <paramref name="state"/> for a uniform draw <paramref name="u"/> in [0, 1).</summary>
    public int Step(int state, double u)
    {
        var cumulative = 0.0;
        for (var j = 0; j < Count; j++)
        {
            cumulative += Transitions[state, j];
            if (u < cumulative) return j;
        }
        // Rounding can leave the sum just below 1: the last state with positive probability.
        for (var j = Count - 1; j >= 0; j--)
            if (Transitions[state, j] > 0) return j;
        return state;
    }

    /// <summary>The state reached after <paramref name="steps"/> simulated steps from <paramref name="start"/>.</summary>
    public int Walk(int start, int steps, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var state = start;
        for (var n = 0; n < steps; n++) state = Step(state, random.NextDouble());
        return state;
    }

    /// <summary>Simulates from <paramref name="start"/> until an absorbing state: (steps taken, absorbing state).</summary>
    public (int Steps, int State) WalkToAbsorption(int start, Random random, int maxSteps = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(random);
        var state = start;
        for (var n = 0; n < maxSteps; n++)
        {
            if (Transitions[state, state] == 1.0) return (n, state);
            state = Step(state, random.NextDouble());
        }
        throw new InvalidOperationException($"{Name}: no absorption within {maxSteps} steps from {States[start]}.");
    }
}
