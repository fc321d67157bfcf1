namespace StatelessMind.SparkConnect;

/// <summary>One field of a <see cref="SparkSchema"/>.</summary>
public sealed record SparkSchemaField(string Name, string TypeName, bool IsNullable);
