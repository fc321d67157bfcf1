namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>
/// The reference for inference: the full joint table, Πᵢ P(xᵢ | parents) for every assignment of every variable,
/// summed over the assignments that agree with the evidence. Exponential in the number of variables and independent
/// of the factor code, which is why it is the check for <see cref="VariableElimination"/> on small networks.
/// </summary>
public sealed class JointEnumeration
{
    private readonly BayesianNetwork _network;

    public JointEnumeration(BayesianNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        var variables = network.Variables;
        var size = variables.Aggregate(1L, (n, v) => n * v.Cardinality);
        if (size > 1 << 24) throw new ArgumentException($"{network.Name} has {size} joint assignments: too many to enumerate.", nameof(network));
        Joint = new double[size];
        var states = new int[variables.Count];
        var positions = variables.Select((v, i) => (v, i)).ToDictionary(p => p.v.Name, p => p.i);
        var parentPositions = variables.Select(v => network.Parents(v.Name).Select(p => positions[p.Name]).ToArray()).ToArray();
        var parentStates = variables.Select(v => new int[network.Parents(v.Name).Count]).ToArray();
        for (var index = 0L; index < size; index++)
        {
            var rest = index;
            for (var i = variables.Count - 1; i >= 0; i--)
            {
                states[i] = (int)(rest % variables[i].Cardinality);
                rest /= variables[i].Cardinality;
            }
            var p = 1.0;
            for (var i = 0; i < variables.Count && p > 0; i++)
            {
                for (var k = 0; k < parentPositions[i].Length; k++) parentStates[i][k] = states[parentPositions[i][k]];
                p *= network.Cpd(variables[i].Name).Probability(states[i], parentStates[i]);
            }
            Joint[index] = p;
        }
    }

    /// <summary>P(assignment) for every assignment of <see cref="BayesianNetwork.Variables"/>, the last variable fastest.</summary>
    public double[] Joint { get; }

    /// <summary>The marginal of the joint over <paramref name="names"/> (a factor in that order).</summary>
    public Factor Marginal(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var variables = _network.Variables;
        var keep = names.Select(_network.Variable).ToList();
        var positions = keep.Select(k => variables.ToList().IndexOf(k)).ToArray();
        var result = new double[keep.Aggregate(1, (n, v) => n * v.Cardinality)];
        var states = new int[variables.Count];
        for (var index = 0L; index < Joint.Length; index++)
        {
            var rest = index;
            for (var i = variables.Count - 1; i >= 0; i--)
            {
                states[i] = (int)(rest % variables[i].Cardinality);
                rest /= variables[i].Cardinality;
            }
            var target = 0;
            for (var k = 0; k < keep.Count; k++) target = target * keep[k].Cardinality + states[positions[k]];
            result[target] += Joint[index];
        }
        return new Factor(keep, result);
    }

    /// <summary>P(query | evidence) by summing the joint table.</summary>
    public Factor Query(IReadOnlyList<string> query, IReadOnlyDictionary<string, string>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        evidence ??= new Dictionary<string, string>();
        var names = query.Concat(evidence.Keys).ToList();
        var marginal = Marginal(names);
        foreach (var (name, state) in evidence)
            marginal = marginal.Reduce(_network.Variable(name), _network.Variable(name).IndexOf(state));
        return marginal.Normalize();
    }

    /// <summary>Whether X ⟂ Y | Z holds in the joint distribution itself: P(x, y, z) · P(z) = P(x, z) · P(y, z) for every
    /// assignment, to within <paramref name="tolerance"/>.</summary>
    public bool Independent(IReadOnlyList<string> x, IReadOnlyList<string> y, IReadOnlyList<string> z, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(z);
        var xyz = Marginal([.. x, .. y, .. z]);
        var xz = Marginal([.. x, .. z]);
        var yz = Marginal([.. y, .. z]);
        var zz = Marginal(z);
        int Size(IReadOnlyList<string> names) => names.Aggregate(1, (n, v) => n * _network.Variable(v).Cardinality);
        int sx = Size(x), sy = Size(y), sz = Size(z);
        for (var ix = 0; ix < sx; ix++)
            for (var iy = 0; iy < sy; iy++)
                for (var iz = 0; iz < sz; iz++)
                {
                    var lhs = xyz.Values[(ix * sy + iy) * sz + iz] * zz.Values[iz];
                    var rhs = xz.Values[ix * sz + iz] * yz.Values[iy * sz + iz];
                    if (Math.Abs(lhs - rhs) > tolerance) return false;
                }
        return true;
    }
}
