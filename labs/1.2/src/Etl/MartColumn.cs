using NpgsqlTypes;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>One column of a mart: its name, its PostgreSQL type as the dbt model produces it, and the COPY type.</summary>
public sealed record MartColumn(string Name, string SqlType, NpgsqlDbType CopyType);
