namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>P(<see cref="Child"/> | <see cref="Parents"/>), laid out as <see cref="NodeDefinition.Table"/> describes.
/// Its factor has the parents first and the child last, so the layouts coincide.</summary>
public sealed class ConditionalProbabilityTable(Variable child, IReadOnlyList<Variable> parents, double[] values)
{
    public Variable Child { get; } = child;
    public IReadOnlyList<Variable> Parents { get; } = parents;
    public IReadOnlyList<double> Values { get; } = values;

    /// <summary>P(child = <paramref name="childState"/> | parents = <paramref name="parentStates"/>).</summary>
    public double Probability(int childState, ReadOnlySpan<int> parentStates)
    {
        var row = 0;
        for (var i = 0; i < Parents.Count; i++) row = row * Parents[i].Cardinality + parentStates[i];
        return Values[row * Child.Cardinality + childState];
    }

    public Factor ToFactor() => new([.. Parents, Child], [.. Values]);
}
