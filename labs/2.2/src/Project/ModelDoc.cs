namespace StatelessMind.Labs.Transformation.Project;

/// <summary>A model's documentation from a schema.yml: its description and each column's.</summary>
public sealed record ModelDoc(string Name, string Description, IReadOnlyDictionary<string, string> Columns);
