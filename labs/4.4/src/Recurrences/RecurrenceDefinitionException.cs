namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>A recurrence is not well defined for the solver: which field, what it was, what was expected.</summary>
public sealed class RecurrenceDefinitionException(string field, string found, string expected)
    : ArgumentException($"recurrence {field}: {found} - expected {expected}.")
{
    public string Field { get; } = field;
}
