namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>A definition or a feature reference is invalid: names the definition, the field and what was expected.</summary>
public sealed class FeatureDefinitionException(string definition, string field, string expected)
    : Exception($"Feature definition '{definition}', field '{field}': expected {expected}.")
{
    public string Definition { get; } = definition;
    public string Field { get; } = field;
}
