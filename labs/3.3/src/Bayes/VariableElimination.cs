namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>
/// Exact inference by variable elimination (pgmpy's <c>VariableElimination</c>): every CPD becomes a factor, evidence
/// fixes the observed variables in each factor that mentions them, then each hidden variable is summed out of the
/// product of the factors that mention it, in a greedy order that keeps the new factor small (fewest neighbours
/// first). What remains is multiplied and normalised: P(query | evidence).
/// </summary>
public static class VariableElimination
{
    /// <summary>P(<paramref name="query"/> | <paramref name="evidence"/>), a normalised factor over the query variables in the order given.</summary>
    public static Factor Query(BayesianNetwork network, IReadOnlyList<string> query, IReadOnlyDictionary<string, string>? evidence = null,
        InferenceBug bug = InferenceBug.None)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(query);
        evidence ??= new Dictionary<string, string>();
        var queryVariables = query.Select(network.Variable).ToList();
        var observed = evidence.Select(e => (Variable: network.Variable(e.Key), State: network.Variable(e.Key).IndexOf(e.Value))).ToList();
        if (queryVariables.Intersect(observed.Select(o => o.Variable)).FirstOrDefault() is { } both)
            throw new ArgumentException($"{both} is both queried and observed.", nameof(evidence));

        var factors = new List<Factor>();
        foreach (var variable in network.Variables)
        {
            var factor = network.Cpd(variable.Name).ToFactor();
            foreach (var (v, state) in observed)
                if (bug != InferenceBug.EvidenceOnlyInOwnCpd || v.Equals(variable))
                    factor = factor.Reduce(v, state);
            factors.Add(factor);
        }
        // Observed variables have left every factor they were reduced in; everything else not queried is hidden.
        var hidden = factors.SelectMany(f => f.Variables).Distinct().Where(v => !queryVariables.Contains(v)).ToList();
        return Eliminate(factors, EliminationOrder(factors, hidden)).Normalize().Reorder(queryVariables);
    }

    /// <summary>Sums the <paramref name="order"/> variables out of the product of <paramref name="factors"/>, one at a time,
    /// and multiplies what is left (not normalised).</summary>
    public static Factor Eliminate(IReadOnlyList<Factor> factors, IReadOnlyList<Variable> order)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(order);
        #region Exercise 3.3-1d: for each variable in order, multiply the factors that mention it, sum it out, put the result back; then multiply the rest (tests: VariableEliminationTests)
        var pool = factors.ToList();
        foreach (var variable in order)
        {
            var touching = pool.Where(f => f.Contains(variable)).ToList();
            if (touching.Count == 0) continue;
            pool.RemoveAll(touching.Contains);
            pool.Add(touching.Aggregate((a, b) => a.Product(b)).SumOut(variable));
        }
        return pool.Aggregate(Factor.One, (a, b) => a.Product(b));
        #endregion
    }

    /// <summary>Greedy min-neighbours order: next, the hidden variable that shares factors with the fewest other variables.</summary>
    public static IReadOnlyList<Variable> EliminationOrder(IReadOnlyList<Factor> factors, IReadOnlyList<Variable> hidden)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(hidden);
        var scopes = factors.Select(f => f.Variables.ToHashSet()).ToList();
        var left = hidden.ToList();
        var order = new List<Variable>();
        while (left.Count > 0)
        {
            var next = left.MinBy(v => scopes.Where(s => s.Contains(v)).SelectMany(s => s).Distinct().Count())!;
            var merged = scopes.Where(s => s.Contains(next)).SelectMany(s => s).ToHashSet();
            scopes.RemoveAll(s => s.Contains(next));
            merged.Remove(next);
            scopes.Add(merged);
            left.Remove(next);
            order.Add(next);
        }
        return order;
    }
}
