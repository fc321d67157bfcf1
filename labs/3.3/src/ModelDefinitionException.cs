namespace StatelessMind.Labs.ProbabilisticModels;

/// <summary>A model (a Markov chain, a Bayesian network, a linear program, a flow network) that is not well defined:
/// which model, where in it (a row, a CPD and the parent values, an arc), what was expected and what was found.
/// Models are checked when they are built, so a bad one never reaches an algorithm that would silently
/// answer something.</summary>
public class ModelDefinitionException(string model, string location, string expected, string found)
    : Exception($"{model}, {location}: expected {expected}, found {found}.")
{
    public string Model { get; } = model;
    public string Location { get; } = location;
    public string Expected { get; } = expected;
    public string Found { get; } = found;
}
