using System.Globalization;

namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>
/// A Bayesian network: a directed acyclic graph over discrete variables with one conditional probability table per
/// variable, so that the joint distribution is P(x₁ … xₙ) = Πᵢ P(xᵢ | parents(xᵢ)). <see cref="Define"/> checks the
/// definition — every parent defined, no cycle, every table of the right size with each conditional distribution
/// non-negative and summing to 1 — and says exactly what is wrong otherwise.
/// </summary>
public sealed class BayesianNetwork
{
    /// <summary>How far a conditional distribution may sum from 1.</summary>
    public const double SumTolerance = 1e-9;

    private readonly Dictionary<string, ConditionalProbabilityTable> _cpds;
    private readonly Dictionary<string, List<Variable>> _children;

    private BayesianNetwork(string name, IReadOnlyList<Variable> order, Dictionary<string, ConditionalProbabilityTable> cpds)
    {
        Name = name;
        Variables = order;
        _cpds = cpds;
        _children = order.ToDictionary(v => v.Name, _ => new List<Variable>());
        foreach (var cpd in order.Select(v => cpds[v.Name]))
            foreach (var parent in cpd.Parents)
                _children[parent.Name].Add(cpd.Child);
    }

    public string Name { get; }

    /// <summary>The variables in a topological order (every parent before its children).</summary>
    public IReadOnlyList<Variable> Variables { get; }

    public Variable Variable(string name) =>
        _cpds.TryGetValue(name, out var cpd) ? cpd.Child : throw new ArgumentException($"{Name} has no variable '{name}'.", nameof(name));

    public ConditionalProbabilityTable Cpd(string name) => _cpds[Variable(name).Name];

    public IReadOnlyList<Variable> Parents(string name) => Cpd(name).Parents;

    public IReadOnlyList<Variable> Children(string name) => _children[Variable(name).Name];

    /// <summary>Builds and checks a network from its nodes, given in any order.</summary>
    /// <exception cref="ModelDefinitionException">A node is defined twice, names an undefined parent, or has a bad table.</exception>
    /// <exception cref="CyclicGraphException">The parent links form a cycle.</exception>
    public static BayesianNetwork Define(string name, IEnumerable<NodeDefinition> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var definitions = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (node.States.Count < 1 || node.States.Distinct().Count() != node.States.Count)
                throw new ModelDefinitionException(name, $"node {node.Name}", "one or more distinct states", string.Join(", ", node.States));
            if (!definitions.TryAdd(node.Name, node))
                throw new ModelDefinitionException(name, $"node {node.Name}", "one definition per variable", "a second definition");
        }
        foreach (var node in definitions.Values)
            foreach (var parent in node.Parents)
                if (!definitions.ContainsKey(parent))
                    throw new ModelDefinitionException(name, $"node {node.Name}", $"a defined parent", $"the undefined parent '{parent}'");

        var order = TopologicalOrder(name, definitions);
        var variables = definitions.Values.ToDictionary(d => d.Name, d => new Variable(d.Name, d.States));
        var cpds = new Dictionary<string, ConditionalProbabilityTable>(StringComparer.Ordinal);
        foreach (var node in order.Select(n => definitions[n]))
        {
            var parents = node.Parents.Select(p => variables[p]).ToList();
            CheckTable(name, node, parents);
            cpds[node.Name] = new ConditionalProbabilityTable(variables[node.Name], parents, [.. node.Table]);
        }
        return new BayesianNetwork(name, [.. order.Select(n => variables[n])], cpds);
    }

    /// <summary>The same graph with every conditional distribution drawn at random (uniform on the simplex): such
    /// tables have no independence beyond those the graph implies, with probability 1.</summary>
    public BayesianNetwork WithRandomTables(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Define(Name + " (random tables)", Variables.Select(v =>
        {
            var cpd = _cpds[v.Name];
            var rows = cpd.Values.Count / v.Cardinality;
            var table = new List<double>();
            for (var r = 0; r < rows; r++)
            {
                var draws = Enumerable.Range(0, v.Cardinality).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray(); // Exp(1): normalised, uniform on the simplex
                var sum = draws.Sum();
                table.AddRange(draws.Select(d => d / sum));
            }
            return new NodeDefinition(v.Name, v.States, [.. cpd.Parents.Select(p => p.Name)], table);
        }));
    }

    private static void CheckTable(string name, NodeDefinition node, IReadOnlyList<Variable> parents)
    {
        var rows = parents.Aggregate(1, (n, p) => n * p.Cardinality);
        var expected = rows * node.States.Count;
        if (node.Table.Count != expected)
            throw new ModelDefinitionException(name, $"the CPD of {node.Name}",
                $"{expected} entries ({rows} parent assignments × {node.States.Count} states)", $"{node.Table.Count}");
        for (var r = 0; r < rows; r++)
        {
            var sum = 0.0;
            for (var s = 0; s < node.States.Count; s++)
            {
                var p = node.Table[r * node.States.Count + s];
                if (!(p >= 0) || p > 1)
                    throw new ModelDefinitionException(name, $"P({node.Name} = {node.States[s]} | {Assignment(parents, r)})", "a probability in [0, 1]",
                        p.ToString("R", CultureInfo.InvariantCulture));
                sum += p;
            }
            if (Math.Abs(sum - 1) > SumTolerance)
                throw new ModelDefinitionException(name, $"P({node.Name} | {Assignment(parents, r)})", "a distribution summing to 1",
                    "a sum of " + sum.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static string Assignment(IReadOnlyList<Variable> parents, int row)
    {
        if (parents.Count == 0) return "no parents";
        var states = new string[parents.Count];
        for (var i = parents.Count - 1; i >= 0; i--)
        {
            states[i] = $"{parents[i].Name} = {parents[i].States[row % parents[i].Cardinality]}";
            row /= parents[i].Cardinality;
        }
        return string.Join(", ", states);
    }

    /// <summary>Depth-first search; a node met again while still on the stack closes a cycle, which is reported.</summary>
    private static List<string> TopologicalOrder(string name, Dictionary<string, NodeDefinition> nodes)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // absent: unseen, 1: on the stack, 2: done
        var order = new List<string>();
        var path = new List<string>();
        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var parent in nodes[node].Parents)
            {
                state.TryGetValue(parent, out var s);
                if (s == 1)
                {
                    // path runs child → parent; the cycle, read along the arrows (parent → child), is its reverse.
                    var cycle = path.Skip(path.IndexOf(parent)).Reverse().ToList();
                    cycle.Add(cycle[0]);
                    throw new CyclicGraphException(name, cycle);
                }
                if (s == 0) Visit(parent);
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            order.Add(node); // after all its parents
        }
        foreach (var node in nodes.Keys.Order(StringComparer.Ordinal))
            if (!state.ContainsKey(node)) Visit(node);
        return order;
    }
}
