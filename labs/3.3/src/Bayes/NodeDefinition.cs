namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>
/// One node of a Bayesian network as written down: its states, its parents (by name) and its conditional probability
/// table. <see cref="Table"/> holds, for each assignment of the parents (in the order given, the last parent changing
/// fastest, each over its states in order), the child's distribution over its states in order — so a node with
/// parents A (2 states) and B (3 states) and 2 states of its own has 2 · 3 · 2 = 12 entries.
/// </summary>
public sealed record NodeDefinition(string Name, IReadOnlyList<string> States, IReadOnlyList<string> Parents, IReadOnlyList<double> Table)
{
    /// <summary>A node with no parents.</summary>
    public static NodeDefinition Root(string name, IReadOnlyList<string> states, params double[] table) => new(name, states, [], table);
}
