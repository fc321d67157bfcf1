namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>An expression was evaluated without a value for one of its variables.</summary>
public sealed class UnboundVariableException(string name, IEnumerable<string> bound)
    : KeyNotFoundException($"The expression uses the variable '{name}', but no value was given for it (values were given for: {string.Join(", ", bound.DefaultIfEmpty("none"))}).")
{
    public string Name { get; } = name;
}
