namespace StatelessMind.Labs.Transformation.Project;

/// <summary>A model (<c>models/**/*.sql</c>): its name, path under the project, raw SQL and the folder-level config from dbt_project.yml.</summary>
public sealed record ModelFile(string Name, string RelativePath, string RawSql, IReadOnlyDictionary<string, object?> ProjectConfig);
