namespace StatelessMind.Labs.Transformation.Project;

/// <summary>A table declared under <c>sources:</c> in a schema.yml.</summary>
public sealed record SourceTable(string SourceName, string TableName, string Schema, string Identifier)
{
    public string UniqueId => $"source.{SourceName}.{TableName}";
}
