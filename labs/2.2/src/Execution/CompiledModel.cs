namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>A model after rendering: its compiled SQL (ephemeral CTEs injected), materialization, target relation and parents.</summary>
public sealed record CompiledModel(string Name, string UniqueId, string RelativePath, string Sql, string Materialized, Relation Relation,
    string? UniqueKey, IReadOnlyList<string> DependsOn);
