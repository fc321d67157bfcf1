namespace StatelessMind.Labs.ProbabilisticModels.Optimization;

/// <summary>Whether the objective is maximized or minimized.</summary>
public enum ObjectiveSense
{
    Maximize,
    Minimize,
}

/// <summary>A decision variable: <c>Lower ≤ x ≤ Upper</c> (either bound may be infinite) with objective coefficient <c>Cost</c>.</summary>
public sealed record LpVariable(string Name, double Lower, double Upper, double Cost);

/// <summary>A row <c>Lower ≤ Σ aⱼ xⱼ ≤ Upper</c> (an equality when both bounds are equal; −∞ or +∞ for a one-sided row).
/// <c>Coefficients[j]</c> belongs to variable j of the program.</summary>
public sealed record LpConstraint(string Name, double[] Coefficients, double Lower, double Upper);

/// <summary>
/// A linear program in the form solvers use: optimize c·x subject to row bounds L ≤ A x ≤ U and variable bounds
/// l ≤ x ≤ u. The model is checked as it is built (finite coefficients, known variables, bounds in order, unique
/// names), so a solver never sees a malformed model.
/// </summary>
public sealed class LinearProgram(string name, ObjectiveSense sense)
{
    private readonly List<LpVariable> _variables = [];
    private readonly List<(string Name, Dictionary<int, double> Terms, double Lower, double Upper)> _rows = [];

    public string Name { get; } = name;
    public ObjectiveSense Sense { get; } = sense;
    public IReadOnlyList<LpVariable> Variables => _variables;

    /// <summary>The rows, each with one coefficient per variable (0 where the variable does not appear).</summary>
    public IReadOnlyList<LpConstraint> Constraints =>
        [.. _rows.Select(r => new LpConstraint(r.Name, [.. Enumerable.Range(0, _variables.Count).Select(j => r.Terms.GetValueOrDefault(j))], r.Lower, r.Upper))];

    public int AddVariable(string variable, double cost, double lower = 0, double upper = double.PositiveInfinity)
    {
        if (string.IsNullOrWhiteSpace(variable)) throw new ModelDefinitionException(Name, "a variable", "a name", "an empty one");
        if (_variables.Any(v => v.Name == variable)) throw new ModelDefinitionException(Name, $"variable {variable}", "a name used once", "a second variable of that name");
        if (!double.IsFinite(cost)) throw new ModelDefinitionException(Name, $"variable {variable}", "a finite objective coefficient", cost.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        CheckBounds($"variable {variable}", lower, upper);
        _variables.Add(new LpVariable(variable, lower, upper, cost));
        return _variables.Count - 1;
    }

    /// <summary>Adds <c>lower ≤ Σ coefficient · variable ≤ upper</c>; the terms name variables already added.</summary>
    public void AddConstraint(string constraint, IEnumerable<(string Variable, double Coefficient)> terms, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (string.IsNullOrWhiteSpace(constraint)) throw new ModelDefinitionException(Name, "a constraint", "a name", "an empty one");
        if (_rows.Any(r => r.Name == constraint)) throw new ModelDefinitionException(Name, $"constraint {constraint}", "a name used once", "a second constraint of that name");
        CheckBounds($"constraint {constraint}", lower, upper);
        var row = new Dictionary<int, double>();
        foreach (var (variable, coefficient) in terms)
        {
            var j = _variables.FindIndex(v => v.Name == variable);
            if (j < 0) throw new ModelDefinitionException(Name, $"constraint {constraint}", "terms over declared variables", $"an unknown variable {variable}");
            if (!double.IsFinite(coefficient))
                throw new ModelDefinitionException(Name, $"constraint {constraint}, variable {variable}", "a finite coefficient", coefficient.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            row[j] = row.GetValueOrDefault(j) + coefficient;
        }
        if (row.Count == 0) throw new ModelDefinitionException(Name, $"constraint {constraint}", "at least one term", "none");
        _rows.Add((constraint, row, lower, upper));
    }

    public void AddLessOrEqual(string constraint, IEnumerable<(string Variable, double Coefficient)> terms, double upper) =>
        AddConstraint(constraint, terms, double.NegativeInfinity, upper);

    public void AddGreaterOrEqual(string constraint, IEnumerable<(string Variable, double Coefficient)> terms, double lower) =>
        AddConstraint(constraint, terms, lower, double.PositiveInfinity);

    /// <summary>c·x for a point x.</summary>
    public double Objective(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return _variables.Select((v, j) => v.Cost * x[j]).Sum();
    }

    private void CheckBounds(string location, double lower, double upper)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower == double.PositiveInfinity || upper == double.NegativeInfinity || lower > upper)
            throw new ModelDefinitionException(Name, location, "bounds lower ≤ upper (lower < +∞, upper > −∞)",
                $"[{lower.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {upper.ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
    }
}
