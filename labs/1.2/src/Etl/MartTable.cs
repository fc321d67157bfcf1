namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>One mart built in memory: the columns in the dbt model's order and the rows, one value per column.</summary>
public sealed record MartTable(string Name, IReadOnlyList<MartColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public string CreateSql(string schema) =>
        $"create table \"{schema}\".\"{Name}\" ({string.Join(", ", Columns.Select(c => $"\"{c.Name}\" {c.SqlType}"))})";
}
