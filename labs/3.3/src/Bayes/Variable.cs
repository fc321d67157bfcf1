namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>A discrete random variable: a name and its states. Two variables are the same when their names are.</summary>
public sealed record Variable(string Name, IReadOnlyList<string> States)
{
    public int Cardinality => States.Count;

    public int IndexOf(string state)
    {
        for (var i = 0; i < States.Count; i++)
            if (States[i] == state) return i;
        throw new ArgumentException($"'{state}' is not a state of {Name} (states: {string.Join(", ", States)}).", nameof(state));
    }

    public bool Equals(Variable? other) => other is not null && other.Name == Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;
}
