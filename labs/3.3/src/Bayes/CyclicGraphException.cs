namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>A Bayesian network whose parent links form a cycle: a joint distribution cannot be factored along it.
/// <see cref="Cycle"/> lists the variables around the cycle, the first repeated at the end.</summary>
public sealed class CyclicGraphException(string model, IReadOnlyList<string> cycle)
    : ModelDefinitionException(model, "parent links", "a directed acyclic graph", "the cycle " + string.Join(" → ", cycle))
{
    public IReadOnlyList<string> Cycle { get; } = cycle;
}
