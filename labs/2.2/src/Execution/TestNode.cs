namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>
/// A data test as a node of the DAG: generic (from a schema.yml column) or singular (a file under tests/). Its parents
/// are the models, seeds and sources its SQL reads; <see cref="Column"/> and <see cref="Kind"/> are null for a singular test.
/// </summary>
public sealed record TestNode(string UniqueId, string Name, string? Kind, string? Column, string? AttachedTo, string OriginalFilePath,
    IReadOnlyList<string> DependsOn, IReadOnlyDictionary<string, object?> Arguments);
